// Presses that follow a change made elsewhere too closely to have been meant for it. Two
// facilitators pressing "Next phase" 30–250 ms apart moved the room two phases: the second
// console had drawn the first one's move, but its facilitator had decided on the screen before
// (a co-facilitation audit; a person reacts in about a quarter of a second). The server's guards
// (`phase`, `speaker`, `next`) catch a press on a view that is behind, not one on a view that
// changed under the pointer. Pure: the time comes from `now`.

/** How long after a change made elsewhere a press of the controls it affects is not sent. */
export const SETTLE_MS = 1000;

/** Per kind of change ('phase', 'floor'), what it was and when it last changed by someone else. */
export class JustChanged {
  /** @param {() => number} now milliseconds on a monotonic clock (`performance.now`) */
  constructor(now = () => performance.now(), settleMs = SETTLE_MS) {
    this.now = now;
    this.settleMs = settleMs;
    this.seen = new Map();
  }

  /**
   * Notes what `kind` is now (`key`, compared with ===). A change counts unless `own` (this
   * console's own command caused it) or it is the first look. `by()` says who made a change that
   * counts (an event's `by`), asked then: a later change of this console's own, inside the wait,
   * keeps the wait and its mover (an audit heard its own move called "from another of your screens").
   */
  observe(kind, key, own = false, by = () => undefined) {
    const last = this.seen.get(kind);
    if (last && last.key !== key && !own) this.seen.set(kind, { key, at: this.now(), change: { key, by: by() } });
    else if (!last || last.key !== key) this.seen.set(kind, { key, at: last?.at ?? -Infinity, change: last?.change });
  }

  /**
   * The change of `kind` the wait is for: `{key, by}`, what it changed to and who made it (as
   * `observe`'s `by` said), or undefined before any.
   */
  changeOf(kind) {
    return this.seen.get(kind)?.change;
  }

  /** What `kind` was last seen as, or undefined before the first look. */
  keyOf(kind) {
    return this.seen.get(kind)?.key;
  }

  /** Whether `kind` changed by someone else within the settling time. */
  settling(kind) {
    const last = this.seen.get(kind);
    return !!last && this.now() - last.at < this.settleMs;
  }
}
