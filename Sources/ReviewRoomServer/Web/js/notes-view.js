// Shared notes: one <textarea> per buffer behind tabs (note-panels.js), kept in step with the
// server through NoteClient (ot.js): what this page's person types and the ops the page makes
// for them (note-input.js), edits sent, refused and resent (note-sending.js), others' ops and
// our own echoes (note-remote.js); others' cursors drawn in the text and listed by name and
// line for screen readers (NoteCursors); language hints (NoteHints); the page's own undo history
// (UndoHistory). `entry.shown` is the note exactly as the server has it (CRLF and lone CR from
// other clients kept); the textarea shows it with LF line breaks, and every position crossing
// between the two goes through line-breaks.js.
import { copyText } from './dom.js';
import { t } from './strings.js';
import { NoteClient, MAX_INSERT_UNITS } from './ot.js';
import { NoteCursors } from './note-cursors.js';
import { HintList } from './note-hints.js';
import { NoteHints } from './note-hints-view.js';
import { UndoHistory } from './note-undo.js';
import { RemovalsKept } from './note-removals.js';
import { displayText } from './line-breaks.js';
import { notePanel, renderNotes, selectTab, tabAfterKey, renderStatus, renderRemovals, showRestored, showUnsent, lostSavedText } from './note-panels.js';
import { NoteInput } from './note-input.js';
import { NoteRemote } from './note-remote.js';
import { NoteSending } from './note-sending.js';
import { clientFromKept, keptNote } from './kept-edits.js';

/** Removals kept within this long of the last one said are listed, not said again (`removalKept`). */
const REMOVAL_SAID_EVERY_MS = 10000;
/** How long "Notes copied as Markdown" stays shown beside the button. */
const COPY_SHOWN_MS = 10000;

export class NotesView {
  /**
   * `onLocalEdit` (optional) is called after each change typed into a note, once it is queued;
   * `onAllSaved` (optional) each time a note's line is redrawn with every note saved. `kept` (a
   * `KeptEdits`): unconfirmed edits are kept in it, and carried over a reload of the page.
   * `keepRemovals` (a facilitator's console): others' large removals are kept with their text,
   * to copy (`removalKept`).
   */
  constructor(root, { model, connection, announce, onLocalEdit, onAllSaved, kept = null, keepRemovals = false }) {
    this.root = root;
    this.keepsRemovals = keepRemovals;
    this.kept = kept;
    if (kept) {
      // Written at once when the tab is hidden or left: a discarded tab runs no timer.
      this.keepNow = () => this.keep({ now: true });
      this.keepWhenHidden = () => { if (document.hidden) this.keepNow(); };
      window.addEventListener('pagehide', this.keepNow);
      document.addEventListener('visibilitychange', this.keepWhenHidden);
      document.addEventListener('freeze', this.keepNow);
    }
    this.model = model;
    this.connection = connection;
    this.announce = announce;
    this.onLocalEdit = onLocalEdit;
    this.onAllSaved = onAllSaved;
    this.notes = new Map(); // id -> {client, textarea, tab, panel, status, cursors, hints, title}
    this.selected = null;
    this.opIdPrefix = `${Math.random().toString(36).slice(2, 10)}-`;
    // Every NoteClient numbers its opIds from 1, so each gets its own prefix: a client rebuilt
    // after a welcome or resync must not repeat an opId the server already has (it would be
    // answered as a repeat and not applied).
    this.clients = 0;
    this.others = new NoteCursors(this);
    this.hints = new NoteHints(this);
    this.input = new NoteInput(this);
    this.remote = new NoteRemote(this);
    this.sending = new NoteSending(this);
    // The largest insert one `note.edit` carries; halved each time the server closes the
    // connection on a message too big (an operator set a smaller `max_message_bytes`).
    this.maxInsertUnits = MAX_INSERT_UNITS;
    connection?.addCloseListener?.((code) => {
      this.remote.catchUp(); // a replay cut short: what came of it is shown (the next resume goes on from there)
      if (code === 1009) this.sending.messageTooBig();
    });
  }

  /** The note whose editor has focus (someone is typing in it), or null. */
  focused() {
    for (const entry of this.notes.values()) if (entry.textarea === document.activeElement) return entry;
    return null;
  }

  /**
   * Builds (or rebuilds after a fresh welcome) the editors from the snapshot. A welcome in a new
   * epoch means the server's copy was restored from a backup: a note that lost text this page
   * had seen saved says so under it, with the note as it was here to copy from (and the page
   * says it once), rather than the text silently vanishing. Each editor's caret and selection
   * move with the text (`NoteRemote.keepSelection`).
   */
  welcome() {
    const notes = this.model.session.notes || [];
    const previous = this.notes;
    const epoch = this.connection?.epoch ?? null;
    const restored = this.epoch != null && epoch != null && epoch !== this.epoch;
    this.epoch = epoch;
    // Others' cursors are kept at revisions of the old history, which mean other text now.
    if (restored) this.others.byNote.clear();
    const lost = [];
    // The first welcome of this page: edits kept from before a reload of it are carried on.
    this.kept?.use(this.model.session.id, this.model.you?.id);
    const carried = previous.size === 0 ? this.kept?.take() ?? {} : {};
    const keptTitles = [];
    this.notes = new Map();
    for (const note of notes) {
      const entry = this.buildNote(note);
      const old = previous.get(note.id);
      if (old && restored && lostSavedText(old.client.serverText, note.text)) {
        showRestored(entry, old.shown);
        lost.push(note.title);
      } else if (old?.restored) {
        showRestored(entry, old.restored.before);
      }
      if (old?.unsent) showUnsent(entry, old.unsent.before);
      if (old) this.remote.carryPending(old.client, entry);
      const before = old ? null : clientFromKept(carried[note.id]);
      if (before) {
        this.remote.carryPending(before, entry);
        if (entry.client.state !== 'synchronized') keptTitles.push(note.title);
      }
      this.notes.set(note.id, entry);
    }
    renderNotes(this.root, this.notes.values(), () => this.copyMarkdown());
    for (const [id, entry] of this.notes) if (previous.has(id)) this.remote.keepSelection(previous.get(id), entry);
    const first = this.selected && this.notes.has(this.selected) ? this.selected : notes[0]?.id;
    if (first) this.select(first, false);
    this.updateReadOnly();
    if (lost.length) this.announce?.(t('notes.restoredSaid', { titles: lost.join(', ') }));
    if (keptTitles.length && this.model.session.clock?.status !== 'ended') {
      // After "Connected", which the status that follows this welcome says.
      queueMicrotask(() => this.announce?.(t('notes.keptSaid', { titles: keptTitles.join(', ') })));
      this.keptSavedOwed = true;
    }
    this.keep();
  }

  /** Takes away the listeners that keep the edits (the console's live view left for another). */
  stop() {
    if (!this.keepNow) return;
    window.removeEventListener('pagehide', this.keepNow);
    document.removeEventListener('visibilitychange', this.keepWhenHidden);
    document.removeEventListener('freeze', this.keepNow);
    this.kept.cancel();
  }

  /** Keeps the notes' unconfirmed edits in the tab (`KeptEdits`), soon or, with `now`, at once. */
  keep({ now = false } = {}) {
    this.kept?.write(() => Object.fromEntries([...this.notes].map(([id, entry]) => [id, keptNote(entry.client, entry.title)])), { now });
  }

  /** One note's entry: its DOM, client, hints and undo history, listening to its textarea. */
  buildNote(note) {
    const parts = notePanel(note, {
      onSelect: () => this.select(note.id, true),
      onTabKey: (event) => this.tabKey(event, note.id),
    });
    const entry = { title: note.title, ...parts, shown: note.text, hintList: new HintList(), history: [], undo: new UndoHistory(),
      removals: new RemovalsKept() };
    entry.client = this.newClient(note.id, entry, note);
    this.input.listen(note.id, entry);
    this.renderStatus(entry);
    return entry;
  }

  /** A NoteClient for note `id` at the snapshot `note`, with an opId prefix of its own. */
  newClient(id, entry, note) {
    return new NoteClient({
      revision: note.rev, text: note.text, opIdPrefix: `${this.opIdPrefix}${++this.clients}-`,
      maxInsertUnits: this.maxInsertUnits,
      send: (edit) => this.sending.send(id, entry, edit),
      applyRemote: (op) => this.remote.applyRemote(entry, op),
    });
  }

  /** Shows note `id`'s panel (and focuses its tab when `focus`). */
  select(id, focus) {
    this.selected = id;
    selectTab(this.notes, id);
    this.renderCursors(id); // the layer can only be fitted over a visible editor
    if (focus) this.notes.get(id)?.tab.focus();
  }

  tabKey(event, id) {
    const next = tabAfterKey(event.key, [...this.notes.keys()], id);
    if (next) { event.preventDefault(); this.select(next, true); }
  }

  /** A `note.op` event; returns the name of its author. */
  event(data) { return this.remote.event(data); }

  /**
   * After `resumed` and its replay: the replayed ops are applied and shown at once
   * (`NoteRemote.catchUp`), then unconfirmed ops go out again with their rev and opId.
   */
  replayDone() {
    this.remote.catchUp();
    this.sending.resendPending();
  }

  /** Others' cursors: note -> Map(participant -> {anchor, head, rev}). */
  get remoteCursors() { return this.others.byNote; }

  /** An ephemeral `cursor` message. */
  cursor(msg) { this.others.receive(msg); }

  /** Redraws a note's cursors at the next frame (after presence changes, tab switches, edits). */
  renderCursors(noteId) { this.others.render(noteId); }

  /** Sends this page's caret in a note soon. */
  scheduleCursor(noteId) { this.others.sendSoon(noteId); }

  /** An ephemeral `hint` message for our own edit. */
  hint(msg) { this.hints.receive(msg); }

  /** Redraws a note's hint list. */
  renderHints(entry) { this.hints.render(entry); }

  /** Someone's large removal from `entry`'s note was kept (`keepsRemovals`): listed under it and said, once in a while. */
  removalKept(entry, item) {
    this.renderRemovals(entry);
    // A flood of removals is said once, not once each (a re-audit heard twenty in twenty seconds).
    if (item.at - (entry.removalSaidAt ?? -Infinity) < REMOVAL_SAID_EVERY_MS) return;
    entry.removalSaidAt = item.at;
    this.announce?.(t('notes.removalSaid', { name: this.model.nameOf(item.by), n: item.units.toLocaleString(), title: entry.title }));
  }

  /** The removals kept under `entry`'s note, each with its text to copy and Dismiss (note-panels.js `renderRemovals`). */
  renderRemovals(entry) {
    renderRemovals(entry, {
      nameOf: (by) => this.model.nameOf(by),
      timeZone: this.model.session?.timeZone,
      onForget: (item) => { entry.removals.forget(item); this.renderRemovals(entry); entry.textarea.focus(); },
    });
  }

  /** Redraws the line under a note. */
  renderStatus(entry) {
    this.keep();
    const connection = this.connection;
    renderStatus(entry, { offline: !!connection && (!connection.online || connection.state !== 'online') });
    if (this.hasUnsynced) return;
    this.onAllSaved?.();
    if (this.keptSavedOwed) {
      this.keptSavedOwed = false;
      // Not when the end refused them (they are under the note, to copy).
      if (![...this.notes.values()].some((e) => e.unsent)) this.announce?.(t('notes.keptSavedSaid'));
    }
  }

  /** The connection's status changed: each note's line says again whether its edits are being sent or kept. */
  connectionChanged() {
    for (const entry of this.notes.values()) this.renderStatus(entry);
  }

  /** Marks editors read-only for observers, displays and ended sessions (the line under each says so). */
  updateReadOnly() {
    const editable = this.model.canEdit;
    for (const entry of this.notes.values()) {
      entry.textarea.setAttribute('aria-readonly', String(!editable));
      if (entry.textarea.readOnly === !editable) continue;
      entry.textarea.readOnly = !editable;
      entry.readOnlySaid = false;
      this.renderStatus(entry);
    }
  }

  /** Someone typed into a read-only note: why it takes nothing is said, once per note. */
  saidReadOnly(entry) {
    if (entry.readOnlySaid) return;
    entry.readOnlySaid = true;
    const why = t(this.model.session?.clock?.status === 'ended' ? 'notes.readOnlyEnded' : 'notes.readOnlyRole');
    entry.notice = why;
    this.renderStatus(entry);
    this.announce(why);
  }

  /**
   * {title, text} of each note with edits the server has not confirmed, its text as shown (or,
   * for one whose edits the end of the review refused, as kept under it to copy).
   */
  unsavedNotes() {
    return [...this.notes.values()].filter((e) => e.client.state !== 'synchronized' || e.unsent)
      .map((e) => ({ title: e.title, text: e.client.state === 'synchronized' ? e.unsent.before : e.shown }));
  }

  /** True when any note has edits the server has not confirmed. */
  get hasUnsynced() { return [...this.notes.values()].some((e) => e.client.state !== 'synchronized'); }

  async copyMarkdown() {
    const parts = [];
    for (const entry of this.notes.values()) parts.push(`## ${entry.title}\n\n${displayText(entry.shown).trim()}\n`);
    const ok = await copyText(parts.join('\n'));
    const said = ok ? t('notes.copied') : t('notes.copyFailed');
    this.announce(said);
    const shown = this.root.querySelector('#notes-copy-status');
    if (!shown) return;
    shown.textContent = said;
    clearTimeout(this.copyShownTimer);
    this.copyShownTimer = setTimeout(() => { shown.textContent = ''; }, COPY_SHOWN_MS);
  }

  /** The text of a note as shown (for tests and the record). */
  text(noteId) { return this.notes.get(noteId)?.shown ?? null; }
}
