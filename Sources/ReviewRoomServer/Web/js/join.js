// The reviewer's page (/join#token): joins, shows the room and the shared notes.
import { byId, localize } from './dom.js';
import { t } from './strings.js';
import { Announcer } from './announcer.js';
import { NotesView } from './notes-view.js';
import { RoomView } from './room-view.js';
import { joinSession, takeToken, showNotice, fatalNotice } from './session-page.js';

localize();
document.title = t('page.join');
const main = byId('main');
const banner = byId('connection-banner');
const token = takeToken('reviewroom.join.token');
const announcer = new Announcer();

if (!token) {
  showNotice(main, { heading: t('notice.noLink.heading'), body: t('notice.noLink.body') });
} else {
  let room = null;
  const { model, connection } = joinSession({
    hello: () => ({ token }),
    banner,
    onReplayDone: () => room?.notesView.resendPending(),
    onEphemeral: (msg) => room?.ephemeral(msg),
    onFatal: (failure) => {
      sessionStorage.removeItem('reviewroom.join.token');
      if (failure.kind === 'not_open') sessionStorage.setItem('reviewroom.join.token', token);
      fatalNotice(main, failure, () => location.reload(), (text) => announcer.say(text, true));
    },
    onStatus: (state) => {
      if (state === 'online' || !room) return;
      if (room.notesView.hasUnsynced) banner.textContent = t('conn.editsKept');
    },
  });
  const notesView = new NotesView(null, { model, connection, announce: (text) => announcer.say(text) });
  room = new RoomView(main, { model, connection, announcer, notesView });
  window.addEventListener('beforeunload', (event) => { if (notesView.hasUnsynced) event.preventDefault(); });
  // For the browser tests: read-only access to what this page shows.
  window.reviewroom = { model, connection, notesView };
  connection.connect();
}
