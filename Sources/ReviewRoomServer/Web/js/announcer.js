// Screen-reader announcements through one polite and one assertive live region.
import { el } from './dom.js';

/** How long the first of several messages waits for the others to be read with it. */
export const GATHER_MS = 150;

/**
 * How long a message stays in its live region once said. The regions are in the page, hidden
 * only from sight: a screen-reader user reading down the page after the end met "You have the
 * floor for 1 minute 30 seconds" and "Time is up for Short break", true minutes before and
 * contradicting the page (a visual audit). Emptying a region says nothing.
 */
export const SHOWN_MS = 20000;

export class Announcer {
  /** `shownMs`: how long a message stays in its region (SHOWN_MS; a test shortens it). */
  constructor(parent = document.querySelector('.site-header') || document.body, { shownMs = SHOWN_MS } = {}) {
    this.shownMs = shownMs;
    this.polite = el('div', { className: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
    this.urgent = el('div', { className: 'visually-hidden', attrs: { role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true' } });
    parent.append(this.polite, this.urgent);
    this.log = [];
    this.pending = new Map();
    this.emptying = new Map(); // region -> the timer that empties it `shownMs` after it was last said
    // A hidden tab runs no animation frames, so what is said meanwhile would all be read at once
    // when it comes back: only the latest message per region is kept for then.
    this.missed = new Map();
    this.onVisibility = () => { if (!document.hidden) this.sayMissed(); };
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  /**
   * Says `text` politely (or assertively when `urgent`); also kept in `log` for the page's history.
   * Messages said within `GATHER_MS` of the first are read together, in order (the later would
   * otherwise replace the earlier before a screen reader saw it). One frame was too short: one
   * press's news comes in pieces ("Now: Actions", then the Undo offer once its ack is in, 25 ms
   * later; a round's time-up, then its next speaker). While the page is hidden a message only
   * replaces the one kept for its region, said when the page is visible again (`sayMissed`).
   */
  say(text, urgent = false) {
    const region = urgent ? this.urgent : this.polite;
    if (document.hidden) this.missed.set(region, text);
    else this.speak(region, text);
    this.note(text);
  }

  /** Says the latest message of each region said while the page was hidden (on its `visibilitychange` back). */
  sayMissed() {
    const missed = [...this.missed];
    this.missed.clear();
    for (const [region, text] of missed) this.speak(region, text);
  }

  /** Puts `text` in `region` `GATHER_MS` from now, with whatever else is said before then. */
  speak(region, text) {
    const pending = this.pending.get(region);
    if (pending) pending.push(text);
    else {
      this.pending.set(region, [text]);
      // Clearing first makes a repeated message be read again.
      region.textContent = '';
      clearTimeout(this.emptying.get(region));
      setTimeout(() => {
        const gathered = this.pending.get(region);
        this.pending.delete(region);
        if (gathered.length === 0) return; // all taken back (`withdraw`)
        region.textContent = sentences(gathered);
        this.emptying.set(region, setTimeout(() => { region.textContent = ''; }, this.shownMs));
      }, GATHER_MS);
    }
  }

  /**
   * Takes back `text`, said in a region (the assertive one for `urgent`), which is no longer so:
   * "You have the floor" stayed there for its 20 s after the speaker's own "Finish my turn", for
   * a screen reader reading down the page to meet (an audit). Still being gathered, it is not
   * said at all (a turn ended within `GATHER_MS` was announced after its end), and what else is
   * gathered with it still is; kept for a hidden tab, it is dropped; already in the region (alone
   * or read with others), the region is emptied. With no `text` (not known), whatever the region
   * holds is emptied unless a message is being gathered for it. True when it was never said.
   */
  withdraw(text, urgent = false) {
    const region = urgent ? this.urgent : this.polite;
    const pending = this.pending.get(region);
    if (pending) {
      const at = text ? pending.indexOf(text) : -1;
      if (at >= 0) pending.splice(at, 1);
      return at >= 0;
    }
    if (text && this.missed.get(region) === text) {
      this.missed.delete(region);
      return true;
    }
    if (text && !region.textContent.includes(text)) return false;
    clearTimeout(this.emptying.get(region));
    region.textContent = '';
    return false;
  }

  /** Keeps `text` in `log` without saying it (for a message a visible live region reads out). */
  note(text) {
    this.log.push(text);
    if (this.log.length > 50) this.log.shift();
  }

  /** Takes both live regions out of the page and stops watching its visibility; idempotent. */
  remove() {
    document.removeEventListener('visibilitychange', this.onVisibility);
    for (const timer of this.emptying.values()) clearTimeout(timer);
    this.polite.remove();
    this.urgent.remove();
  }
}

/**
 * Messages read together, as sentences: a full stop after each that has no closing punctuation
 * of its own, so "Reconnected" and "Now: Evidence" are not read as one run-on "Reconnected Now".
 */
export function sentences(messages) {
  return messages.map((text, index) => (index < messages.length - 1 && !/[.!?…:]$/u.test(text) ? `${text}.` : text)).join(' ');
}
