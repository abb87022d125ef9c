// People's names as the pages show them. Two people with the same name (two teachers called Sam)
// could not be told apart anywhere: not in the queue, the round order, the people list or the
// announcements. Namesakes are numbered in the order they were invited ("Sam (1)", "Sam (2)"),
// everywhere alike, so "Sam (2) raised a hand" names the same person on every page; a number
// that someone else's own name holds is skipped.

/** The key two names are the same under: spaces at the ends and letter case do not count. */
export function nameKey(name) {
  return String(name ?? '').trim().toLocaleLowerCase();
}

// Direction controls that open an embedding, override or isolate: the API takes any characters
// in a name, and one left open reverses the sentence the name is put in.
const DIRECTION_OPENERS = /[\u202A-\u202E\u2066-\u2069]/g;
// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
// forms; historic scripts), as the record's isolation counts them.
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * `text` with the direction embeddings, overrides and isolates it leaves open closed at its end,
 * innermost first, as the record closes them (DirectionControls): a session title that opened a
 * right-to-left override reversed the words put after it, in the page's title and sentences.
 */
export function balancedDirection(text) {
  if (!/[\u202A\u202B\u202D\u202E\u2066-\u2068]/u.test(text)) return text;
  const closers = [];
  for (const c of text) {
    if ('\u202A\u202B\u202D\u202E'.includes(c)) closers.push('\u202C');
    else if ('\u2066\u2067\u2068'.includes(c)) closers.push('\u2069');
    // As in the bidirectional algorithm, a PDF closes an embedding only if no isolate opened
    // after it is still open; a PDI closes its isolate and all opened since.
    else if (c === '\u202C' && closers[closers.length - 1] === '\u202C') closers.pop();
    else if (c === '\u2069' && closers.includes('\u2069')) closers.length = closers.lastIndexOf('\u2069');
  }
  return text + closers.reverse().join('');
}

/**
 * `name` as it goes into a sentence: without direction-opening controls, and wrapped in FIRST
 * STRONG ISOLATE … POP DIRECTIONAL ISOLATE (U+2068, U+2069) when it has right-to-left letters,
 * so "ليلى has the floor" keeps its words in order and two such names in a list are not swapped.
 */
export function isolatedName(name) {
  const plain = String(name ?? '').replace(DIRECTION_OPENERS, '');
  return RIGHT_TO_LEFT.test(plain) ? `\u2068${plain}\u2069` : plain;
}

/**
 * A map from participant id to the name to show for each of `participants` (the session's list,
 * in invitation order): the name itself, or numbered among its namesakes (`isolatedName`).
 */
export function displayNames(participants) {
  const byKey = new Map();
  for (const p of participants) {
    const key = nameKey(p.name);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(p);
  }
  // A number that would make someone else's own name ("Sam (1)" invited as such) is skipped,
  // so no two people are ever shown alike (the record numbers the same way).
  const names = new Map();
  for (const group of byKey.values()) {
    let number = 0;
    for (const p of group) {
      if (group.length === 1) { names.set(p.id, isolatedName(p.name)); continue; }
      do { number += 1; } while (byKey.has(nameKey(`${p.name} (${number})`)));
      names.set(p.id, `${isolatedName(p.name)} (${number})`);
    }
  }
  return names;
}

/**
 * The first of `names` that repeats a name before it in `names` or one in `taken`, as
 * `{name, index}` (its place in `names`), or null. Blank names are left out.
 */
export function repeatedName(names, taken = []) {
  const seen = new Set(taken.map(nameKey));
  for (const [index, name] of names.entries()) {
    const key = nameKey(name);
    if (!key) continue;
    if (seen.has(key)) return { name: name.trim(), index };
    seen.add(key);
  }
  return null;
}
