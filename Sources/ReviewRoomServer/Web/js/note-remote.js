// What reaches a note from the server: `note.op` events (our own op's echo confirms it; anyone
// else's, transformed over our unconfirmed edits by NoteClient, is shown with the caret and
// selection kept where they belong), and the client's text put back in the editor after a
// fresh welcome or a resync, the caret and selection moved with the text. Others' ops are
// shown once per frame, each editor drawn once for all that came since the last (`flush`): drawn
// one by one, thirty people typing made a page set a long note's text and lay it out sixty times
// a second, and edits and announcements fell a quarter of a second and more behind. The ops a
// resume replays are kept until the replay is over and then applied at once the same way
// (`catchUp`): drawn one by one, a few thousand ops into a long note blocked the page for minutes.
import { PendingText, rebaseOperation } from './ot.js';
import { moveRanges } from './text-ranges.js';
import { t } from './strings.js';
import { displayText, toDisplay, toModel } from './line-breaks.js';
import { NextFrame } from './next-frame.js';
import { REMOVAL_KEPT_FROM } from './note-removals.js';

/** From this many characters on, others' edits are made in place in the focused editor (`editInPlace`). */
export const IN_PLACE_FROM = 4096;
/**
 * At most this many line breaks in what others inserted for an edit made in place: the editing
 * command makes each one an edit of its own, 2–8 ms apiece in a long note, so a pasted chapter
 * froze the page of whoever typed in that note for seconds, and a run of them for minutes (an
 * audit). More go in with `setRangeText`, one lay-out of the note (tens of milliseconds).
 */
export const IN_PLACE_LINE_BREAKS = 4;
/** How often at most a long note nobody types in here is redrawn with others' edits (`deferShow`). */
export const READER_REDRAW_MS = 1000;

/**
 * Where `before` and `after` differ, as one range: `[from, beforeTo, afterTo]`, the text before
 * `from` and from `beforeTo` (`afterTo`) on being the same in both. Pure.
 */
export function changedRange(before, after) {
  const shorter = Math.min(before.length, after.length);
  let from = 0;
  while (from < shorter && before.charCodeAt(from) === after.charCodeAt(from)) from += 1;
  let same = 0;
  while (same < shorter - from && before.charCodeAt(before.length - 1 - same) === after.charCodeAt(after.length - 1 - same)) same += 1;
  return [from, before.length - same, after.length - same];
}

/**
 * Sets `area`'s text to `display` by replacing only the range that differs (`setRangeText`,
 * which needs no focus): the editor's text is changed where it changed instead of being put in
 * whole, which set a note's value anew at every redraw.
 */
function replaceText(area, display) {
  const old = area.value;
  if (old === display) return;
  const [from, oldTo, newTo] = changedRange(old, display);
  area.setRangeText(display.slice(from, newTo), from, oldTo, 'preserve');
  if (area.value !== display) area.value = display;
}

/** Whether `text` holds more than `limit` line breaks (counted only as far as `limit` + 1). */
function lineBreaksOver(text, limit) {
  let found = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) {
    found += 1;
    if (found > limit) return true;
  }
  return false;
}

export class NoteRemote {
  /** `view` is the NotesView: its notes, model, connection, cursors (`others`), hints and render methods. */
  constructor(view) {
    this.view = view;
    this.replayed = []; // `note.op` data received during a replay, not applied yet
    this.frame = new NextFrame(() => this.flush()); // the next `flush`
    this.applying = false; // while `editInPlace` runs: its `input` event is not typing
    this.author = null; // while `receive` runs: who made the op it applies
    this.readerRedrawMs = READER_REDRAW_MS; // a test sets it long, to hold a redraw back for sure
  }

  /**
   * A `note.op` event; returns the name of its author (undefined for a note not shown). It waits
   * in the note's `held` ops until the next frame (`flush`), or until an input method's
   * composition in that note ends (`release`); our own op's echo is applied at once, with
   * everything held before it (it confirms our edit, and the hints and the next edit read the
   * revision it reaches). During a resume's replay it is only kept (`catchUp` applies it when
   * the replay is over). Meanwhile the editor, the client and everything else stay as they
   * were, so typing is taken as usual: held ops are transformed over it when they are applied.
   */
  event(data) {
    const view = this.view;
    const entry = view.notes.get(data.note);
    if (!entry) return undefined;
    if (view.connection?.replaying) {
      if (this.frame.pending) this.flush(); // ops received before the replay go first
      this.replayed.push(data);
      return view.model.nameOf(data.by);
    }
    if (this.replayed.length) this.catchUp(); // none left by then (the replay's end applies them), unless the end was missed
    (entry.held ??= []).push(data);
    if (entry.composing) return view.model.nameOf(data.by);
    if (data.by === view.model.you?.id) this.flush();
    else this.flushSoon();
    return view.model.nameOf(data.by);
  }

  /** Shows the held ops at the next frame (`NextFrame`: 100 ms at most). */
  flushSoon() {
    this.frame.request();
  }

  /** Shows every note's held ops now (but those of a note in the middle of a composition), each editor drawn once. */
  flush() {
    this.frame.done();
    const queued = [];
    for (const entry of this.view.notes.values()) {
      if (entry.composing || !entry.held?.length) continue;
      for (const data of entry.held) queued.push(data);
      entry.held = [];
    }
    this.applyBatch(queued);
  }

  /** Applies one `note.op` to the note's client (which shows it through `applyRemote`), hints and others' cursors. */
  receive(entry, data) {
    const view = this.view;
    try {
      view.hints.remember(entry, data);
      this.author = data.by;
      const confirmed = entry.client.receiveEvent(data, view.model.you?.id);
      if (data.by === view.model.you?.id) {
        if (entry.batch) entry.shown = entry.batch.shown.value; // the hints' lines are read in it
        view.hints.afterOwnEdit(entry, data);
        if (confirmed) view.sending.settled(entry); // its ack, if it came first, left that to this echo
      }
    } catch (error) {
      entry.outOfStep = true; // until a reload: later edits cannot be placed
    } finally {
      this.author = null;
    }
    view.others.move(data);
  }

  /**
   * Applies the ops kept during a replay (after it, or when its connection closed before its
   * end), in order, as `event` would have one by one, but each changed editor is drawn once at
   * the end: its text set, its caret and selection (moved through every op) put back, its
   * hints, cursors and status line redrawn. The note's texts are built once (PendingText).
   */
  catchUp() {
    this.flush(); // live ops held from before the replay
    const queued = this.replayed;
    this.replayed = [];
    this.applyBatch(queued);
  }

  /** After an input method's composition in `entry`'s note ended: the ops held meanwhile, shown at once. */
  release(entry) {
    const held = entry.held ?? [];
    entry.held = [];
    this.applyBatch(held);
  }

  /**
   * `catchUp`'s work for `queued` ops: applied in order, each changed editor drawn once. The
   * ops of a note in the middle of a composition are held for it instead (`release`).
   */
  applyBatch(queued) {
    if (!queued.length) return;
    const view = this.view;
    const batches = new Map(); // note id -> entry, while its ops are applied
    for (const data of queued) {
      const entry = view.notes.get(data.note);
      if (!entry) continue;
      if (entry.composing) { (entry.held ??= []).push(data); continue; }
      if (!entry.batch) {
        const area = entry.textarea;
        entry.batch = {
          shown: new PendingText(entry.shown),
          hadFocus: document.activeElement === area,
          selection: [toModel(entry.shown, area.selectionStart), toModel(entry.shown, area.selectionEnd)],
          direction: area.selectionDirection,
          scroll: area.scrollTop,
          hintsChanged: false,
        };
        batches.set(data.note, entry);
      }
      this.receive(entry, data);
    }
    for (const [id, entry] of batches) {
      const { shown, hadFocus, selection: [start, end], direction, scroll, hintsChanged } = entry.batch;
      entry.batch = null;
      entry.shown = shown.value;
      if (hadFocus) this.show(entry.textarea, entry.shown, [start, end, direction], scroll);
      else if (!this.deferShow(id, entry)) this.showUnfocused(entry, scroll);
      if (hintsChanged) view.renderHints(entry);
      view.renderCursors(id);
      view.renderStatus(entry);
      view.sending.heldAck(entry);
    }
  }

  /**
   * Shows a remote op (already transformed over our unconfirmed edits). Text inserted exactly at
   * our caret goes after it (the caret stays where we type); a selection keeps its direction and
   * does not grow over text inserted at its edges. During `catchUp` the op is applied to the
   * note's batch (text, selection) and drawn with the others at the end.
   */
  applyRemote(entry, op) {
    if (entry.batch) { this.applyToBatch(entry, op); return; }
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const [selStart, selEnd] = [toModel(entry.shown, area.selectionStart), toModel(entry.shown, area.selectionEnd)];
    const [start, end] = op.transformSelection(selStart, selEnd);
    // Keystrokes not yet turned into ops (none: input fires per change) would be lost; apply to the shown text.
    const before = entry.shown;
    entry.shown = op.apply(entry.shown);
    this.show(area, entry.shown, hadFocus ? [start, end, area.selectionDirection] : null, area.scrollTop);
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    entry.undo.transform(op);
    this.keepRemoval(entry, op, before);
    // Someone else's op: hints whose phrase or context it changed are withdrawn, silently.
    if (entry.hintList.move(op, entry.shown, before)) this.view.renderHints(entry);
  }

  /**
   * Someone else's `op` on `before`: kept with the text it removed on a facilitator's console when
   * that is much (note-removals.js). Only an op `receive` applies has an author: this page's own
   * edit taken back (`undoOutstanding`) is not someone's removal.
   */
  keepRemoval(entry, op, before) {
    const item = this.view.keepsRemovals && this.author ? entry.removals.keep(op, before, this.author) : null;
    if (item) this.view.removalKept(entry, item);
  }

  /**
   * Whether to hold back redrawing `entry`'s long note, which nobody types in here: it is drawn
   * at most once per `readerRedrawMs`, the last text when that time is up. Setting a long note's
   * value lays it all out (130 ms a frame for 360 KB), and a facilitator's console showing one
   * while thirteen people typed took 3–13 s to show its own "+1 min". Focus draws it at once
   * (`showHeld`), before any key can reach the stale text. A short note is never held: an
   * `input` on a held note (a script's, without focus) is dropped, not diffed against older text.
   */
  deferShow(id, entry) {
    if (entry.shown.length < IN_PLACE_FROM) return false;
    if (entry.heldShow) return true;
    const since = performance.now() - (entry.shownAt ?? -Infinity);
    if (since >= this.readerRedrawMs) return false;
    entry.heldShow = setTimeout(() => this.showHeld(id, entry), this.readerRedrawMs - since);
    return true;
  }

  /** Draws `entry`'s note if a redraw was held back (`deferShow`): its time is up, or it took focus. */
  showHeld(id, entry) {
    if (!entry.heldShow) return;
    clearTimeout(entry.heldShow);
    entry.heldShow = null;
    this.showUnfocused(entry, entry.textarea.scrollTop);
    this.view.renderCursors(id);
  }

  /** Shows `entry`'s note without a caret to keep (it has no focus), noting when (`deferShow`). */
  showUnfocused(entry, scroll) {
    this.show(entry.textarea, entry.shown, null, scroll);
    entry.shownAt = performance.now();
  }

  /** `applyRemote` during `catchUp`: the op goes into the note's batch, nothing is drawn. */
  applyToBatch(entry, op) {
    const batch = entry.batch;
    batch.selection = op.transformSelection(...batch.selection);
    // Hints read the text either side of the op: only for a note listing some is it built per op.
    const hints = entry.hintList.items.length > 0 || entry.hintList.withdrawn.length > 0;
    const removal = this.view.keepsRemovals && this.author && op.deletedUnits >= REMOVAL_KEPT_FROM;
    const before = hints || removal ? batch.shown.value : null;
    batch.shown.apply(op);
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    entry.undo.transform(op);
    if (removal) this.keepRemoval(entry, op, before);
    if (hints && entry.hintList.move(op, batch.shown.value, before)) batch.hintsChanged = true;
  }

  /** Puts `text` (the model) in `area`, the caret and selection at model `selection` [start, end, direction] if given, at scroll `scroll`. */
  show(area, text, selection, scroll) {
    const display = displayText(text);
    const page = [window.scrollX, window.scrollY];
    if (!this.editInPlace(area, display)) replaceText(area, display);
    if (selection) area.setSelectionRange(toDisplay(text, selection[0]), toDisplay(text, selection[1]), selection[2]);
    area.scrollTop = scroll;
    // The editing command reveals where it edited, scrolling the page too: put it back.
    if (window.scrollX !== page[0] || window.scrollY !== page[1]) window.scrollTo(page[0], page[1]);
  }

  /**
   * Replaces only what changed between `area`'s value and `display`, with the browser's editing
   * command, when the area has focus (the person is typing there) and holds a long note. Setting
   * the value re-lays out the whole text: 130 ms a frame for a 360 KB note on a 2-core machine,
   * and an endurance probe with others typing in it saw keys show 0.1–1.4 s late; the command
   * edits the text in place (8 ms). Its `input` event is not a local edit (`applying`). False
   * when it does not apply (also for text of more than `IN_PLACE_LINE_BREAKS` lines) or did not
   * leave `display` (the caller then sets the value).
   */
  editInPlace(area, display) {
    const old = area.value;
    if (document.activeElement !== area || old.length < IN_PLACE_FROM || old === display) return false;
    const [from, oldTo, newTo] = changedRange(old, display);
    const inserted = display.slice(from, newTo);
    if (lineBreaksOver(inserted, IN_PLACE_LINE_BREAKS)) return false;
    area.setSelectionRange(from, oldTo);
    this.applying = true;
    try {
      document.execCommand(inserted ? 'insertText' : 'delete', false, inserted);
    } catch {
      // Not supported here: the value is set instead.
    } finally {
      this.applying = false;
    }
    return area.value === display;
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
    const [from, to] = rebaseOperation(old.shown, entry.shown).transformSelection(start, end);
    entry.textarea.setSelectionRange(toDisplay(entry.shown, from), toDisplay(entry.shown, to), area.selectionDirection);
  }

  /**
   * Puts the client's text (server text and unconfirmed edits) in the editor, with the caret and
   * selection moved through the same diff, so they stay at the same place in the text: after a
   * refused paste the caret is where the paste began, not at the old offset cut to the note's
   * length (a paste probe: the next typing went to the note's end, or into someone's word).
   */
  showClientText(entry) {
    const area = entry.textarea;
    const hadFocus = document.activeElement === area;
    const before = entry.shown;
    const [start, end] = [toModel(before, area.selectionStart), toModel(before, area.selectionEnd)];
    const direction = area.selectionDirection;
    const op = rebaseOperation(before, entry.client.text);
    if (entry.paste) entry.paste = moveRanges(entry.paste, op);
    entry.undo.transform(op);
    entry.shown = entry.client.text;
    area.value = displayText(entry.shown);
    const [from, to] = op.transformSelection(start, end);
    const shown = (p) => toDisplay(entry.shown, Math.min(p, entry.shown.length));
    if (hadFocus) area.setSelectionRange(shown(from), shown(to), direction);
    if (entry.hintList.move(op, entry.shown)) this.view.renderHints(entry);
  }
}
