// The reviewer's page (/join#token): joins, shows the room and the shared notes.
import { byId, localize } from './dom.js';
import { t } from './strings.js';
import { Announcer } from './announcer.js';
import { NotesView } from './notes-view.js';
import { RoomView } from './room-view.js';
import { joinSession, EditsKeptNotice, takeToken, takeLaterTokens, showNotice, fatalNotice, keepsTokenAfter } from './session-page.js';
import { offerControls } from './cofacilitation.js';
import { RecordOffer } from './record-offer.js';
import { KeptEdits } from './kept-edits.js';

localize();
document.title = t('page.join');
const main = byId('main');
const banner = byId('connection-banner');
const token = takeToken('reviewroom.join.token');
takeLaterTokens('reviewroom.join.token');
const announcer = new Announcer();

if (!token) {
  showNotice(main, { heading: t('notice.noLink.heading'), body: t('notice.noLink.body') });
} else {
  let room = null;
  const kept = new KeptEdits(sessionStorage, { link: token });
  // While not connected, unsent edits make the banner say they are kept: on each status change
  // and as soon as something is typed (not only at the next reconnect attempt).
  const editsKept = new EditsKeptNotice(banner, (text) => announcer.say(text));
  const showEditsKept = () => editsKept.update(connection, room?.notesView, { lossSaid: lossSaid() });
  const { model, connection, lossSaid } = joinSession({
    hello: () => ({ token }),
    banner,
    announce: (text) => announcer.say(text),
    onLossSaid: () => showEditsKept(),
    onReplayDone: () => { room?.notesView.replayDone(); room?.replayDone(); },
    onEphemeral: (msg) => room?.ephemeral(msg),
    // A co-facilitator's way to the console's controls (the console's sign-in cannot open another facilitator's session).
    onWelcome: (msg) => {
      // The room display's link opened as a room page (a display audit): it is a projector's, so
      // the display page takes it, as if it had been opened there.
      if (msg.you?.role === 'display') {
        connection.stop();
        sessionStorage.setItem('reviewroom.display.token', token);
        sessionStorage.removeItem('reviewroom.join.token');
        location.replace('display');
        return;
      }
      offerControls(document.querySelector('.site-header'), msg.you);
    },
    onFatal: (failure) => {
      if (keepsTokenAfter(failure.kind)) sessionStorage.setItem('reviewroom.join.token', token);
      else sessionStorage.removeItem('reviewroom.join.token');
      // Before any welcome, what was kept from before a reload is only in the tab: shown too, to copy.
      const unsaved = [...(room?.notesView.unsavedNotes() ?? []), ...(model.session ? [] : kept.waiting())];
      fatalNotice(main, failure, () => location.reload(), (text) => announcer.say(text, true), unsaved);
      // Not open yet: a workshop's host staff can still read the review it follows, to prepare.
      if (failure.kind === 'not_open') recordOffer.showFollowedBeside(main);
    },
    onStatus: (state) => {
      if (state === 'online') editsKept.online();
      else showEditsKept();
      room?.statusChanged(state);
      room?.notesView.connectionChanged();
    },
  });
  const notesView = new NotesView(null, { model, connection, announce: (text) => announcer.say(text), onLocalEdit: showEditsKept,
    onAllSaved: () => editsKept.allSaved(connection), kept });
  const recordOffer = new RecordOffer(token, () => { room?.renderRecord(model.session); recordOffer.redrawBeside(); });
  room = new RoomView(main, { model, connection, announcer, notesView, recordOffer, keptEdits: kept });
  window.addEventListener('beforeunload', (event) => { if (notesView.hasUnsynced) event.preventDefault(); });
  // For the browser tests: read-only access to what this page shows.
  window.reviewroom = { model, connection, notesView, announcer, room };
  connection.connect();
}
