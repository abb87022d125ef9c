// News that can come in bursts (thirty hands raised within seconds, a class joining at once),
// gathered for a screen reader: the first item is said at once, what follows within
// NEWS_GATHER_MS is said together when that time is up, and so on while the burst lasts. A probe
// of a 40-person review heard 17 separate "raised a hand" messages in four seconds.

/** How long items that follow one said are gathered before they are said together. */
export const NEWS_GATHER_MS = 1500;

export class NewsGatherer {
  /**
   * `say(items)` says one batch (an array, in the order they came). `setTimer`/`clearTimer`
   * default to the page's timers (tests pass their own clock).
   */
  constructor(say, { windowMs = NEWS_GATHER_MS, setTimer = (f, ms) => setTimeout(f, ms), clearTimer = (id) => clearTimeout(id) } = {}) {
    this.say = say;
    this.windowMs = windowMs;
    this.setTimer = setTimer;
    this.clearTimer = clearTimer;
    this.items = [];
    this.timer = null;
  }

  /** `items` (an array; empty is nothing): said now when nothing was said in the last window, else gathered. */
  add(items) {
    if (!items.length) return;
    if (this.timer !== null) { this.items.push(...items); return; }
    this.say(items);
    this.open();
  }

  /** Takes the gathered items that `match` out, unsaid; true when there was one. */
  take(match) {
    const kept = this.items.filter((item) => !match(item));
    const taken = kept.length !== this.items.length;
    this.items = kept;
    return taken;
  }

  /** Starts the window in which what comes is gathered. */
  open() {
    this.timer = this.setTimer(() => this.flush(), this.windowMs);
  }

  /** The window is over: what it gathered is said (and another window opens), or the next item is said at once. */
  flush() {
    this.timer = null;
    if (!this.items.length) return;
    const items = this.items;
    this.items = [];
    this.say(items);
    this.open();
  }

  /** Drops what waits and stops the timer (the page is closing). */
  stop() {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.items = [];
  }
}
