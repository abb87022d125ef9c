// What this page's own person does to a note: a change typed (or pasted, or composed with an
// input method: `input` fires once per change to the textarea's value) turned into an op on the
// note as the server has it, and the ops the page makes on their behalf (an undo or redo step of
// its own history, a refused paste taken back), shown and sent like a keystroke.
import { diffOperation } from './ot.js';
import { insertedRanges, moveRanges } from './text-ranges.js';
import { endOfChange } from './note-undo.js';
import { displayText, toDisplay, toModel, modelOperation, modelPositionAfter } from './line-breaks.js';

export class NoteInput {
  /** `view` is the NotesView: its render and cursor methods, `maxInsertUnits` and `onLocalEdit`. */
  constructor(view) {
    this.view = view;
  }

  /** Listens to note `id`'s textarea: changes, the undo/redo keys and menu, caret moves. */
  listen(id, entry) {
    const textarea = entry.textarea;
    // Others' edits made in place (NoteRemote.editInPlace) fire `input` too: not typed here.
    textarea.addEventListener('input', () => { if (!this.view.remote.applying) this.localInput(id, entry); });
    // The browser's own undo history is wrong once the page has set the value (any remote op),
    // and it offers no redo then: the keys and the Edit menu's Undo/Redo use the page's own.
    textarea.addEventListener('keydown', (event) => {
      // A read-only note (an observer's, any after the end) takes no typing, silently in every
      // browser: the line under it says why, once per note until it changes.
      if (textarea.readOnly && typesText(event)) { this.view.saidReadOnly(entry); return; }
      const step = historyKey(event);
      if (!step) return;
      event.preventDefault();
      this.historyStep(id, entry, step === 'redo');
    });
    textarea.addEventListener('beforeinput', (event) => {
      if (event.inputType !== 'historyUndo' && event.inputType !== 'historyRedo') return;
      event.preventDefault();
      this.historyStep(id, entry, event.inputType === 'historyRedo');
    });
    // A long note's redraw held back while nobody typed in it here comes first (NoteRemote.deferShow).
    textarea.addEventListener('focus', () => this.view.remote.showHeld(id, entry));
    for (const type of ['select', 'keyup', 'click', 'focus']) textarea.addEventListener(type, () => this.view.scheduleCursor(id));
    // An input method's composition (Android's keyboard composes every word; an accent key;
    // Chinese, Japanese): the browser owns the text around the caret until it ends, and setting
    // the value (showing anyone else's edit) would end it early and leave the half-composed
    // word behind ("bobooks"). Others' edits wait meanwhile (NoteRemote.event) and are shown
    // when it ends, after what it committed is taken as typed (some browsers fire `input` after
    // `compositionend`, some before).
    textarea.addEventListener('compositionstart', () => { entry.composing = true; });
    const compositionEnded = () => {
      if (!entry.composing) return;
      entry.composing = false;
      if (textarea.value !== displayText(entry.shown)) this.localInput(id, entry);
      this.view.remote.release(entry);
    };
    textarea.addEventListener('compositionend', compositionEnded);
    textarea.addEventListener('blur', compositionEnded);
  }

  /** A change to the textarea's value: recorded for undo, shown, queued to send. */
  localInput(id, entry) {
    const view = this.view;
    const area = entry.textarea;
    // Typed into a redraw still held back (no focus came first: a script): what shows is older
    // than the note, so the change cannot be placed in it. The note is drawn, the change dropped,
    // rather than others' text taken for deleted.
    if (entry.heldShow) { view.remote.showHeld(id, entry); return; }
    // Text pasted with half a character in it (another app cut a message mid-emoji) was refused
    // whole by the server, in its words about "a lone surrogate" (a paste probe): the half
    // becomes U+FFFD, one unit for one, so the caret and selection stay where they are.
    if (typeof area.value.isWellFormed === 'function' && !area.value.isWellFormed()) {
      const [start, end, direction] = [area.selectionStart, area.selectionEnd, area.selectionDirection];
      area.value = area.value.toWellFormed();
      area.setSelectionRange(start, end, direction);
    }
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
    entry.paste = op.insertedUnits > view.maxInsertUnits ? [...moved, ...insertedRanges(op)] : entry.paste && moved;
    entry.client.applyClient(op);
    view.renderStatus(entry);
    if (entry.hintList.move(op, after)) view.renderHints(entry);
    view.renderCursors(id);
    view.scheduleCursor(id);
    view.onLocalEdit?.();
  }

  /** Ctrl+Z / Ctrl+Shift+Z (`beforeinput` historyUndo/historyRedo): a step of the page's own history. */
  historyStep(id, entry, redo) {
    if (entry.textarea.readOnly) return;
    const op = redo ? entry.undo.redo(entry.shown) : entry.undo.undo(entry.shown);
    if (!op) return;
    entry.notice = null;
    this.applyOwnOp(id, entry, op, endOfChange(op));
    this.view.onLocalEdit?.();
  }

  /**
   * Shows and sends an op the page makes on the user's behalf (an undo step, a paste taken
   * back), like a keystroke. The caret goes to `caret`, or stays where it was.
   */
  applyOwnOp(id, entry, op, caret) {
    const view = this.view;
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
    if (entry.hintList.move(op, entry.shown)) view.renderHints(entry);
    view.renderStatus(entry);
    view.renderCursors(id);
    view.scheduleCursor(id);
  }
}

/** 'undo' for Ctrl/⌘+Z, 'redo' for Ctrl/⌘+Shift+Z and Ctrl+Y, else null. */
function historyKey(event) {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

/** Whether a key press would type into or delete from a text field (not move, copy or select). */
function typesText(event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key.length === 1 || event.key === 'Enter' || event.key === 'Backspace' || event.key === 'Delete';
}
