// Work done at most once a frame however often it is asked for: a burst of events drawn once.

/** How long a request waits for a frame before it runs anyway (a hidden tab draws no frames). */
export const FRAME_FALLBACK_MS = 100;

/**
 * Runs `run` for the requests made until the next animation frame, once, at that frame (or after
 * `FRAME_FALLBACK_MS` when no frame comes first). With `leading`, a request when none is waiting
 * runs at once and only the requests after it, until the frame, wait for it: a lone event is
 * drawn as it comes, a burst twice (its first event, then all the rest). Call `done()` when the
 * work was done some other way (it is not done again at the frame), `cancel()` when stopping.
 */
export class NextFrame {
  constructor(run, { leading = false } = {}) {
    this.run = run;
    this.leading = leading;
    this.handles = null; // {raf, timer} until the frame
    this.due = false; // a run waits for the frame
  }

  /** True while a run waits for its frame. */
  get pending() { return this.due; }

  /** Asks for a run: at once (`leading`, nothing waiting) or at the next frame, with every other request until then. */
  request() {
    if (this.handles) { this.due = true; return; }
    const now = this.leading;
    const fire = () => {
      const due = this.due;
      this.cancel();
      if (due) this.run();
    };
    this.handles = { raf: requestAnimationFrame(fire), timer: setTimeout(fire, FRAME_FALLBACK_MS) };
    this.due = !now;
    if (now) this.run();
  }

  /** The work was just done: what waits has nothing left to do (the frame still ends a `leading` burst). */
  done() {
    this.due = false;
  }

  /** Forgets the waiting run and the frame, if any. */
  cancel() {
    if (this.handles) {
      cancelAnimationFrame(this.handles.raf);
      clearTimeout(this.handles.timer);
    }
    this.handles = null;
    this.due = false;
  }
}
