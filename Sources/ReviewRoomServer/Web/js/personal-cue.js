// A cue at the foot of the screen for what concerns this person and happened in a panel they
// cannot see: having the floor (with the turn's time left), their hand cleared by a phase move,
// a new question shown, the end of the review (and, for a host, where its record is), and edits to the note they are typing in that are not saved (kept while
// offline, out of step, refused) when the line under the note is out of sight — on a tablet the
// on-screen keyboard covered it. A low-vision probe at 400 % zoom, typing in a note, was given the floor
// 1,570 px above where she was looking, and her turn ran out without her knowing. Screen readers
// already hear all of it (the live regions), so the cue is hidden from them (`aria-hidden`), and
// it takes no clicks (`pointer-events: none`): it only shows, over whatever is under it.
import { el } from './dom.js';

/** How long a one-off cue (hand cleared, question shown) stays. */
export const CUE_MS = 20000;

/**
 * Which cue shows, pure: `speaking` (text, or null) while this person has the floor, then the
 * latest one-off cue still within its time, and `unsaved` (the line under the note being typed
 * in, when it says something the writer must know: ``statusWorthACue``) on a line of its own
 * after either; each only when
 * `panelInView(panel)` is false for the panel it belongs to ('floor', 'prompt', 'record',
 * 'clock', 'notes': the note's line). `{ text, panel }` or null.
 */
export function chooseCue({ speaking, flash, unsaved = null, now, panelInView }) {
  let first = null;
  if (speaking && !panelInView('floor')) first = { text: speaking, panel: 'floor' };
  else if (flash && now < flash.until && !panelInView(flash.panel)) first = { text: flash.text, panel: flash.panel };
  // Unsaved edits go on a line of their own under the floor's or a one-off's: a speaker whose
  // Wi-Fi dropped saw only "You have the floor" while the note's line said nothing was saved.
  if (unsaved && !panelInView('notes')) return first ? { text: `${first.text}\n${unsaved}`, panel: first.panel } : { text: unsaved, panel: 'notes' };
  return first;
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
  update({ speaking, unsaved, now, panelInView }) {
    const cue = chooseCue({ speaking, flash: this.flashed, unsaved, now, panelInView });
    const text = cue ? cue.text : '';
    if (this.element.textContent !== text) this.element.textContent = text;
    if (this.element.hidden !== !cue) this.element.hidden = !cue;
    if (cue) {
      this.element.dataset.panel = cue.panel;
      this.keepInSight();
    }
  }

  /**
   * Keeps the cue at the foot of what the person sees: a fixed element sits at the foot of the
   * layout viewport, which an on-screen keyboard (a tablet's Safari) or a pinch zoom covers or
   * leaves out of sight — a reviewer typing on a tablet was given the floor behind the keyboard.
   */
  keepInSight() {
    const insets = cueInsets(visibleArea(), document.documentElement);
    for (const [side, px] of Object.entries(insets)) {
      const value = px > 0 ? `${px}px` : '';
      if (this.element.style.getPropertyValue(`--cue-inset-${side}`) !== value) {
        if (value) this.element.style.setProperty(`--cue-inset-${side}`, value);
        else this.element.style.removeProperty(`--cue-inset-${side}`);
      }
    }
  }
}

/**
 * The part of the layout viewport the person sees, in `getBoundingClientRect` coordinates:
 * smaller than the window under a pinch zoom or an on-screen keyboard that does not resize the
 * page (`visualViewport`; the whole window where a browser lacks it).
 */
export function visibleArea(win = window) {
  const view = win.visualViewport;
  if (!view) return { top: 0, left: 0, bottom: win.innerHeight, right: win.innerWidth };
  return { top: view.offsetTop, left: view.offsetLeft, bottom: view.offsetTop + view.height, right: view.offsetLeft + view.width };
}

/**
 * How far (whole CSS px, never negative) the cue's sides must move in from the layout viewport's
 * (`{clientWidth, clientHeight}`) to stay within `area`, pure.
 */
export function cueInsets(area, { clientWidth, clientHeight }) {
  const px = (n) => Math.max(0, Math.round(n));
  return { bottom: px(clientHeight - area.bottom), left: px(area.left), right: px(clientWidth - area.right) };
}

/** Whether the shown `cue` element lies over any part of `element`. */
export function covers(cue, element) {
  if (!cue || cue.hidden || !element?.isConnected) return false;
  const a = cue.getBoundingClientRect(), b = element.getBoundingClientRect();
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/** Whether `element` is wholly inside what the person sees (``visibleArea``). */
export function wholeInView(element) {
  if (!element?.isConnected) return false;
  const box = element.getBoundingClientRect();
  const area = visibleArea();
  return box.top >= area.top && box.bottom <= area.bottom && box.height > 0;
}
