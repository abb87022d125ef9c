// The record read in a tab of its own (/record-view), opened from the record panel of a host's or
// the facilitator's join page, or from the console: the HTML record drawn in the browser, to
// read, show in the workshop or print, without finding and opening a downloaded file (on a phone
// or a Chromebook, a host audit). Those pages open this tab with `window.open` (`record-tab.js`),
// which gives it a copy of their sessionStorage, so the token is read from there and never
// enters an address.
import { Api, ApiError } from './api.js';
import { byId, el, localize, replaceChildren } from './dom.js';
import { t } from './strings.js';
import { CONSOLE_TOKEN_KEY, CONTROLS_TOKEN_KEY, JOIN_TOKEN_KEY } from './cofacilitation.js';
import { showNotice } from './session-page.js';

/** Where this tab keeps what the opening page named in the fragment, once its address no longer says. */
export const SOURCE_KEY = 'reviewroom.recordView.source';

/**
 * The token and API path to read the record with, by what the opening page named in the
 * fragment: `#session=s_…` (the owner's console) with the console's sign-in, `#controls` (a
 * co-facilitator's console) with the invite token the controls joined with, `#followed` (a
 * workshop's room page: the record of the review it follows) or nothing (a room page) with the
 * room page's invite token; null when this tab holds no such token. The fragment
 * is kept in `storage` at the first reading: from then on it is the record's own (its Contents
 * links), and a reload still reads the same way.
 */
export function recordSource(hash, storage) {
  let source = storage.getItem(SOURCE_KEY) || '';
  const named = String(hash || '').replace(/^#/, '');
  if (!source && (named.startsWith('session=') || named === 'controls' || named === 'followed')) storage.setItem(SOURCE_KEY, source = named);
  if (source.startsWith('session=')) {
    let sessionId = '';
    try { sessionId = decodeURIComponent(source.slice('session='.length)); } catch { sessionId = ''; }
    const signIn = storage.getItem(CONSOLE_TOKEN_KEY);
    return sessionId && signIn ? { token: signIn, path: `/sessions/${encodeURIComponent(sessionId)}/record?format=html` } : null;
  }
  const invite = storage.getItem(source === 'controls' ? CONTROLS_TOKEN_KEY : JOIN_TOKEN_KEY);
  if (!invite) return null;
  return source === 'followed' ? { token: invite, path: '/invite/followed-record?format=html', followed: true }
    : { token: invite, path: '/invite/record?format=html' };
}

/**
 * The record page `html` (the server's HTML record) as this document's nodes: the children of
 * its `main` and its title. Parsed into an inert document (nothing in it runs or loads there);
 * the record has no scripts, and this page's policy (`default-src 'self'`) would stop any.
 */
export function recordContent(html, doc = document) {
  // Its inline copy of record.css goes first: this page links the served copy, and parsing the
  // inline one under this page's policy would log a refusal (the downloaded file needs it).
  const parsed = new DOMParser().parseFromString(html.replace(/<style>[^<]*<\/style>/, ''), 'text/html');
  const main = parsed.querySelector('main');
  if (!main) return null;
  return { nodes: [...main.childNodes].map((node) => doc.importNode(node, true)), title: parsed.title };
}

/**
 * Makes each of the record's table regions (`.table-scroll`) a Tab stop only while it scrolls.
 * The record marks every one focusable, so that a keyboard can scroll a wide table (the saved
 * file has no script to tell which do); in this tab a region that fits was a Tab stop with
 * nothing to scroll, one per table (seven in a typical record). Kept up as the window,
 * the zoom or the text size changes a region's size; returns a function that stops watching.
 */
export function tabStopsWhereScrolling(root) {
  const regions = [...root.querySelectorAll('.table-scroll[role="region"]')];
  const fit = (region) => {
    const scrolls = region.scrollWidth > region.clientWidth + 1 || region.scrollHeight > region.clientHeight + 1;
    if (scrolls) region.setAttribute('tabindex', '0');
    // A region that holds focus keeps its stop until focus leaves it, so focus is never dropped.
    else if (document.activeElement !== region) region.removeAttribute('tabindex');
  };
  regions.forEach(fit);
  const watch = new ResizeObserver((entries) => entries.forEach((entry) => fit(entry.target)));
  regions.forEach((region) => {
    watch.observe(region);
    region.addEventListener('blur', () => fit(region));
  });
  return () => watch.disconnect();
}

/**
 * Opens the record's closed disclosures (who wrote what) while it prints, and closes them again
 * after: the record's print style opens them only in browsers that have `::details-content`
 * (Chromium 131 on), so Firefox and Safari printed them closed. One the reader opened stays open.
 * Returns a function that stops.
 */
export function openDisclosuresToPrint(root, win = window) {
  let opened = [];
  const before = () => {
    opened = [...root.querySelectorAll('details:not([open])')];
    opened.forEach((details) => { details.open = true; });
  };
  const after = () => {
    opened.forEach((details) => { details.open = false; });
    opened = [];
  };
  win.addEventListener('beforeprint', before);
  win.addEventListener('afterprint', after);
  return () => {
    win.removeEventListener('beforeprint', before);
    win.removeEventListener('afterprint', after);
  };
}

/** What to say when the record could not be read (`error` an ApiError); `followed` for a workshop's review's. */
export function failureLines(error, followed = false) {
  if (error?.status === 0) return [t('recordView.offline')];
  // In the page's words, not the API's ("the bearer token is not the token of a working invite
  // link…" read to a host: a re-audit).
  const known = { 401: 'recordView.linkGone', 403: 'recordView.notAllowed',
    404: followed ? 'recordView.followedGone' : null, 409: followed ? 'recordView.followedNotEnded' : 'recordView.notEnded' }[error?.status];
  return [known ? t(known) : t('recordView.refused', { reason: error?.message ?? '' })];
}

/** Whether trying again could help: offline or a server fault, not a refusal of this link. */
export function worthRetrying(error) {
  return ![401, 403, 404, 409].includes(error?.status);
}

localize();
document.title = t('recordView.title');
const main = byId('main');
const printButton = byId('record-print');
printButton.addEventListener('click', () => window.print());
const source = recordSource(location.hash, sessionStorage);
let forgetRecord = () => {};

if (!source) notice(t('recordView.noLink.heading'), [t('recordView.noLink.body')]);
else show();

/** Fetches the record and draws it, or says why not with a way to try again. */
async function show() {
  forgetRecord();
  replaceChildren(main, el('p', { id: 'record-view-status', attrs: { role: 'status' } }, t('record.fetching')));
  try {
    const content = recordContent(await new Api(source.token).text(source.path));
    if (!content) throw new ApiError(500, t('recordView.unreadable'));
    replaceChildren(main, ...content.nodes);
    const stops = [tabStopsWhereScrolling(main), openDisclosuresToPrint(main)];
    forgetRecord = () => stops.forEach((stop) => stop());
    document.title = content.title || t('recordView.title');
    printButton.hidden = false;
    // A screen reader starts at the record's heading, as on opening the downloaded file.
    const heading = main.querySelector('h1');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
  } catch (error) {
    const retry = worthRetrying(error) ? el('button', { type: 'button', textContent: t('notice.tryAgain'), on: { click: show } }) : null;
    notice(t('recordView.failed.heading'), failureLines(error, !!source.followed), retry);
  }
}

/** A full-page notice in `main` (the pages' own, its heading focused so that it is read out). */
function notice(heading, lines, action = null) {
  printButton.hidden = true;
  showNotice(main, { heading, body: lines, action });
}
