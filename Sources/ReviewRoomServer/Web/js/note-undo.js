// Undo and redo of the user's own changes in one note. The browser's own undo history is lost
// whenever the page sets the textarea's value (every remote op does), so the page keeps its own:
// each entry is the op that takes back one change, on the text as shown now — every op that is
// not the user's typing (someone else's, a resync, a paste taken back) is transformed into it,
// so undo removes only what this person did, where it is now.
import { TextOperation } from './ot.js';

/** Changes typed within this long of each other are undone together (like a browser's word steps). */
const GROUP_MS = 1000;
/** Oldest changes beyond this many are forgotten. */
const LIMIT = 200;

/** Moves every op of `stack` (the top one on the current text) past `op` (also on the current text). */
function transformStack(stack, op) {
  const moved = [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const [entry, rest] = TextOperation.transform(stack[i], op);
    if (!entry.isNoop()) moved.push(entry);
    op = rest; // now on the text the next entry down applies to
  }
  return moved.reverse();
}

/** Where a caret goes after `op`: the end of the last stretch it changed, or null for none. */
export function endOfChange(op) {
  let at = 0, end = null;
  for (const c of op.ops) {
    if (typeof c === 'string') { at += c.length; end = at; }
    else if (c > 0) at += c;
    else end = at;
  }
  return end;
}

export class UndoHistory {
  constructor() {
    this.undos = [];
    this.redos = [];
    this.lastAt = 0;
  }

  /** A change the user made: `op` on `before`. Typing in quick succession makes one step. */
  record(op, before, now = Date.now()) {
    const inverse = op.invert(before);
    const top = this.undos[this.undos.length - 1];
    if (top && now - this.lastAt < GROUP_MS) this.undos[this.undos.length - 1] = inverse.compose(top);
    else this.undos.push(inverse);
    if (this.undos.length > LIMIT) this.undos.shift();
    this.redos = [];
    this.lastAt = now;
  }

  /** An op that is not the user's typing, applied to the shown text. */
  transform(op) {
    this.undos = transformStack(this.undos, op);
    this.redos = transformStack(this.redos, op);
  }

  /** The op that undoes the last step on `text` (it becomes redoable), or null. */
  undo(text) { return this.step(this.undos, this.redos, text); }

  /** The op that redoes the last undone step on `text`, or null. */
  redo(text) { return this.step(this.redos, this.undos, text); }

  step(from, to, text) {
    const op = from.pop();
    if (!op) return null;
    to.push(op.invert(text));
    this.lastAt = 0; // the next typing starts a new step
    return op;
  }
}
