// Shared notes: one <textarea> per buffer behind tabs, kept in step with the
// server through NoteClient (ot.js); others' cursors drawn in the text and listed by name and
// line for screen readers (NoteCursors); language hints (NoteHints); the page's own undo
// history (UndoHistory); large pastes sent in pieces and taken back whole if refused.
// `entry.shown` is the note exactly as the server has it (CRLF and lone CR from other clients
// kept); the textarea shows it with LF line breaks, and every position crossing between the two
// goes through line-breaks.js.
import { el, replaceChildren, copyText } from './dom.js';
import { t } from './strings.js';
import { NoteClient, diffOperation, MAX_INSERT_UNITS } from './ot.js';
import { CursorLayer } from './cursor-layer.js';
import { NoteCursors } from './note-cursors.js';
import { HintList } from './note-hints.js';
import { NoteHints } from './note-hints-view.js';
import { insertedRanges, moveRanges, deletingRanges } from './text-ranges.js';
import { UndoHistory, endOfChange } from './note-undo.js';
import { displayText, toDisplay, toModel, modelOperation, modelPositionAfter } from './line-breaks.js';

/** Below this many inserted units an edit the server still closes the connection on (1009) is dropped. */
const MIN_INSERT_UNITS = 256;

export class NotesView {
  /** `onLocalEdit` (optional) is called after each change typed into a note, once it is queued. */
  constructor(root, { model, connection, announce, onLocalEdit }) {
    this.root = root;
    this.model = model;
    this.connection = connection;
    this.announce = announce;
    this.onLocalEdit = onLocalEdit;
    this.notes = new Map(); // id -> {client, textarea, tab, panel, status, cursors, hints, title}
    this.selected = null;
    this.opIdPrefix = `${Math.random().toString(36).slice(2, 10)}-`;
    // Every NoteClient numbers its opIds from 1, so each gets its own prefix: a client rebuilt
    // after a welcome or resync must not repeat an opId the server already has (it would be
    // answered as a repeat and not applied).
    this.clients = 0;
    this.others = new NoteCursors(this);
    this.hints = new NoteHints(this);
    // The largest insert one `note.edit` carries; halved each time the server closes the
    // connection on a message too big (an operator set a smaller `max_message_bytes`).
    this.maxInsertUnits = MAX_INSERT_UNITS;
    this.lastEdit = null; // {id, opId} of the last `note.edit` sent
    connection?.addCloseListener?.((code) => { if (code === 1009) this.messageTooBig(); });
  }

  /**
   * Builds (or rebuilds after a fresh welcome) the editors from the snapshot. A welcome in a new
   * epoch means the server's copy was restored from a backup: a note that lost text this page
   * had seen saved says so under it, with the note as it was here to copy from (and the page
   * says it once), rather than the text silently vanishing.
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
    this.notes = new Map();
    const tabs = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': t('notes.tabs') } });
    const panels = el('div', { className: 'tab-panels' });
    for (const note of notes) {
      const entry = this.buildNote(note);
      const old = previous.get(note.id);
      if (old && restored && lostSavedText(old.client.serverText, note.text)) {
        this.showRestored(entry, old.shown);
        lost.push(note.title);
      } else if (old?.restored) {
        this.showRestored(entry, old.restored.before);
      }
      if (old) this.carryPending(old.client, entry);
      this.notes.set(note.id, entry);
      tabs.append(entry.tab);
      panels.append(entry.panel);
    }
    const copy = el('button', { type: 'button', id: 'notes-copy', className: 'secondary', textContent: t('notes.copyMarkdown'),
      on: { click: () => this.copyMarkdown() } });
    replaceChildren(this.root, el('h2', { id: 'notes-heading', textContent: t('notes.heading') }), tabs, panels,
      el('div', { className: 'row' }, copy));
    const first = this.selected && this.notes.has(this.selected) ? this.selected : notes[0]?.id;
    if (first) this.select(first, false);
    this.updateReadOnly();
    if (lost.length) this.announce?.(t('notes.restoredSaid', { titles: lost.join(', ') }));
  }

  /**
   * Shows under a note that the server's copy was restored from a backup and text saved since
   * is missing, with `before` (the note as this page showed it) in a read-only field to copy
   * from, until dismissed.
   */
  showRestored(entry, before) {
    const field = el('textarea', { className: 'note-before', value: before, readOnly: true, rows: 6,
      attrs: { 'aria-label': t('notes.restoredBefore', { title: entry.title }) } });
    const dismiss = el('button', { type: 'button', className: 'secondary', textContent: t('notes.restoredDismiss'),
      on: { click: () => { box.remove(); entry.restored = null; entry.textarea.focus(); } } });
    const box = el('div', { className: 'note-restored', attrs: { 'data-testid': 'note-restored' } },
      el('p', {}, t('notes.restored', { title: entry.title })),
      el('details', {}, el('summary', { textContent: t('notes.restoredShow') }), field),
      dismiss);
    entry.restored = { before, box };
    entry.status.after(box);
  }

  buildNote(note) {
    const tabId = `tab-${note.id}`, panelId = `panel-${note.id}`;
    const tab = el('button', { type: 'button', id: tabId, className: 'tab', textContent: note.title,
      attrs: { role: 'tab', 'aria-controls': panelId, 'aria-selected': 'false', tabindex: '-1' },
      on: { click: () => this.select(note.id, true), keydown: (e) => this.tabKey(e, note.id) } });
    const textarea = el('textarea', { id: `note-${note.id}`, className: 'note-text', value: displayText(note.text), spellcheck: true,
      attrs: { 'aria-label': t('notes.editorLabel', { title: note.title }), 'data-note': note.id, rows: 12 } });
    const status = el('p', { className: 'note-status', attrs: { 'aria-live': 'off' } });
    const cursors = el('ul', { className: 'cursor-list', attrs: { 'aria-label': t('notes.others') } });
    // Not a live region: each new hint is announced once through the page's announcer instead.
    const hints = el('div', { className: 'hints' });
    const layer = new CursorLayer(textarea);
    const editor = el('div', { className: 'note-editor' }, textarea, layer.element);
    const panel = el('section', { id: panelId, className: 'tab-panel', hidden: true,
      attrs: { role: 'tabpanel', 'aria-labelledby': tabId } }, editor, status, cursors, hints);
    const entry = { title: note.title, textarea, tab, panel, status, cursors, layer, hints, shown: note.text,
      hintList: new HintList(), history: [], undo: new UndoHistory() };
    entry.client = this.newClient(note.id, entry, note);
    textarea.addEventListener('input', () => this.localInput(note.id, entry));
    // The browser's own undo history is wrong once the page has set the value (any remote op),
    // and it offers no redo then: the keys and the Edit menu's Undo/Redo use the page's own.
    textarea.addEventListener('keydown', (event) => {
      const step = historyKey(event);
      if (!step) return;
      event.preventDefault();
      this.historyStep(note.id, entry, step === 'redo');
    });
    textarea.addEventListener('beforeinput', (event) => {
      if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return;
      event.preventDefault();
      this.historyStep(note.id, entry, event.inputType === 'historyRedo');
    });
    for (const type of ['select', 'keyup', 'click', 'focus']) textarea.addEventListener(type, () => this.scheduleCursor(note.id));
    this.renderStatus(entry);
    return entry;
  }

  /**
   * After a fresh welcome, edits that were never confirmed are rebased onto the new text, shown
   * and sent again (NoteClient.adopt: the outstanding one keeps its opId, so the server never
   * applies it twice).
   */
  carryPending(oldClient, entry) {
    try {
      if (!entry.client.adopt(oldClient)) return;
    } catch {
      // Only a client already out of step (a remote op that did not fit) gets here; the new
      // client is in step, so the notice lasts until the next keystroke.
      entry.notice = t('notes.outOfStep');
      this.renderStatus(entry);
      return;
    }
    this.showClientText(entry);
    this.renderStatus(entry);
  }

  newClient(id, entry, note) {
    return new NoteClient({
      revision: note.rev, text: note.text, opIdPrefix: `${this.opIdPrefix}${++this.clients}-`,
      maxInsertUnits: this.maxInsertUnits,
      send: (edit) => this.sendEdit(id, entry, edit),
      applyRemote: (op) => this.applyRemote(entry, op),
    });
  }

  /** Puts the client's text (server text and unconfirmed edits) in the editor, keeping the caret where it can. */
  showClientText(entry) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const before = entry.shown;
    const [start, end] = [toModel(before, area.selectionStart), toModel(before, area.selectionEnd)];
    const direction = area.selectionDirection;
    const op = diffOperation(before, entry.client.text);
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    entry.undo.transform(op);
    entry.shown = entry.client.text;
    area.value = displayText(entry.shown);
    const shown = (p) => toDisplay(entry.shown, Math.min(p, entry.shown.length));
    if (hadFocus) area.setSelectionRange(shown(start), shown(end), direction);
    if (entry.hintList.move(op, entry.shown)) this.renderHints(entry);
  }

  select(id, focus) {
    this.selected = id;
    for (const [noteId, entry] of this.notes) {
      const on = noteId === id;
      entry.tab.setAttribute('aria-selected', String(on));
      entry.tab.tabIndex = on ? 0 : -1;
      entry.panel.hidden = !on;
    }
    this.renderCursors(id); // the layer can only be fitted over a visible editor
    if (focus) this.notes.get(id)?.tab.focus();
  }

  tabKey(event, id) {
    const ids = [...this.notes.keys()];
    const index = ids.indexOf(id);
    let next = null;
    if (event.key === 'ArrowRight') next = ids[(index + 1) % ids.length];
    else if (event.key === 'ArrowLeft') next = ids[(index - 1 + ids.length) % ids.length];
    else if (event.key === 'Home') next = ids[0];
    else if (event.key === 'End') next = ids[ids.length - 1];
    if (next) { event.preventDefault(); this.select(next, true); }
  }

  localInput(id, entry) {
    const area = entry.textarea;
    const shownOp = diffOperation(displayText(entry.shown), area.value, area.selectionEnd);
    entry.notice = null;
    // The edit on the note as the server has it: CRs the user did not delete stay.
    const op = modelOperation(entry.shown, shownOp);
    if (!op.isNoop()) entry.undo.record(op, entry.shown);
    const after = op.apply(entry.shown);
    if (displayText(after) !== area.value) {
      // Deleting what stood between a lone CR and an LF made them one CRLF: one line break.
      const [start, end] = [area.selectionStart, area.selectionEnd].map((p) => toDisplay(after, modelPositionAfter(entry.shown, shownOp, p)));
      area.value = displayText(after);
      area.setSelectionRange(start, end);
    }
    entry.shown = after;
    // A paste too large for one edit goes out in pieces: where it went is kept until all are
    // saved, so a paste the note cannot hold is taken back whole, not cut after some pieces.
    const moved = entry.paste ? moveRanges(entry.paste, op) : [];
    entry.paste = op.insertedUnits > this.maxInsertUnits ? [...moved, ...insertedRanges(op)] : entry.paste && moved;
    entry.client.applyClient(op);
    this.renderStatus(entry);
    if (entry.hintList.move(op, after)) this.renderHints(entry);
    this.renderCursors(id);
    this.scheduleCursor(id);
    this.onLocalEdit?.();
  }

  sendEdit(id, entry, edit) {
    this.renderStatus(entry);
    if (!this.connection.online) return; // sent again once reconnected
    this.lastEdit = { id, opId: edit.opId };
    this.connection.command('note.edit', { note: id, rev: edit.rev, opId: edit.opId, op: edit.op.toJSON() })
      .then((ack) => {
        entry.saidRefusal = null;
        if (entry.client.outstanding && entry.client.outstanding.opId === edit.opId) entry.client.confirm(ack.rev ?? entry.client.revision);
        if (entry.client.state === 'synchronized') entry.paste = null;
        this.renderStatus(entry);
      })
      .catch((error) => {
        if (error.code === 'offline') return; // resent after the reconnect
        if (entry.client.outstanding?.opId !== edit.opId) return; // settled meanwhile
        // A refused edit (too large, invalid) would block every later one: start again from the
        // server's text, without the refused edit but with what was typed after it.
        // The notice stays until the next keystroke: the edits carried past it must not hide it.
        this.resync(id, entry).finally(() => {
          this.takeBackPaste(id, entry);
          this.showRefusal(entry, this.refusalText(entry, error));
        });
      });
  }

  /** Our wording for a refused edit: a full note in plain words, anything else as the server says it. */
  refusalText(entry, error) {
    if (error.code !== 'too_large') return t('notes.refused', { message: error.message });
    const limit = /limit is (\d+)/.exec(error.message ?? '')?.[1];
    return limit ? t('notes.full', { title: entry.title, limit: Number(limit).toLocaleString('en-GB') })
      : t('notes.fullNoLimit', { title: entry.title });
  }

  /**
   * Shows a refusal under the note until the next keystroke and says it once: refusals one after
   * another (the pieces of a large paste, keystrokes in a full note) are said again only after
   * an edit got through.
   */
  showRefusal(entry, text) {
    if (entry.saidRefusal !== text) this.announce?.(text);
    entry.saidRefusal = text;
    entry.notice = text;
    this.renderStatus(entry);
  }

  /**
   * The server closed the connection on a message too big (1009): the last edit sent was over
   * its `max_message_bytes`. Edits go out in pieces half that size from now on; an edit already
   * this small is dropped with a notice, so a reconnect never sends the same message again.
   */
  messageTooBig() {
    const entry = this.lastEdit && this.notes.get(this.lastEdit.id);
    const client = entry?.client;
    if (!client?.outstanding || client.outstanding.opId !== this.lastEdit.opId) return;
    const units = client.outstanding.op.insertedUnits;
    if (units <= MIN_INSERT_UNITS) {
      client.dropOutstanding();
      this.takeBackPaste(this.lastEdit.id, entry);
      this.showRefusal(entry, t('notes.tooBig'));
      return;
    }
    this.maxInsertUnits = Math.max(MIN_INSERT_UNITS, Math.floor(Math.min(this.maxInsertUnits, units) / 2));
    for (const other of this.notes.values()) other.client.rechunk(this.maxInsertUnits);
    this.renderStatus(entry);
  }

  /**
   * Replaces a note's state with the server's (after a refused edit). The refused (outstanding)
   * edit is dropped; edits typed after it are rebased onto the server's text and sent.
   */
  async resync(id, entry) {
    try {
      const ack = await this.connection.command('note.get', { note: id });
      const old = entry.client;
      entry.client = this.newClient(id, entry, ack.note);
      try { entry.client.adopt(old, { dropOutstanding: true }); } catch { /* out of step: the server's text stands */ }
      this.showClientText(entry);
      this.renderStatus(entry);
      this.renderCursors(id);
    } catch { /* offline: the reconnect brings a fresh state */ }
  }

  /**
   * Shows a remote op (already transformed over our unconfirmed edits). Text inserted exactly at
   * our caret goes after it (the caret stays where we type); a selection keeps its direction and
   * does not grow over text inserted at its edges.
   */
  applyRemote(entry, op) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const [selStart, selEnd] = [toModel(entry.shown, area.selectionStart), toModel(entry.shown, area.selectionEnd)];
    const direction = area.selectionDirection;
    const start = selStart === selEnd ? op.transformCaret(selStart) : op.transformPosition(selStart);
    const end = Math.max(start, op.transformCaret(selEnd));
    const scroll = area.scrollTop;
    // Keystrokes not yet turned into ops (none: input fires per change) would be lost; apply to the shown text.
    const before = entry.shown;
    entry.shown = op.apply(entry.shown);
    area.value = displayText(entry.shown);
    if (hadFocus) area.setSelectionRange(toDisplay(entry.shown, start), toDisplay(entry.shown, end), direction);
    area.scrollTop = scroll;
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    entry.undo.transform(op);
    // Someone else's op: hints whose phrase or context it changed are withdrawn, silently.
    if (entry.hintList.move(op, entry.shown, before)) this.renderHints(entry);
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
    this.applyOwnOp(id, entry, op, null);
  }

  /** Ctrl+Z / Ctrl+Shift+Z (`beforeinput` historyUndo/historyRedo): a step of the page's own history. */
  historyStep(id, entry, redo) {
    if (entry.textarea.readOnly) return;
    const op = redo ? entry.undo.redo(entry.shown) : entry.undo.undo(entry.shown);
    if (!op) return;
    entry.notice = null;
    this.applyOwnOp(id, entry, op, endOfChange(op));
    this.onLocalEdit?.();
  }

  /**
   * Shows and sends an op the page makes on the user's behalf (an undo step, a paste taken
   * back), like a keystroke. The caret goes to `caret`, or stays where it was.
   */
  applyOwnOp(id, entry, op, caret) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const [start, end] = [toModel(entry.shown, area.selectionStart), toModel(entry.shown, area.selectionEnd)];
    const direction = area.selectionDirection;
    entry.shown = op.apply(entry.shown);
    area.value = displayText(entry.shown);
    const shown = (p) => toDisplay(entry.shown, p);
    if (hadFocus && caret !== null) area.setSelectionRange(shown(caret), shown(caret));
    else if (hadFocus) area.setSelectionRange(shown(op.transformCaret(start)), shown(op.transformCaret(end)), direction);
    entry.client.applyClient(op);
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    if (entry.hintList.move(op, entry.shown)) this.renderHints(entry);
    this.renderStatus(entry);
    this.renderCursors(id);
    this.scheduleCursor(id);
  }

  /** A `note.op` event. */
  event(data) {
    const entry = this.notes.get(data.note);
    if (!entry) return;
    try {
      this.hints.remember(entry, data);
      entry.client.receiveEvent(data, this.model.you?.id);
      if (data.by === this.model.you?.id) this.hints.afterOwnEdit(entry, data);
    } catch (error) {
      entry.outOfStep = true; // until a reload: later edits cannot be placed
    }
    const byName = this.model.nameOf(data.by);
    this.others.move(data);
    this.renderCursors(data.note);
    this.renderStatus(entry);
    return byName;
  }

  /** After `resumed` and its replay: unconfirmed ops go out again with their rev and opId. */
  resendPending() {
    for (const [id, entry] of this.notes) {
      if (entry.client.outstanding) this.sendEdit(id, entry, entry.client.outstanding);
    }
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



  renderStatus(entry) {
    const state = entry.client.state;
    entry.status.textContent = entry.outOfStep ? t('notes.outOfStep')
      : entry.notice ?? (state === 'synchronized' ? t('notes.saved') : t('notes.unsynced'));
    entry.status.classList.toggle('unsynced', state !== 'synchronized');
    entry.panel.dataset.sync = state;
  }

  /** Marks editors read-only for observers, displays and ended sessions. */
  updateReadOnly() {
    const editable = this.model.canEdit;
    for (const entry of this.notes.values()) {
      entry.textarea.readOnly = !editable;
      entry.textarea.setAttribute('aria-readonly', String(!editable));
    }
  }

  /** {title, text} of each note with edits the server has not confirmed, its text as shown. */
  unsavedNotes() {
    return [...this.notes.values()].filter((e) => e.client.state !== 'synchronized').map((e) => ({ title: e.title, text: e.shown }));
  }

  /** True when any note has edits the server has not confirmed. */
  get hasUnsynced() { return [...this.notes.values()].some((e) => e.client.state !== 'synchronized'); }

  async copyMarkdown() {
    const parts = [];
    for (const entry of this.notes.values()) parts.push(`## ${entry.title}\n\n${displayText(entry.shown).trim()}\n`);
    const ok = await copyText(parts.join('\n'));
    this.announce(ok ? t('notes.copied') : t('notes.copyFailed'));
  }

  /** The text of a note as shown (for tests and the record). */
  text(noteId) { return this.notes.get(noteId)?.shown ?? null; }
}

/** Whether going from `saved` (the note's text as confirmed to this page) to `now` deletes any of it. */
function lostSavedText(saved, now) {
  return diffOperation(saved, now).ops.some((c) => typeof c === 'number' && c < 0);
}

/** 'undo' for Ctrl/⌘+Z, 'redo' for Ctrl/⌘+Shift+Z and Ctrl+Y, else null. */
function historyKey(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}
