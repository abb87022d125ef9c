// A part of a page that must not change faster than a room can safely watch. A reviewer raising
// and lowering a hand 48 times a second (within the live limits; an audit of a disruptive
// participant) made the room display's queue flash at that rate on the projector: more than
// WCAG 2.3.1's three flashes a second, in front of everyone. A paced part is drawn at once when
// it last changed long enough ago, else once when that time is up, with whatever is current then.

/** The least time between two drawings of a paced part: at most two changes a second. */
export const PACED_GAP_MS = 500;

export class PacedDraw {
  /**
   * `draw(late)` draws the part as it is now; `late` is true when it runs from the timer (the
   * caller is not drawing the rest of the page then). `now` and `setTimer` default to the page's
   * clock and timer (tests pass their own).
   */
  constructor(draw, { gapMs = PACED_GAP_MS, now = () => performance.now(), setTimer = (f, ms) => setTimeout(f, ms) } = {}) {
    this.draw = draw;
    this.gapMs = gapMs;
    this.now = now;
    this.setTimer = setTimer;
    this.last = -Infinity;
    this.timer = null;
  }

  /** The part changed: drawn now (true) when its last drawing is `gapMs` old, else once when it is (false). */
  request() {
    if (this.timer !== null) return false;
    const wait = this.last + this.gapMs - this.now();
    if (wait <= 0) {
      this.run(false);
      return true;
    }
    this.timer = this.setTimer(() => {
      this.timer = null;
      this.run(true);
    }, wait);
    return false;
  }

  run(late) {
    this.last = this.now();
    this.draw(late);
  }
}

/**
 * A copy of a value for a paced part to show, `initial` at first: `shown` takes what `current()`
 * returns at once when it last changed `gapMs` ago or more, else once when that time is up
 * (`redrawLate()` is then called to draw the part again). Values are compared as JSON (the
 * floor's queue of hands).
 */
export class PacedCopy {
  constructor(initial, current, redrawLate, options = {}) {
    this.current = current;
    this.shown = initial;
    this.paced = new PacedDraw((late) => {
      this.shown = current();
      if (late) redrawLate();
    }, options);
  }

  /** Takes the current value, now or when the pacing allows, if it differs from `shown`; returns `shown`. */
  update() {
    if (JSON.stringify(this.current()) !== JSON.stringify(this.shown)) this.paced.request();
    return this.shown;
  }
}
