// Screen-reader announcements through one polite and one assertive live region.
import { el } from './dom.js';

export class Announcer {
  constructor(parent = document.querySelector('.site-header') || document.body) {
    this.polite = el('div', { className: 'visually-hidden', attrs: { role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' } });
    this.urgent = el('div', { className: 'visually-hidden', attrs: { role: 'alert', 'aria-live': 'assertive', 'aria-atomic': 'true' } });
    parent.append(this.polite, this.urgent);
    this.log = [];
  }

  /** Says `text` politely (or assertively when `urgent`); also kept in `log` for the page's history. */
  say(text, urgent = false) {
    const region = urgent ? this.urgent : this.polite;
    // Clearing first makes a repeated message be read again.
    region.textContent = '';
    requestAnimationFrame(() => { region.textContent = text; });
    this.log.push(text);
    if (this.log.length > 50) this.log.shift();
  }
}
