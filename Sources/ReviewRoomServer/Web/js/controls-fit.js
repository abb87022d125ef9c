// The console's controls beside the room on a wide screen stick to the top of the window and
// scroll on their own (app.css). They were the window's height less 1rem from the start, though
// they start below the page's title: at 1366 x 768 their last 220 px ("Next speaker") were
// below the window until the page was scrolled, and bringing the Undo offer into sight scrolled
// the whole page 117 px under the pointer at every phase move (a visual audit). Their top is
// kept in `--controls-top`, so that they end at the window's foot wherever they start.

export class ControlsFit {
  /** Keeps `panel`'s `--controls-top` (its top in the window, at least 0) as the page scrolls and resizes. */
  constructor(panel) {
    this.panel = panel;
    this.frame = null;
    this.request = () => {
      if (this.frame === null) this.frame = requestAnimationFrame(() => { this.frame = null; this.fit(); });
    };
    addEventListener('scroll', this.request, { passive: true });
    addEventListener('resize', this.request);
    // A banner above (the connection lost) or the title wrapping moves the panel without a scroll.
    this.resized = new ResizeObserver(this.request);
    this.resized.observe(document.body);
  }

  /** Sets `--controls-top` now. */
  fit() {
    const value = `${Math.max(0, Math.round(this.panel.getBoundingClientRect().top))}px`;
    if (this.panel.style.getPropertyValue('--controls-top') !== value) this.panel.style.setProperty('--controls-top', value);
  }

  /** Stops following the page. */
  stop() {
    removeEventListener('scroll', this.request);
    removeEventListener('resize', this.request);
    this.resized.disconnect();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
  }
}
