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
