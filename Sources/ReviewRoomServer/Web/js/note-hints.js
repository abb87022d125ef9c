// The language hints of one note (PROTOCOL.md §3.2 `hint`), kept as positioned items in the
// text the editor shows. A `hint` message covers only the lines the author's edit touched and is
// sent only when they hold hints, so the list is merged, not replaced; every later op moves the
// items, and an item goes as soon as its phrase is no longer in the text as a whole word, or
// when someone else's op changed the phrase or the word either side of it (its context).

/** The server scans at most this many units either side of an edit (a longer line is cut). */
const SCAN_REACH = 512;
/** A word character by the server's rules (LanguageHints): a letter, a digit or a combining mark. */
const WORD = /^[\p{Alphabetic}\p{N}\p{M}]$/u;
/** Apostrophes and hyphens join the word characters either side of them into one word. */
const JOINERS = new Set(["'", '\u2019', '-', '\u2010', '\u2011']);
/** What may stand between a phrase and a context word the server reads with it (LanguageHints). */
const BLANKS = new Set([' ', '\t']);

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

/** Whether `c` (one character) can be part of a word: a word character or a joiner. */
const inWord = (c) => c !== '' && (WORD.test(c) || JOINERS.has(c));

/**
 * [from, to) of `text` widened over the word either side of it when only blanks separate them:
 * the words the server reads as a phrase's context ("poor connection", "thanks everyone") or
 * that could make it part of a longer phrase ("everyone knows"). `wordBefore`/`wordAfter` say
 * whether there is such a word (else the stretch ends after the blanks).
 */
export function contextStretch(text, from, to) {
  let low = from, high = to;
  while (low > 0 && BLANKS.has(text[low - 1])) low -= 1;
  const blanksStart = low;
  for (let c = charBefore(text, low); inWord(c); c = charBefore(text, low)) low -= c.length;
  while (high < text.length && BLANKS.has(text[high])) high += 1;
  const blanksEnd = high;
  for (let c = charAt(text, high); inWord(c); c = charAt(text, high)) high += c.length;
  return { low, high, wordBefore: low < blanksStart, wordAfter: high > blanksEnd };
}

/**
 * Whether `op` changes the stretch (contextStretch) of `text`, the text it applies to: anything
 * inserted or deleted inside it; at its ends, only what runs on into the word there (an insert
 * or a deletion next to "here" in "poor here" that leaves "here" a word of its own is further
 * along the line), or anything at all when there is no word there (a word put there is new context).
 */
export function opTouches(op, text, { low, high, wordBefore, wordAfter }) {
  let at = 0;
  for (const c of op.ops) {
    if (typeof c === 'string') {
      if (at > low && at < high) return true;
      if (at === low && (!wordBefore || inWord(charBefore(c, c.length)))) return true;
      if (at === high && (!wordAfter || inWord(charAt(c, 0)))) return true;
    } else if (c > 0) {
      at += c;
    } else {
      const end = at - c;
      if (end > low && at < high) return true;
      if (end === low && (!wordBefore || inWord(charBefore(text, at)))) return true;
      if (at === high && (!wordAfter || inWord(charAt(text, end)))) return true;
      at = end;
    }
    if (at > high) return false;
  }
  return false;
}

const keyOf = (item) => `${String(item.phrase).toLowerCase()}\u0000${item.suggestion}`;
const sameItem = (a, b) => a.from === b.from && a.to === b.to && a.phrase === b.phrase && a.suggestion === b.suggestion;

export class HintList {
  constructor() {
    /** {from, to, phrase, suggestion}, positions in the shown text, in text order. */
    this.items = [];
    /**
     * Items someone else's op withdrew (see `move`), still followed through ops while their
     * words are there as written: when the author's next edit has the server find one again,
     * it is listed again but is not news (not announced a second time).
     */
    this.withdrawn = [];
  }

  /**
   * Moves every item through `op` (an op on the shown text; `text` is the text after it) and
   * drops the items whose phrase is gone. `before` (the text the op applied to) is given for
   * someone else's op: the server scans a line again only after the author's own next edit
   * there, so an item is dropped too when that op changed its phrase or the word either side
   * of it (a context word the rules read, "poor" → "poor connection"), whatever the text now
   * says; an edit further along the line keeps it. Returns true when an item was dropped.
   */
  move(op, text, before = null) {
    if (!this.items.length && !this.withdrawn.length) return false;
    const touched = before === null ? [] : this.items.filter((item) => opTouches(op, before, contextStretch(before, item.from, item.to)));
    for (const item of [...this.items, ...this.withdrawn]) {
      // An insert right before the phrase or right after it stays outside it.
      item.from = op.transformPosition(item.from);
      item.to = Math.max(item.from, op.transformCaret(item.to));
    }
    const count = this.items.length;
    this.items = this.items.filter((item) => !touched.includes(item) && hintStillThere(text, item));
    const unchanged = (item) => text.slice(item.from, item.to).toLowerCase() === String(item.phrase).toLowerCase();
    this.withdrawn = [...this.withdrawn, ...touched].filter(unchanged);
    return this.items.length !== count;
  }

  /** The items (listed or withdrawn) on the lines around [from, to) of `text`, within the server's scan reach. */
  itemsNear(text, from, to) {
    const start = Math.max(text.lastIndexOf('\n', from - 1) + 1, from - SCAN_REACH);
    const lineBreak = text.indexOf('\n', to);
    const end = Math.min(lineBreak < 0 ? text.length : lineBreak, to + SCAN_REACH);
    return [...this.items, ...this.withdrawn].filter((item) => item.from >= start && item.to <= end);
  }

  /** Removes these items (listed or withdrawn); returns true when a listed one was. */
  remove(items) {
    const before = this.items.length;
    this.items = this.items.filter((item) => !items.includes(item));
    this.withdrawn = this.withdrawn.filter((item) => !items.includes(item));
    return this.items.length !== before;
  }

  /**
   * Merges the hints of one `hint` message (positions already in the shown `text`). They replace
   * the items in the stretch of text the server scanned for them (their lines, within its reach)
   * and any item they overlap. Returns {changed, added}: whether the list is different, and the
   * hints not in it before nor withdrawn there (to announce once).
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
    // Withdrawn items the scan covered are settled: found again (not news) or no longer flagged.
    const gone = [...this.items.filter(replaced), ...this.withdrawn.filter(replaced)];
    this.withdrawn = this.withdrawn.filter((old) => !replaced(old));
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
