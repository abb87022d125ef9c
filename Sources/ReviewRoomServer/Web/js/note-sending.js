// A note's edits on their way to the server: each `note.edit` sent (again after a reconnect),
// its ack confirming it, and what a refusal does: a refused edit dropped and the note resynced
// from the server's text, a large paste taken back whole, the refusal shown and said once, edits
// that reached the server only after the review ended kept under the note to copy, and
// smaller pieces after the server closed the connection on a message too big (1009).
import { t } from './strings.js';
import { deletingRanges } from './text-ranges.js';
import { showUnsent } from './note-panels.js';

/** How long a `rate_limited` edit waits before it is sent again (the server refills 50 messages a second by default). */
export const RATE_LIMITED_RETRY_MS = 1000;

/** Below this many inserted units an edit the server still closes the connection on (1009) is dropped. */
const MIN_INSERT_UNITS = 256;

export class NoteSending {
  /** `view` is the NotesView: its notes, connection, `announce`, clients and render methods. */
  constructor(view) {
    this.view = view;
    this.lastEdit = null; // {id, opId} of the last `note.edit` sent
  }

  /** Sends an edit of note `id` (NoteClient's `send`); nothing while offline (sent again once reconnected). */
  send(id, entry, edit) {
    const view = this.view;
    view.renderStatus(entry);
    if (!view.connection.online) return;
    this.lastEdit = { id, opId: edit.opId };
    view.connection.command('note.edit', { note: id, rev: edit.rev, opId: edit.opId, op: edit.op.toJSON() })
      .then((ack) => {
        // Others' edits held for the next frame or an input method's composition
        // (NoteRemote.event) come before this edit's echo, which confirms it when it is shown:
        // confirming from the ack now would move the client's revision past others' edits it
        // has not applied, and its next edit would land in the wrong place. The ack is kept
        // for when they have been shown (`heldAck`).
        if (entry.held?.length) { entry.heldAck = { opId: edit.opId, rev: ack.rev }; view.renderStatus(entry); return; }
        if (entry.client.outstanding && entry.client.outstanding.opId === edit.opId) entry.client.confirm(ack.rev ?? entry.client.revision);
        this.settled(entry);
      })
      .catch((error) => {
        if (error.code === 'offline') return; // resent after the reconnect
        if (entry.client.outstanding?.opId !== edit.opId) return; // settled meanwhile
        if (error.code === 'session_ended') { this.endedUnsent(id, entry); return; }
        // Over the message rate: nothing was applied and the opId is not used up (PROTOCOL
        // §3.2, §3.4), so the same edit goes again once the allowance has refilled. It used to
        // be dropped and the note fetched again at once, refused too: the note then stopped
        // saving until the next reconnect while the page showed everything typed.
        if (error.code === 'rate_limited') { this.resendLater(id, entry, edit); return; }
        // A refused edit (too large, invalid) would block every later one: start again from the
        // server's text, without the refused edit but with what was typed after it.
        // The notice stays until the next keystroke: the edits carried past it must not hide it.
        this.resync(id, entry).finally(() => {
          this.takeBackPaste(id, entry);
          this.showRefusal(entry, this.refusalText(entry, error), error.code === 'too_large');
        });
      });
  }

  /**
   * One of this page's edits was confirmed (by its ack, or by its echo when the ack came while
   * others' edits were held): a refusal may be said again, a large paste all saved is no longer
   * taken back by a later refusal.
   */
  settled(entry) {
    this.rearmRefusal(entry);
    if (entry.client.state === 'synchronized') entry.paste = null;
    this.view.renderStatus(entry);
  }

  /**
   * After the ops held for a note were shown: the ack kept meanwhile (`send`) settles its edit
   * if that edit's echo among them did not — an edit the server found had nothing left to
   * change (someone else deleted the same text first) has no echo, and without this its note
   * waited for one for ever, every later keystroke unsent.
   */
  heldAck(entry) {
    const ack = entry.heldAck;
    if (!ack || entry.held?.length) return;
    entry.heldAck = null;
    if (entry.client.outstanding?.opId === ack.opId) entry.client.confirm(ack.rev ?? entry.client.revision);
    this.settled(entry);
  }

  /** Sends the outstanding edit again after `RATE_LIMITED_RETRY_MS`, if it is still `edit` and still unanswered. */
  resendLater(id, entry, edit) {
    clearTimeout(entry.rateRetry);
    entry.rateRetry = setTimeout(() => {
      entry.rateRetry = null;
      const outstanding = entry.client.outstanding;
      if (outstanding && outstanding.opId === edit.opId && this.view.connection.online) this.send(id, entry, outstanding);
    }, RATE_LIMITED_RETRY_MS);
  }

  /** After `resumed` and its replay: unconfirmed ops go out again with their rev and opId. */
  resendPending() {
    for (const [id, entry] of this.view.notes) {
      if (entry.client.outstanding) this.send(id, entry, entry.client.outstanding);
    }
  }

  /**
   * Our wording for a refused edit: a note too full for it in plain words, anything else as the
   * server says it. Called once the page holds the server's text again (a paste taken back), so
   * the room left is what the note can still take: a paste probe had a 1,001-emoji paste into an
   * empty note called "full". The limit counts UTF-16 units (PROTOCOL §3.3), so an emoji is two.
   */
  refusalText(entry, error) {
    if (error.code !== 'too_large') return t('notes.refused', { message: error.message });
    const limit = Number(/limit is (\d+)/.exec(error.message ?? '')?.[1]);
    if (!limit) return t('notes.fullNoLimit', { title: entry.title });
    const free = limit - entry.shown.length;
    const shown = (n) => n.toLocaleString('en-GB');
    return free > 0 ? t('notes.noRoom', { title: entry.title, free: shown(free), limit: shown(limit) })
      : t('notes.full', { title: entry.title, limit: shown(limit) });
  }

  /**
   * Shows a refusal under the note until the next keystroke and says it once: refusals one after
   * another (the pieces of a large paste, keystrokes in a full note) are said again only after
   * an edit got through (`rearmRefusal`). For a full note (`full`) the note's length as the
   * server has it is kept with it.
   */
  showRefusal(entry, text, full = false) {
    if (entry.saidRefusal !== text) this.view.announce?.(text);
    entry.saidRefusal = text;
    entry.fullAtUnits = full ? entry.client.serverText.length : null;
    entry.notice = text;
    this.view.renderStatus(entry);
  }

  /**
   * One of this person's edits got through: the refusal said last may be said again — but "full"
   * only once the note is shorter than when it was said. Keystrokes typed fast into a full note
   * are sent in several edits; those that fit its last free units get through between refusals
   * and must not have "full" said again for each.
   */
  rearmRefusal(entry) {
    if (entry.fullAtUnits != null && entry.client.serverText.length >= entry.fullAtUnits) return;
    entry.saidRefusal = null;
    entry.fullAtUnits = null;
  }

  /**
   * The server closed the connection on a message too big (1009): the last edit sent was over
   * its `max_message_bytes`. Edits go out in pieces half that size from now on; an edit already
   * this small is dropped with a notice, so a reconnect never sends the same message again.
   */
  messageTooBig() {
    const view = this.view;
    const entry = this.lastEdit && view.notes.get(this.lastEdit.id);
    const client = entry?.client;
    if (!client?.outstanding || client.outstanding.opId !== this.lastEdit.opId) return;
    const units = client.outstanding.op.insertedUnits;
    if (units <= MIN_INSERT_UNITS) {
      client.dropOutstanding();
      this.takeBackPaste(this.lastEdit.id, entry);
      this.showRefusal(entry, t('notes.tooBig'));
      return;
    }
    view.maxInsertUnits = Math.max(MIN_INSERT_UNITS, Math.floor(Math.min(view.maxInsertUnits, units) / 2));
    for (const other of view.notes.values()) other.client.rechunk(view.maxInsertUnits);
    view.renderStatus(entry);
  }

  /**
   * Replaces a note's state with the server's (after a refused edit). The refused (outstanding)
   * edit is dropped; edits typed after it are rebased onto the server's text and sent.
   */
  async resync(id, entry) {
    const view = this.view;
    try {
      const ack = await view.connection.command('note.get', { note: id });
      const old = entry.client;
      entry.client = view.newClient(id, entry, ack.note);
      try { entry.client.adopt(old, { dropOutstanding: true }); } catch { /* out of step: the server's text stands */ }
      view.remote.showClientText(entry);
      view.renderStatus(entry);
      view.renderCursors(id);
    } catch { /* offline: the reconnect brings a fresh state */ }
  }

  /**
   * The review ended before this note's unconfirmed edits reached the server (`session_ended`,
   * typically typed offline and resent after the reconnect): none of them can be saved any more.
   * The note goes back to the server's text (read-only now) and the note as it was on this
   * page, those edits in it, is kept under it to copy from, and said once; the server's message
   * (which names the session's id) is not shown.
   */
  endedUnsent(id, entry) {
    const view = this.view;
    const before = entry.shown;
    const { revision, serverText } = entry.client;
    entry.client = view.newClient(id, entry, { rev: revision, text: serverText });
    entry.paste = null;
    entry.notice = null;
    view.remote.showClientText(entry);
    if (!entry.unsent) { // a read-only note takes no more typing: a second refusal has nothing new
      showUnsent(entry, before);
      view.announce?.(t('notes.endedUnsentSaid', { title: entry.title }));
    }
    view.renderStatus(entry);
    view.renderCursors(id);
  }

  /**
   * Removes what is left of a large paste whose piece was refused (the pieces before it were
   * saved): an edit of our own, shown and sent like a keystroke, so the note is as before the paste.
   */
  takeBackPaste(id, entry) {
    const ranges = entry.paste;
    entry.paste = null;
    const op = ranges && deletingRanges(entry.shown, ranges);
    if (!op) return;
    entry.undo.transform(op);
    this.view.input.applyOwnOp(id, entry, op, null);
  }
}
