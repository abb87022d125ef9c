// A sleep or a frozen tab, told from the page's own timers: while a laptop sleeps (or the browser
// freezes the tab) nothing of the page runs, yet the socket's messages wait in the network stack.
// On waking the page read them as live news and said each one — a sleep probe heard "You have
// the floor for 20 seconds" of a turn that had ended two minutes before. Pure: times are passed in.

/** A gap in the page's 250 ms timer longer than this is a sleep or a freeze. */
export const WAKE_GAP_MS = 10000;
/** How long after waking what arrives still counts as held meanwhile (the backlog is read first). */
export const WAKE_SETTLE_MS = 1000;

export class WakeWatch {
  /** Starts awake at `now` (ms, wall clock: a real suspend stops the monotonic clock). */
  constructor(now) {
    this.beatAt = now;
    this.until = 0; // while non-zero: catching up after a wake, until this time
  }

  /** Whether what arrives at `now` was held during a sleep: its news is not said one by one. */
  catchingUp(now) {
    if (now - this.beatAt > WAKE_GAP_MS) this.until = now + WAKE_SETTLE_MS;
    return this.until > 0;
  }

  /** The page's timer ran at `now`. True once per wake, when its backlog has been read: the moment to say what changed meanwhile, once. */
  beat(now) {
    const waking = this.catchingUp(now);
    this.beatAt = now;
    if (!waking || now < this.until) return false;
    this.until = 0;
    return true;
  }
}
