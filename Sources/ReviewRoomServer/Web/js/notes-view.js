// Shared notes: one <textarea> per buffer behind tabs, kept in step with the
// server through NoteClient (ot.js); others' cursors drawn in the text (CursorLayer) and
// listed by name and line for screen readers.
import { el, replaceChildren, copyText } from './dom.js';
import { t } from './strings.js';
import { NoteClient, TextOperation, diffOperation } from './ot.js';
import { CursorLayer } from './cursor-layer.js';

const CURSOR_INTERVAL_MS = 250;

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
    this.remoteCursors = new Map(); // note -> Map(by -> {anchor, head, rev})
    this.opIdPrefix = `${Math.random().toString(36).slice(2, 10)}-`;
    // Every NoteClient numbers its opIds from 1, so each gets its own prefix: a client rebuilt
    // after a welcome or resync must not repeat an opId the server already has (it would be
    // answered as a repeat and not applied).
    this.clients = 0;
    this.cursorTimer = null;
  }

  /** Builds (or rebuilds after a fresh welcome) the editors from the snapshot. */
  welcome() {
    const notes = this.model.session.notes || [];
    const previous = this.notes;
    this.notes = new Map();
    const tabs = el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': t('notes.tabs') } });
    const panels = el('div', { className: 'tab-panels' });
    for (const note of notes) {
      const entry = this.buildNote(note);
      const old = previous.get(note.id);
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
  }

  buildNote(note) {
    const tabId = `tab-${note.id}`, panelId = `panel-${note.id}`;
    const tab = el('button', { type: 'button', id: tabId, className: 'tab', textContent: note.title,
      attrs: { role: 'tab', 'aria-controls': panelId, 'aria-selected': 'false', tabindex: '-1' },
      on: { click: () => this.select(note.id, true), keydown: (e) => this.tabKey(e, note.id) } });
    const textarea = el('textarea', { id: `note-${note.id}`, className: 'note-text', value: note.text, spellcheck: true,
      attrs: { 'aria-label': t('notes.editorLabel', { title: note.title }), 'data-note': note.id, rows: 12 } });
    const status = el('p', { className: 'note-status', attrs: { 'aria-live': 'off' } });
    const cursors = el('ul', { className: 'cursor-list', attrs: { 'aria-label': t('notes.others') } });
    const hints = el('div', { className: 'hints', attrs: { role: 'status' } });
    const layer = new CursorLayer(textarea);
    const editor = el('div', { className: 'note-editor' }, textarea, layer.element);
    const panel = el('section', { id: panelId, className: 'tab-panel', hidden: true,
      attrs: { role: 'tabpanel', 'aria-labelledby': tabId } }, editor, status, cursors, hints);
    const entry = { title: note.title, textarea, tab, panel, status, cursors, layer, hints, shown: note.text };
    entry.client = this.newClient(note.id, entry, note);
    textarea.addEventListener('input', () => this.localInput(note.id, entry));
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
      // Only a client already out of step (a remote op that did not fit) gets here.
      entry.status.textContent = t('notes.outOfStep');
      return;
    }
    this.showClientText(entry);
    this.renderStatus(entry);
  }

  newClient(id, entry, note) {
    return new NoteClient({
      revision: note.rev, text: note.text, opIdPrefix: `${this.opIdPrefix}${++this.clients}-`,
      send: (edit) => this.sendEdit(id, entry, edit),
      applyRemote: (op) => this.applyRemote(entry, op),
    });
  }

  /** Puts the client's text (server text and unconfirmed edits) in the editor, keeping the caret where it can. */
  showClientText(entry) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const [start, end] = [area.selectionStart, area.selectionEnd];
    entry.shown = entry.client.text;
    area.value = entry.shown;
    if (hadFocus) area.setSelectionRange(Math.min(start, area.value.length), Math.min(end, area.value.length));
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
    const after = entry.textarea.value;
    entry.notice = null;
    const op = diffOperation(entry.shown, after);
    entry.shown = after;
    entry.client.applyClient(op);
    this.renderStatus(entry);
    if (entry.hintList?.length) this.renderHints(entry);
    this.renderCursors(id);
    this.scheduleCursor(id);
    this.onLocalEdit?.();
  }

  sendEdit(id, entry, edit) {
    this.renderStatus(entry);
    if (!this.connection.online) return; // sent again once reconnected
    this.connection.command('note.edit', { note: id, rev: edit.rev, opId: edit.opId, op: edit.op.toJSON() })
      .then((ack) => {
        if (entry.client.outstanding && entry.client.outstanding.opId === edit.opId) entry.client.confirm(ack.rev ?? entry.client.revision);
        this.renderStatus(entry);
      })
      .catch((error) => {
        if (error.code === 'offline') return; // resent after the reconnect
        if (entry.client.outstanding?.opId !== edit.opId) return; // settled meanwhile
        // A refused edit (too large, invalid) would block every later one: start again from the
        // server's text, without the refused edit but with what was typed after it.
        // The notice stays until the next keystroke: the edits carried past it must not hide it.
        this.resync(id, entry).finally(() => {
          entry.notice = t('notes.refused', { message: error.message });
          this.renderStatus(entry);
        });
      });
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

  applyRemote(entry, op) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const start = op.transformPosition(area.selectionStart);
    const end = op.transformPosition(area.selectionEnd);
    const scroll = area.scrollTop;
    // Keystrokes not yet turned into ops (none: input fires per change) would be lost; apply to the shown text.
    entry.shown = op.apply(entry.shown);
    area.value = entry.shown;
    if (hadFocus) area.setSelectionRange(start, end);
    area.scrollTop = scroll;
  }

  /** A `note.op` event. */
  event(data) {
    const entry = this.notes.get(data.note);
    if (!entry) return;
    try {
      entry.client.receiveEvent(data, this.model.you?.id);
    } catch (error) {
      entry.status.textContent = t('notes.outOfStep');
    }
    const byName = this.model.nameOf(data.by);
    this.moveCursors(data);
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

  /** Carries others' cursors (kept at server revisions) through a `note.op` they had not seen. */
  moveCursors({ note, rev, op }) {
    const cursors = this.remoteCursors.get(note);
    if (!cursors) return;
    let serverOp;
    try { serverOp = TextOperation.fromJSON(op); } catch { return; }
    for (const c of cursors.values()) {
      if (c.rev >= rev) continue;
      c.anchor = serverOp.transformPosition(c.anchor);
      c.head = serverOp.transformPosition(c.head);
      c.rev = rev;
    }
  }

  /** An ephemeral `cursor` message. */
  cursor(msg) {
    if (msg.by === this.model.you?.id) return;
    if (!this.remoteCursors.has(msg.note)) this.remoteCursors.set(msg.note, new Map());
    this.remoteCursors.get(msg.note).set(msg.by, { anchor: msg.anchor, head: msg.head, rev: msg.rev });
    this.renderCursors(msg.note);
  }

  /** An ephemeral `hint` message for our own edit. */
  hint(msg) {
    const entry = this.notes.get(msg.note);
    if (!entry) return;
    entry.hintList = msg.hints || [];
    this.renderHints(entry);
  }

  /** Shows the hints whose phrase is still in the text (a reworded phrase drops its hint). */
  renderHints(entry) {
    const text = entry.shown.toLowerCase();
    entry.hintList = (entry.hintList || []).filter((h) => text.includes(String(h.phrase).toLowerCase()));
    const items = entry.hintList.map((h) => el('li', {}, t('notes.hint', { phrase: h.phrase, suggestion: h.suggestion })));
    replaceChildren(entry.hints, items.length ? [el('p', { className: 'hints-heading' }, t('notes.hintsHeading')), el('ul', {}, items)] : null);
  }

  renderCursors(noteId) {
    const entry = this.notes.get(noteId);
    if (!entry) return;
    const cursors = this.remoteCursors.get(noteId) || new Map();
    const text = entry.shown;
    const items = [], marks = [];
    for (const [by, c] of cursors) {
      if (!this.model.online.has(by)) continue;
      const head = Math.min(text.length, entry.client.transformPosition(c.head));
      const anchor = Math.min(text.length, entry.client.transformPosition(c.anchor));
      const line = text.slice(0, head).split('\n').length;
      const key = anchor === head ? 'notes.cursorAt' : 'notes.selectionAt';
      const name = this.model.nameOf(by);
      items.push(el('li', {}, t(key, { name, line, chars: Math.abs(head - anchor) })));
      marks.push({ by, name, anchor, head });
    }
    replaceChildren(entry.cursors, items);
    entry.layer.draw(text, marks);
  }

  renderStatus(entry) {
    const state = entry.client.state;
    entry.status.textContent = entry.notice ?? (state === 'synchronized' ? t('notes.saved') : t('notes.unsynced'));
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

  scheduleCursor(noteId) {
    if (!this.model.canEdit || this.cursorTimer) return;
    this.cursorTimer = setTimeout(() => {
      this.cursorTimer = null;
      const entry = this.notes.get(noteId);
      if (!entry || !this.connection.online || entry.client.state !== 'synchronized') return;
      const area = entry.textarea;
      const backwards = area.selectionDirection === 'backward';
      this.connection.command('note.cursor', {
        note: noteId, rev: entry.client.revision,
        anchor: backwards ? area.selectionEnd : area.selectionStart,
        head: backwards ? area.selectionStart : area.selectionEnd,
      }).catch(() => {});
    }, CURSOR_INTERVAL_MS);
  }

  /** True when any note has edits the server has not confirmed. */
  get hasUnsynced() { return [...this.notes.values()].some((e) => e.client.state !== 'synchronized'); }

  async copyMarkdown() {
    const parts = [];
    for (const entry of this.notes.values()) parts.push(`## ${entry.title}\n\n${entry.shown.trim()}\n`);
    const ok = await copyText(parts.join('\n'));
    this.announce(ok ? t('notes.copied') : t('notes.copyFailed'));
  }

  /** The text of a note as shown (for tests and the record). */
  text(noteId) { return this.notes.get(noteId)?.shown ?? null; }
}
