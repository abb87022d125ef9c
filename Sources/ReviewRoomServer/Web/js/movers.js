// Who made a change, as the console says it: pure (no DOM), from an event's `by` (`byOf`).

/**
 * The mover of a change for the sentences that name them: `{kind: 'other', name}` for someone
 * else (a co-facilitator; a reviewer whose pass moved a round on), `{kind: 'self'}` for this
 * facilitator's own participant on another screen, `{kind: 'server'}` for the server on its own
 * (time-up), or null when it is not known (no such event kept, or someone no longer listed):
 * the sentence then names nobody. `by` is a participant id, null or undefined; `me` is this
 * page's participant id; `nameOf` gives undefined for someone it does not know.
 */
export function moverOf(by, me, nameOf) {
  if (by === undefined) return null;
  if (by === null) return { kind: 'server' };
  if (by === me) return { kind: 'self' };
  const name = nameOf(by);
  return name === undefined ? null : { kind: 'other', name };
}

/**
 * The string key for `base` said about `mover`: `base` + 'By', 'Self' or 'Server' where
 * `variants` lists that kind, else `base` (the sentence that names nobody).
 */
export function moverKey(base, mover, variants = ['other', 'self', 'server']) {
  if (!mover || !variants.includes(mover.kind)) return base;
  return base + { other: 'By', self: 'Self', server: 'Server' }[mover.kind];
}
