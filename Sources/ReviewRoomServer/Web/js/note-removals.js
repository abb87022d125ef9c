// Others' large removals from a note, kept on a facilitator's console so that the text can be put
// back. An audit found that one participant with a working link emptied every note with one edit
// each, and that nothing in the product brought the text back: the record holds only what is
// left. Selecting everything and typing over it by mistake is the same edit. Each removal is kept
// as the op that undoes it, moved past every later change to the note, as the page's own undo
// history is (note-undo.js), so putting it back restores the text where it now belongs and
// keeps what everyone wrote since.
import { TextOperation } from './ot.js';

/** One op of someone else's that removes at least this many characters is kept. */
export const REMOVAL_KEPT_FROM = 100;
/** At most this many removals are kept per note: the oldest go first. */
export const REMOVALS_KEPT = 5;

/** How many UTF-16 units `op` deletes. */
export function removedUnits(op) {
  let units = 0;
  for (const c of op.ops) if (typeof c === 'number' && c < 0) units -= c;
  return units;
}

/**
 * Whether what `restore` would put back already stands where it would go in `text` (the note as
 * it is now): each text it inserts is found just after or just before its place. Another
 * facilitator's console put it back, and a second "Put them back" would have doubled it.
 */
export function alreadyBack(restore, text) {
  let at = 0; // where in `text` the op has got to
  let inserts = 0;
  for (const c of restore.ops) {
    if (typeof c === 'string') {
      inserts += 1;
      if (text.slice(at, at + c.length) !== c && text.slice(Math.max(0, at - c.length), at) !== c) return false;
    } else {
      at += Math.abs(c); // a retain or a delete both pass over text that is there now
    }
  }
  return inserts > 0;
}

/** The removals kept for one note, newest last: `{ by, units, restore }`, `restore` on the note as it is now. */
export class RemovalsKept {
  constructor() {
    this.items = [];
  }

  /**
   * `op` of participant `by`, applied to `before` (after `transform(op)` has moved the others):
   * kept when it removes `REMOVAL_KEPT_FROM` units or more. Returns whether it was kept.
   */
  keep(op, before, by) {
    const units = removedUnits(op);
    if (units < REMOVAL_KEPT_FROM) return false;
    this.items.push({ by, units, restore: op.invert(before) });
    if (this.items.length > REMOVALS_KEPT) this.items.shift();
    return true;
  }

  /** Any change applied to the note (`op`, on the note as it was): every kept op moves past it. */
  transform(op) {
    for (const item of this.items) [item.restore] = TextOperation.transform(item.restore, op);
  }

  /** Takes removal `item` out of the list; its op (on the note as it is now) puts the text back. */
  take(item) {
    this.items = this.items.filter((other) => other !== item);
    return item.restore;
  }

  /** Forgets removal `item` (dismissed). */
  forget(item) {
    this.items = this.items.filter((other) => other !== item);
  }
}
