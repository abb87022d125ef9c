// Others' large removals from a note, kept on a facilitator's console with the text they removed,
// to copy back. An audit found that one participant with a working link emptied every note with
// one edit each, and that nothing in the product brought the text back: the record holds only
// what is left. Selecting everything and typing over it by mistake is the same edit. The text is
// shown to copy, not put back by the page: a re-audit of an automatic "Put them back" found it
// deleting what the edit had typed, losing a put-back the note had no room for, and doubling
// text that two consoles (or the remover's own undo) put back at once.

/** One edit of someone else's that removes at least this many characters is kept. */
export const REMOVAL_KEPT_FROM = 100;
/** At most this many removals are kept per note: the oldest go first. */
export const REMOVALS_KEPT = 5;

/** The text `op` removes from `before`, its stretches in order, a blank line between two. */
export function removedText(op, before) {
  const stretches = [];
  let at = 0;
  for (const c of op.ops) {
    if (typeof c !== 'number') continue;
    if (c < 0) stretches.push(before.slice(at, at - c));
    at += Math.abs(c);
  }
  return stretches.join('\n\n');
}

/** The removals kept for one note, oldest first: `{ by, units, text, at }`. */
export class RemovalsKept {
  constructor() {
    this.items = [];
  }

  /**
   * `op` of participant `by`, applied to `before`, at `at` (ms): kept when it removes
   * `REMOVAL_KEPT_FROM` units or more and has an author (an op without one is this page's own
   * taken back). Returns the item, or null.
   */
  keep(op, before, by, at = Date.now()) {
    const units = op.deletedUnits;
    if (!by || units < REMOVAL_KEPT_FROM) return null;
    const item = { by, units, text: removedText(op, before), at };
    this.items.push(item);
    if (this.items.length > REMOVALS_KEPT) this.items.shift();
    return item;
  }

  /** Forgets removal `item` (dismissed). */
  forget(item) {
    this.items = this.items.filter((other) => other !== item);
  }
}
