// The hand at the foot of a phone's screen. On a 360 x 740 phone the Floor panel's "Raise hand"
// sat at 825 px, under the title, the focus and the Now panel; a reviewer typing in a note (at
// 2,900 px) scrolled up past everything to raise a hand and back down to write. While the
// panel's button is out of sight, a bar at the foot of a narrow screen carries the same toggle,
// the phase's time and what the last press came to. It is a shortcut for touch and a pointer:
// screen readers and keyboards have the panel's button and Alt+Shift+H, so the bar is hidden
// from them (`aria-hidden`, its button out of the tab order), and one that comes and goes as the
// page scrolls is never what a screen reader is on. The stylesheet shows it only on a narrow
// screen that is tall enough to spare its height (not a desktop zoomed to 400 %).
import { el } from './dom.js';
import { ordinal, t } from './strings.js';

/**
 * What the bar shows, pure: null when it does not show (this person cannot raise a hand —
 * an observer, a display, the facilitator who runs the floor, anyone after the end — or the
 * panel's own button is in sight), else `{ button, status }`: the toggle's words and the line
 * beside it (the latest refusal, else the hand's place in the queue and the phase's time).
 */
export function handBarState({ canRaise, panelButtonInView, place, countdown, refusal }) {
  if (!canRaise || panelButtonInView) return null;
  const hand = place ? t('handBar.place', { pos: ordinal(place) }) : '';
  return {
    button: t(place ? 'floor.lower' : 'floor.raise'),
    status: refusal || [hand, countdown].filter(Boolean).join(' · '),
  };
}

/** The bar's element; `update` brings it in line with `handBarState`. */
export class HandBar {
  /** `toggle` raises or lowers this person's hand (the panel button's own action). */
  constructor(toggle) {
    this.status = el('span', { className: 'hand-bar-status' });
    this.button = el('button', { type: 'button', attrs: { tabindex: '-1', 'data-testid': 'hand-bar-button' }, on: { click: () => toggle() } });
    this.element = el('div', { className: 'hand-bar', attrs: { 'aria-hidden': 'true', 'data-testid': 'hand-bar', hidden: '' } }, this.status, this.button);
  }

  /** Shows `state` (from `handBarState`), or hides the bar for null. */
  update(state) {
    if (this.element.hidden !== !state) this.element.hidden = !state;
    if (!state) return;
    if (this.button.textContent !== state.button) this.button.textContent = state.button;
    if (this.status.textContent !== state.status) this.status.textContent = state.status;
  }
}
