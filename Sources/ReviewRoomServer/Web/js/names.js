// People's names as the pages show them. Two people with the same name (two teachers called Sam)
// could not be told apart anywhere: not in the queue, the round order, the people list or the
// announcements. Namesakes are numbered in the order they were invited ("Sam (1)", "Sam (2)"),
// everywhere alike, so "Sam (2) raised a hand" names the same person on every page.

/** The key two names are the same under: spaces at the ends and letter case do not count. */
export function nameKey(name) {
  return String(name ?? '').trim().toLocaleLowerCase();
}

/**
 * A map from participant id to the name to show for each of `participants` (the session's list,
 * in invitation order): the name itself, or numbered among its namesakes.
 */
export function displayNames(participants) {
  const byKey = new Map();
  for (const p of participants) {
    const key = nameKey(p.name);
    if (!byKey.has(key)) byKey.set(key, []);
    byKey.get(key).push(p);
  }
  const names = new Map();
  for (const group of byKey.values()) {
    group.forEach((p, index) => names.set(p.id, group.length > 1 ? `${p.name} (${index + 1})` : p.name));
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
