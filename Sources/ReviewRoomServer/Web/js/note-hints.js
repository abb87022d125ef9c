// The language hints of one note (PROTOCOL.md §3.2 `hint`), kept as positioned items in the
// text the editor shows. A `hint` message covers only the lines the author's edit touched and is
// sent only when they hold hints, so the list is merged, not replaced; every later op moves the
// items, and an item goes as soon as its phrase is no longer in the text as a whole word.

/** The server scans at most this many units either side of an edit (a longer line is cut). */
const SCAN_REACH = 512;
/** A word character by the server's rules (LanguageHints): a letter, a digit or a combining mark. */
const WORD = /^[\p{Alphabetic}\p{N}\p{M}]$/u;
/** Apostrophes and hyphens join the word characters either side of them into one word. */
const JOINERS = new Set(["'", '\u2019', '-', '\u2010', '\u2011']);

/** The character (a whole surrogate pair) that starts at `at`, or ''. */
function charAt(text, at) {
  return at >= 0 && at < text.length ? String.fromCodePoint(text.codePointAt(at)) : '';
}

/** The character (a whole surrogate pair) that ends at `at`, or ''. */
function charBefore(text, at) {
  if (at <= 0 || at > text.length) return '';
  const pair = at >= 2 ? text.slice(at - 2, at) : '';
  return pair.length === 2 && pair.codePointAt(0) > 0xFFFF ? pair : text[at - 1];
}

/** Whether the word characters at [from, to) run on into a longer word (directly or over a joiner). */
function partOfLongerWord(text, from, to) {
  const after = charAt(text, to), before = charBefore(text, from);
  return WORD.test(after) || (JOINERS.has(after) && WORD.test(charAt(text, to + after.length))) ||
    WORD.test(before) || (JOINERS.has(before) && WORD.test(charBefore(text, from - before.length)));
}

/** Whether `at` stands inside quotation marks as the server reads its line (a quote is not flagged). */
function quotedAt(text, at) {
  let quoted = false;
  for (let i = Math.max(text.lastIndexOf('\n', at - 1) + 1, at - SCAN_REACH); i < at; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\u201C' || c === '\u201E' || c === '\u00AB') quoted = true;
    else if (c === '\u201D' || c === '\u00BB' || c === '\r' || c === '\u2028' || c === '\u2029') quoted = false;
  }
  return quoted;
}

/**
 * True when `text` still holds `item.phrase` at [from, to) (any case) as whole words, outside
 * quotation marks: otherwise the server would no longer flag it there (its line is scanned again
 * only after the author's own next edit on it, so another person's edit can make it stale).
 */
export function hintStillThere(text, item) {
  const { from, to } = item;
  if (from < 0 || to > text.length || from >= to) return false;
  if (text.slice(from, to).toLowerCase() !== String(item.phrase).toLowerCase()) return false;
  return !partOfLongerWord(text, from, to) && !quotedAt(text, from);
}

const keyOf = (item) => `${String(item.phrase).toLowerCase()}\u0000${item.suggestion}`;
const sameItem = (a, b) => a.from === b.from && a.to === b.to && a.phrase === b.phrase && a.suggestion === b.suggestion;

export class HintList {
  constructor() {
    /** {from, to, phrase, suggestion}, positions in the shown text, in text order. */
    this.items = [];
  }

  /**
   * Moves every item through `op` (an op on the shown text; `text` is the text after it) and
   * drops the items whose phrase is gone. Returns true when an item was dropped.
   */
  move(op, text) {
    if (!this.items.length) return false;
    for (const item of this.items) {
      // An insert right before the phrase or right after it stays outside it.
      item.from = op.transformPosition(item.from);
      item.to = Math.max(item.from, op.transformCaret(item.to));
    }
    const before = this.items.length;
    this.items = this.items.filter((item) => hintStillThere(text, item));
    return this.items.length !== before;
  }

  /** The items on the lines around [from, to) of `text`, within the server's scan reach. */
  itemsNear(text, from, to) {
    const start = Math.max(text.lastIndexOf('\n', from - 1) + 1, from - SCAN_REACH);
    const lineBreak = text.indexOf('\n', to);
    const end = Math.min(lineBreak < 0 ? text.length : lineBreak, to + SCAN_REACH);
    return this.items.filter((item) => item.from >= start && item.to <= end);
  }

  /** Removes these items (those still listed); returns true when any was. */
  remove(items) {
    const before = this.items.length;
    this.items = this.items.filter((item) => !items.includes(item));
    return this.items.length !== before;
  }

  /**
   * Merges the hints of one `hint` message (positions already in the shown `text`). They replace
   * the items in the stretch of text the server scanned for them (their lines, within its reach)
   * and any item they overlap. Returns {changed, added}: whether the list is different, and the
   * hints not in it before (to announce once).
   */
  merge(incoming, text) {
    const fresh = incoming.filter((item) => hintStillThere(text, item));
    if (!fresh.length) return { changed: false, added: [] };
    const low = Math.min(...fresh.map((h) => h.from)), high = Math.max(...fresh.map((h) => h.to));
    const lineStart = text.lastIndexOf('\n', low - 1) + 1;
    const lineBreak = text.indexOf('\n', high);
    const scanned = [Math.max(lineStart, low - SCAN_REACH), Math.min(lineBreak < 0 ? text.length : lineBreak, high + SCAN_REACH)];
    const replaced = (old) => (old.from >= scanned[0] && old.to <= scanned[1]) ||
      fresh.some((h) => old.from < h.to && h.from < old.to);
    const gone = this.items.filter(replaced);
    const next = [...this.items.filter((old) => !replaced(old)), ...fresh].sort((a, b) => a.from - b.from);
    // A hint found again (the same phrase, moved by edits the message did not know of) is not new.
    const known = new Map();
    for (const old of gone) known.set(keyOf(old), (known.get(keyOf(old)) ?? 0) + 1);
    const added = fresh.filter((h) => {
      const count = known.get(keyOf(h)) ?? 0;
      if (count > 0) known.set(keyOf(h), count - 1);
      return count === 0;
    });
    const changed = next.length !== this.items.length || next.some((item, i) => !sameItem(item, this.items[i]));
    this.items = next;
    return { changed, added };
  }
}
