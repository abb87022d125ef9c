// The host school's way to the record once the review has ended (the join page only): its three
// formats, downloaded with the page's own invite token (GET /api/v1/invite/record, a ReviewRoom
// extension), so host staff take it into their workshop without waiting for the facilitator.
import { Api } from './api.js';
import { downloadBlob, el, morphChildren } from './dom.js';
import { recordFileName } from './download-names.js';
import { openRecordTab } from './record-tab.js';
import { t } from './strings.js';
import { formatInstant } from './timefmt.js';

/**
 * How often a workshop's page asks again whether the review it follows has ended, while it has
 * not: the panel says its record can be opened "once that review has ended" (an audit found the
 * promise kept only by a reload).
 */
export const FOLLOWED_RECHECK_MS = 60000;

/** The roles whose invite may download the record (the server says the same: 403 otherwise). */
export const RECORD_ROLES = Object.freeze(['host', 'facilitator']);

/** Whether `you` may take the record of session `s` now: a host or facilitator, after the end. */
export function offersRecord(s, you) {
  return !!you && RECORD_ROLES.includes(you.role) && s?.clock?.status === 'ended';
}

/** The record panel's state and its downloads, for one page's invite token. */
export class RecordOffer {
  /**
   * @param {string} token the page's invite token
   * @param {() => void} changed asks the page to draw the panel again (a download's outcome)
   */
  constructor(token, changed) {
    this.api = new Api(token);
    this.changed = changed;
    /** What the status line says: '' or the outcome of the last download. */
    this.status = '';
    this.busy = false;
    /** When a server with `retention_days` erases the session (GET /api/v1/invite), once asked. */
    this.erasesAt = null;
    this.erasureAsked = false;
    /** The review a workshop follows (GET /api/v1/invite's `follows`), once asked; null for most sessions. */
    this.follows = null;
    this.followedStatus = '';
    /** Whose link this is (GET /api/v1/invite's `participant`), for a page that has no welcome (`showFollowedBeside`). */
    this.linkOf = null;
    /** How often the link is asked again while the followed review has not ended (ms). */
    this.recheckMs = FOLLOWED_RECHECK_MS;
    this.recheck = null;
    /** The workshop's clock status when the link was last asked (a change asks again). */
    this.askedAtStatus = undefined;
    /** The panel `showFollowedBeside` put on a page with no room. */
    this.besidePanel = null;
  }

  /** The panel's children for session `s` (heading, what it is, the three buttons, the status). */
  children(s) {
    if (!this.erasureAsked) this.askErasure();
    return [
      el('h2', { id: 'record-heading', textContent: t('record.heading') }),
      el('p', {}, t('record.intro')),
      this.erasureNotice(s),
      // Read at once in a tab of its own; then the web page to keep: it opens in any browser and
      // prints; Markdown and JSON are for tools.
      el('div', { className: 'row' },
        el('button', { type: 'button', textContent: t('record.view'), attrs: { 'data-testid': 'record-view' },
          on: { click: () => this.view() } }),
        ...['html', 'md', 'json'].map((format) => el('button', {
          type: 'button', className: 'secondary', textContent: t(`record.${format}`),
          attrs: this.busy ? { 'data-format': format, 'aria-disabled': 'true' } : { 'data-format': format },
          on: { click: () => this.download(s, format) } }))),
      el('p', { className: 'meta', attrs: { role: 'status', 'data-testid': 'record-status' } }, this.status),
    ];
  }

  /**
   * Asks once what the link is: whether the server will erase the session, and when, and the
   * review it follows, if any (a failed ask is asked again at the next drawing).
   */
  async askErasure() {
    this.erasureAsked = true;
    clearTimeout(this.recheck);
    try {
      const details = await this.api.request('GET', '/invite');
      this.erasesAt = details.erasesAt ?? null;
      this.follows = details.follows ?? null;
      this.linkOf = details.participant ?? null;
      if (this.follows && !this.follows.ended) this.recheck = setTimeout(() => this.askErasure(), this.recheckMs);
      if (this.erasesAt || this.follows) this.changed();
    } catch {
      this.erasureAsked = false;
    }
  }

  /**
   * The children of the panel of the review a post-review workshop follows (a host's or the
   * facilitator's page of the workshop, whatever its status): the review's title and start, and
   * its record in a new tab once it has ended. Empty while not known or when there is none.
   */
  followedChildren(you, status = undefined) {
    if (!you || !RECORD_ROLES.includes(you.role)) return [];
    // Asked again when the workshop's clock changes state (it starts, it ends) while the review
    // it follows had not ended, as well as every `recheckMs`.
    const stale = this.follows && !this.follows.ended && status !== this.askedAtStatus;
    this.askedAtStatus = status;
    if (!this.erasureAsked || stale) this.askErasure();
    const follows = this.follows;
    if (!follows) return [];
    return [
      el('h2', { id: 'followed-heading', textContent: t('followed.heading') }),
      el('p', {}, t('followed.intro', { title: follows.title, when: formatInstant(follows.startsAt, follows.timeZone) })),
      follows.ended
        ? el('div', { className: 'row' }, el('button', { type: 'button', textContent: t('followed.view'),
          attrs: { 'data-testid': 'followed-view' }, on: { click: () => this.viewFollowed() } }))
        : el('p', { className: 'meta', attrs: { 'data-testid': 'followed-not-ended' } }, t('followed.notEnded')),
      el('p', { className: 'meta', attrs: { role: 'status', 'data-testid': 'followed-status' } }, this.followedStatus),
    ];
  }

  /**
   * On a page with no room (the workshop not open yet: `not_open`), the panel of the review it
   * follows under the page's notice, for a host's or facilitator's link: host staff read the
   * review's record to prepare, days before the workshop (an audit found no way to it there).
   */
  showFollowedBeside(main) {
    this.besidePanel = el('section', { className: 'panel', id: 'followed-panel', attrs: { hidden: '' } });
    main.append(this.besidePanel);
    this.redrawBeside();
  }

  /** Draws `showFollowedBeside`'s panel again (after an answer or a press). */
  redrawBeside() {
    const panel = this.besidePanel;
    if (!panel?.isConnected) return;
    if (!this.erasureAsked) this.askErasure();
    const children = this.linkOf ? this.followedChildren(this.linkOf) : [];
    panel.hidden = children.length === 0;
    if (children.length) panel.setAttribute('aria-labelledby', 'followed-heading');
    morphChildren(panel, ...children);
  }

  /** Opens the followed review's record in a new tab and says where it is, or that it was blocked. */
  viewFollowed() {
    this.followedStatus = t(openRecordTab(null, { followed: true }) ? 'followed.viewOpened' : 'record.viewBlocked');
    this.changed();
  }

  /** Until when the server keeps the record, as the console's session page says it; null if it keeps it. */
  erasureNotice(s) {
    if (!this.erasesAt) return null;
    // Past its day, a session waits for the hourly sweep (later while someone has it open).
    const due = Date.parse(this.erasesAt) <= Date.now();
    return el('p', { className: 'meta', attrs: { 'data-testid': 'record-erases-at' } },
      t(due ? 'console.erasesAt.due' : 'console.erasesAt.ended', { when: formatInstant(this.erasesAt, s.timeZone) }));
  }

  /** Opens the record in a new tab (`openRecordTab`) and says where it is, or that it was blocked. */
  view() {
    this.status = t(openRecordTab() ? 'record.viewOpened' : 'record.viewBlocked');
    this.changed();
  }

  /** Downloads the record of `s` in `format` and says how it went. */
  async download(s, format) {
    if (this.busy) return;
    this.busy = true;
    this.status = t('record.fetching');
    this.changed();
    const fileName = recordFileName(s, format);
    try {
      downloadBlob(await this.api.blob(`/invite/record?format=${format}`), fileName);
      this.status = t('record.saved', { file: fileName });
    } catch (error) {
      this.status = t(error.status === 0 ? 'record.offline' : 'record.failed', { reason: error.message });
    }
    this.busy = false;
    this.changed();
  }
}
