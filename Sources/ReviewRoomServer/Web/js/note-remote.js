// What reaches a note from the server: `note.op` events (our own op's echo confirms it; anyone
// else's, transformed over our unconfirmed edits by NoteClient, is shown with the caret and
// selection kept where they belong), and the client's text put back in the editor after a
// fresh welcome or a resync, the caret and selection moved with the text.
import { diffOperation } from './ot.js';
import { moveRanges } from './text-ranges.js';
import { t } from './strings.js';
import { displayText, toDisplay, toModel } from './line-breaks.js';

export class NoteRemote {
  /** `view` is the NotesView: its notes, model, cursors (`others`), hints and render methods. */
  constructor(view) {
    this.view = view;
  }

  /** A `note.op` event; returns the name of its author (undefined for a note not shown). */
  event(data) {
    const view = this.view;
    const entry = view.notes.get(data.note);
    if (!entry) return undefined;
    try {
      view.hints.remember(entry, data);
      entry.client.receiveEvent(data, view.model.you?.id);
      if (data.by === view.model.you?.id) view.hints.afterOwnEdit(entry, data);
    } catch (error) {
      entry.outOfStep = true; // until a reload: later edits cannot be placed
    }
    const byName = view.model.nameOf(data.by);
    view.others.move(data);
    view.renderCursors(data.note);
    view.renderStatus(entry);
    return byName;
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
    const [start, end] = movedSelection(op, selStart, selEnd);
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
    if (entry.hintList.move(op, entry.shown, before)) this.view.renderHints(entry);
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
      this.view.renderStatus(entry);
      return;
    }
    this.showClientText(entry);
    this.view.renderStatus(entry);
  }

  /**
   * After a fresh welcome rebuilt a note's editor (`entry`, its text the snapshot's with the
   * carried edits): the caret and selection of the editor it replaced (`old`) are moved from the
   * text that showed to this one, through one diff between the two (like the carried edits), so
   * they stay at the same place in the text, focused or not, and the next keystroke lands there
   * instead of at the old offset, inside text others added meanwhile.
   */
  keepSelection(old, entry) {
    const area = old.textarea;
    const [start, end] = [toModel(old.shown, area.selectionStart), toModel(old.shown, area.selectionEnd)];
    const [from, to] = movedSelection(diffOperation(old.shown, entry.shown), start, end);
    entry.textarea.setSelectionRange(toDisplay(entry.shown, from), toDisplay(entry.shown, to), area.selectionDirection);
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
    if (entry.hintList.move(op, entry.shown)) this.view.renderHints(entry);
  }
}

/**
 * The selection [start, end) moved through `op`: a caret before text inserted exactly at it (the
 * typist keeps typing in front of it), a selection not grown over text inserted at its edges.
 */
function movedSelection(op, start, end) {
  const from = start === end ? op.transformCaret(start) : op.transformPosition(start);
  return [from, Math.max(from, op.transformCaret(end))];
}
