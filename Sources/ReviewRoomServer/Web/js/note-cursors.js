// Others' cursors in the shared notes: kept per note at the server revision they were sent at,
// moved through later ops, drawn (CursorLayer) and listed by name and line for screen readers;
// and this page's own caret sent to the others. Cursors on the wire are positions in the note as
// the server has it; the textarea and the layer show it with LF line breaks (line-breaks.js).
import { el, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { TextOperation } from './ot.js';
import { displayText, toDisplay, toModel } from './line-breaks.js';

const CURSOR_INTERVAL_MS = 250;
/**
 * Others' cursors in a note are drawn at most this often. Each draw lays the note's text out
 * again in the layer; with fifteen people typing, drawing at every frame took a third of a
 * slow laptop's time, and carets that move four or five times a second still read as live.
 */
export const CURSOR_DRAW_MS = 200;

/** The 1-based line of `text` that offset `at` is on (counted without copying the text). */
function lineAt(text, at) {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) line += 1;
  return line;
}

/**
 * Cursor `c` ({anchor, head}) moved through `mover` (a TextOperation or the NoteClient's
 * unconfirmed edits) by `transformSelection`, keeping which end its head is at.
 */
function movedSelection(c, mover) {
  const [from, to] = mover.transformSelection(Math.min(c.anchor, c.head), Math.max(c.anchor, c.head));
  return c.head < c.anchor ? { anchor: to, head: from } : { anchor: from, head: to };
}

export class NoteCursors {
  /** `view` is the NotesView: its notes (entries), model and connection. */
  constructor(view) {
    this.view = view;
    this.byNote = new Map(); // note -> Map(by -> {anchor, head, rev})
    this.timers = new Map(); // note -> timer of its next `note.cursor`
    this.frames = new Map(); // note -> the timer or requestAnimationFrame id of its next redraw
    this.drawnAt = new Map(); // note -> performance.now() at the end of its last redraw
    this.drawCost = new Map(); // note -> how long its last redraw took, in ms
  }

  /**
   * Carries others' cursors (kept at server revisions) through a `note.op` they had not seen, as
   * each person's own page moves their caret: pushed on by their own typing, left in front of
   * text someone else inserted exactly at it. Pushed on by everyone's, Asha's caret was drawn
   * after the line Chidi typed at it while her own page kept it before (a visual audit).
   */
  move({ note, rev, op, by }) {
    const cursors = this.byNote.get(note);
    if (!cursors) return;
    let serverOp;
    try { serverOp = TextOperation.fromJSON(op); } catch { return; }
    for (const [owner, c] of cursors) {
      if (c.rev >= rev) continue;
      if (owner === by) {
        c.anchor = serverOp.transformPosition(c.anchor);
        c.head = serverOp.transformPosition(c.head);
      } else {
        Object.assign(c, movedSelection(c, serverOp));
      }
      c.rev = rev;
    }
  }

  /** An ephemeral `cursor` message. A person has one cursor: it leaves the note it was in before. */
  receive(msg) {
    if (msg.by === this.view.model.you?.id) return;
    for (const [note, cursors] of this.byNote) {
      if (note !== msg.note && cursors.delete(msg.by)) this.render(note);
    }
    if (!this.byNote.has(msg.note)) this.byNote.set(msg.note, new Map());
    this.byNote.get(msg.note).set(msg.by, { anchor: msg.anchor, head: msg.head, rev: msg.rev });
    this.render(msg.note);
  }

  /**
   * Redraws a note's cursors (layer and list) at the next frame, and no sooner than
   * CURSOR_DRAW_MS after the last redraw: a burst of keystrokes and ops costs one redraw.
   */
  render(noteId) {
    if (this.frames.has(noteId)) return;
    const atFrame = () => requestAnimationFrame(() => {
      this.frames.delete(noteId);
      const started = performance.now();
      this.draw(noteId);
      this.drawnAt.set(noteId, performance.now());
      this.drawCost.set(noteId, this.drawnAt.get(noteId) - started);
    });
    // A draw that cost more than a fortieth of CURSOR_DRAW_MS waits forty times its cost: a
    // slow laptop spends at most a fortieth of its time on others' carets.
    const gap = Math.max(CURSOR_DRAW_MS, (this.drawCost.get(noteId) ?? 0) * 40);
    const wait = (this.drawnAt.get(noteId) ?? -Infinity) + gap - performance.now();
    this.frames.set(noteId, wait > 0 ? setTimeout(() => this.frames.set(noteId, atFrame()), wait) : atFrame());
  }

  /** Draws a note's cursors now: the markers over the text and the list under it. */
  draw(noteId) {
    const entry = this.view.notes.get(noteId);
    if (!entry) return;
    const cursors = this.byNote.get(noteId) || new Map();
    const model = entry.shown, text = displayText(model);
    const items = [], marks = [];
    for (const [by, c] of cursors) {
      if (!this.view.model.online.has(by)) continue;
      // Through this page's own unconfirmed typing, as their page will move it when it arrives.
      const moved = movedSelection(c, entry.client);
      const head = toDisplay(model, Math.min(model.length, moved.head));
      const anchor = toDisplay(model, Math.min(model.length, moved.anchor));
      const line = lineAt(text, head);
      const key = anchor === head ? 'notes.cursorAt' : 'notes.selectionAt';
      const name = this.view.model.nameOf(by);
      // Characters as a person counts them (code points): five emoji selected were "10 characters" (a paste probe).
      const chars = [...text.slice(Math.min(head, anchor), Math.max(head, anchor))].length;
      items.push(el('li', {}, t(key, { name, line, chars })));
      marks.push({ by, name, anchor, head });
    }
    replaceChildren(entry.cursors, items);
    entry.layer.draw(text, marks);
  }

  /** Sends this note's caret at most every CURSOR_INTERVAL_MS (one timer per note: a move in another note is not lost). */
  sendSoon(noteId) {
    if (!this.view.model.canEdit || this.timers.has(noteId)) return;
    this.timers.set(noteId, setTimeout(() => {
      this.timers.delete(noteId);
      const entry = this.view.notes.get(noteId);
      if (!entry || !this.view.connection.online || entry.client.state !== 'synchronized') return;
      const area = entry.textarea;
      const backwards = area.selectionDirection === 'backward';
      const [start, end] = [toModel(entry.shown, area.selectionStart), toModel(entry.shown, area.selectionEnd)];
      this.view.connection.command('note.cursor', {
        note: noteId, rev: entry.client.revision,
        anchor: backwards ? end : start,
        head: backwards ? start : end,
      }).catch(() => {});
    }, CURSOR_INTERVAL_MS));
  }
}
