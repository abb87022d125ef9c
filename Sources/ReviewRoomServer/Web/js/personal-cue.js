// A cue at the foot of the screen for what concerns this person and happened in a panel they
// cannot see: having the floor (with the turn's time left), their hand cleared by a phase move,
// a new question shown. A low-vision probe at 400 % zoom, typing in a note, was given the floor
// 1,570 px above where she was looking, and her turn ran out without her knowing. Screen readers
// already hear all of it (the live regions), so the cue is hidden from them (`aria-hidden`), and
// it takes no clicks (`pointer-events: none`): it only shows, over whatever is under it.
import { el } from './dom.js';

/** How long a one-off cue (hand cleared, question shown) stays. */
export const CUE_MS = 20000;

/**
 * Which cue shows, pure: `speaking` (text, or null) while this person has the floor, then the
 * latest one-off cue still within its time; each only when `panelInView(panel)` is false for
 * the panel it belongs to. `{ text, panel }` or null.
 */
export function chooseCue({ speaking, flash, now, panelInView }) {
  if (speaking && !panelInView('floor')) return { text: speaking, panel: 'floor' };
  if (flash && now < flash.until && !panelInView(flash.panel)) return { text: flash.text, panel: flash.panel };
  return null;
}

/** The cue's element and its latest one-off message. */
export class PersonalCue {
  constructor() {
    this.element = el('div', { className: 'personal-cue', attrs: { 'aria-hidden': 'true', 'data-testid': 'personal-cue', hidden: '' } });
    this.flashed = null;
  }

  /** Shows `text` for `CUE_MS` from `now` when `panel` ('floor', 'prompt') is out of view. */
  flash(text, panel, now) {
    this.flashed = { text, panel, until: now + CUE_MS };
  }

  /** Brings the element in line with `chooseCue` (called every tick). */
  update({ speaking, now, panelInView }) {
    const cue = chooseCue({ speaking, flash: this.flashed, now, panelInView });
    const text = cue ? cue.text : '';
    if (this.element.textContent !== text) this.element.textContent = text;
    if (this.element.hidden !== !cue) this.element.hidden = !cue;
    if (cue) this.element.dataset.panel = cue.panel;
  }
}

/** Whether `element` is wholly inside the viewport. */
export function wholeInView(element) {
  if (!element?.isConnected) return false;
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight && box.height > 0;
}
