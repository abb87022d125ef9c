// The hand at the foot of a phone's screen. On a 360 x 740 phone the Floor panel's "Raise hand"
// sat at 825 px, under the title, the focus and the Now panel; a reviewer typing in a note (at
// 2,900 px) scrolled up past everything to raise a hand and back down to write. While the
// panel's button is out of sight, a bar at the foot of a narrow screen carries the same toggle,
// the phase's time and what the last press came to; while the person speaks, "Finish my turn"
// (and "Pass" beside it in a round) and their turn's time, in the personal cue's colours and in its place.
// With no hand up it offers "Respond" (the panel's "Direct response") beside "Raise hand": a response
// jumps the plain queue, and scrolling up to the panel for it lost the moment to answer.
// It is a shortcut for touch and a pointer: screen readers and keyboards have the panel's button
// and Alt+Shift+H, so the bar is hidden from them (`aria-hidden`, its button out of the tab
// order), and one that comes and goes as the page scrolls is never what a screen reader is on.
// It shows only on a narrow screen that is tall enough to spare its height (`HAND_BAR_SCREEN`;
// not a desktop zoomed to 400 %, 320 x 200 CSS px, which would lose a third of its height to it).
import { el, repeatedClick } from './dom.js';
import { ordinal, t } from './strings.js';

/** The words of the bar's second button for each of its actions. */
const SECOND_WORDS = { respond: 'handBar.respond', pass: 'floor.pass' };

/** The screens the bar is for: a phone's, held upright. */
export const HAND_BAR_SCREEN = '(max-width: 40rem) and (min-height: 30rem)';

/**
 * What the bar shows, pure: null when it does not show (this person cannot raise a hand —
 * an observer, a display, the facilitator who runs the floor, anyone after the end — or the
 * panel's own button for what the bar offers is in sight), else `{ action, button, status,
 * second, speaking }`. While this person has the floor (`speaking`: `{ text, inRound }`) it offers to
 * end the turn ('release', "Finish my turn") and says so, as the panel does, with in a round
 * `second` 'pass' (a second button, "Pass": finishing early is not passing, and the round's
 * order and record tell them apart, but for the last turn, ReviewRecordFormats.md); otherwise the hand ('hand', "Raise hand" / "Lower hand") with its place
 * in the queue and the phase's time, and with no hand up `second` 'respond' ("Respond": the
 * panel's "Direct response"). `second` is null when there is no second button. The latest
 * refusal's words come first either way: that line is at the top of the page, where a press at
 * the foot was not seen to fail.
 * `panelButtonInView(action)` says whether the panel's button for `action` is in sight; with
 * `paused` the time reads "Paused, 17:06 left".
 */
export function handBarState({ canRaise, panelButtonInView, place, countdown, refusal, speaking = null, paused = false }) {
  if (!canRaise) return null;
  const action = speaking ? 'release' : 'hand';
  if (panelButtonInView(action)) return null;
  const words = { release: 'floor.release', hand: place ? 'floor.lower' : 'floor.raise' };
  const hand = place ? t('handBar.place', { pos: ordinal(place) }) : '';
  // A paused clock says so: a reviewer scrolled down to the notes saw "17:06" standing still
  // with nothing to say why (an audit at 360 px).
  const time = paused && countdown ? t('handBar.paused', { time: countdown }) : countdown;
  const status = speaking ? speaking.text : [hand, time].filter(Boolean).join(' · ');
  const second = speaking ? (speaking.inRound ? 'pass' : null) : (place ? null : 'respond');
  return { action, button: t(words[action]), second, status: refusal || status, speaking: !!speaking };
}

/** The bar's element; `update` brings it in line with `handBarState` (`state`: what it shows, null while hidden). */
export class HandBar {
  /** `act(action)` does what the panel's button for `action` ('hand', 'respond', 'release', 'pass') does. */
  constructor(act) {
    this.state = null;
    this.status = el('span', { className: 'hand-bar-status' });
    // A press leaves focus where it was (the note being typed in): focused, a button of the bar,
    // which is aria-hidden, put a screen reader's focus on something it may not read (an audit).
    const keepFocus = (event) => event.preventDefault();
    this.button = el('button', { type: 'button', attrs: { tabindex: '-1', 'data-testid': 'hand-bar-button' },
      on: { mousedown: keepFocus, click: (event) => { if (this.state && !repeatedClick(event)) act(this.state.action); } } });
    this.secondButton = el('button', { type: 'button', className: 'secondary',
      attrs: { tabindex: '-1', 'data-testid': 'hand-bar-second', hidden: '' }, on: { mousedown: keepFocus, click: (event) => { if (this.state?.second && !repeatedClick(event)) act(this.state.second); } } });
    this.element = el('div', { className: 'hand-bar', attrs: { 'aria-hidden': 'true', 'data-testid': 'hand-bar', hidden: '' } },
      this.status, this.button, this.secondButton);
    this.screen = matchMedia(HAND_BAR_SCREEN);
    // The cue and the page's foot keep clear of the bar however many lines it takes (app.css,
    // `--hand-bar-height`): a timed turn's "You have the floor · Turn: 1:29 left" wraps to three
    // lines at 320 px, and the bar covered the last line of a question's cue above it.
    new ResizeObserver(() => {
      if (!this.element.hidden) document.documentElement.style.setProperty('--hand-bar-height', `${Math.ceil(this.element.offsetHeight)}px`);
    }).observe(this.element);
  }

  /** Whether the screen is one the bar is for (``HAND_BAR_SCREEN``), now. */
  get fitsScreen() {
    return this.screen.matches;
  }

  /** Shows `state` (from `handBarState`), or hides the bar for null. */
  update(state) {
    this.state = state;
    if (this.element.hidden !== !state) this.element.hidden = !state;
    // Hidden, it says nothing: no second "Raise hand" or "Finish my turn" is left in the page.
    const button = state?.button ?? '', status = state?.status ?? '';
    if (this.button.textContent !== button) this.button.textContent = button;
    if (this.status.textContent !== status) this.status.textContent = status;
    const second = state?.second ? t(SECOND_WORDS[state.second]) : '';
    if (this.secondButton.textContent !== second) this.secondButton.textContent = second;
    if (this.secondButton.hidden !== !second) this.secondButton.hidden = !second;
    this.element.classList.toggle('speaking', !!state?.speaking);
  }
}
