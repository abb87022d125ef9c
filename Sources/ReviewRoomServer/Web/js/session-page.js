// Wiring shared by pages that join a session over the WebSocket: the connection,
// the model, the status banner and the friendly pages for links that cannot join.
import { el, replaceChildren } from './dom.js';
import { sentences } from './announcer.js';
import { keys, t } from './strings.js';
import { Connection } from './connection.js';
import { ConnectionNews } from './connection-news.js';
import { SessionModel } from './model.js';
import { formatInstant, startParts } from './timefmt.js';
import { resetPageTitle, setPageState, setPageTitle } from './page-title.js';
import { waitForOpening } from './lobby-wait.js';

/**
 * Reads a token from the fragment (then removes it from the address bar) or from sessionStorage.
 * Blanks and sentence punctuation, brackets or quotes copied after the link ("…/join#abc." at the
 * end of a sentence, "<…/join#abc>") are not part of it: tokens are base64url.
 */
export function takeToken(storageKey) {
  const raw = location.hash.replace(/^#/, '');
  let fragment = raw;
  // A stray `%` must not stop the page (and leave the token in the address bar): use it as is.
  try { fragment = decodeURIComponent(raw); } catch { fragment = raw; }
  fragment = fragment.trim().replace(/[\s.,;:!?'"’”)\]}>]+$/u, '');
  if (raw) history.replaceState(null, '', location.pathname + location.search);
  if (fragment) {
    sessionStorage.setItem(storageKey, fragment);
    return fragment;
  }
  return sessionStorage.getItem(storageKey);
}

/**
 * Takes a token that arrives later, while the page is open: a second invite link opened in the
 * same tab (`/join#A`, then `/join#B`) is only a fragment change, with no new page load. The new
 * token is taken exactly as on load — kept in `sessionStorage`, removed from the address bar —
 * and the page reloads, so it joins as the link's person through the one start-up path.
 */
export function takeLaterTokens(storageKey) {
  window.addEventListener('hashchange', () => {
    if (!location.hash.replace(/^#/, '')) return;
    takeToken(storageKey);
    location.reload();
  });
}


/**
 * Whether a page refused with `kind` keeps its invite token to try again: a review not open yet
 * (`not_open`), or a link open in too many tabs (`rate_limited` at `hello`: closing one of them
 * frees a place). Every other refusal means the link cannot join any more.
 */
export function keepsTokenAfter(kind) {
  return kind === 'not_open' || kind === 'rate_limited';
}

/**
 * Shows one full-page message (revoked, deleted, not open, no link). With `announce`, the
 * heading and body are also said through it: a notice that replaces the room under someone
 * (the session deleted, the link revoked) is otherwise silent for a screen reader.
 */
export function showNotice(main, { heading, body, action, announce }) {
  const lines = Array.isArray(body) ? body : [body];
  replaceChildren(main, el('section', { className: 'notice panel', attrs: { 'aria-labelledby': 'notice-heading' } },
    el('h1', { id: 'notice-heading', textContent: heading }),
    ...lines.map((line) => el('p', {}, line)),
    action || null));
  document.title = heading;
  // A heading takes focus only with a tabindex: without it focus fell to <body> when the room went.
  main.querySelector('h1')?.setAttribute('tabindex', '-1');
  main.querySelector('h1')?.focus?.();
  announce?.(sentences([heading, ...lines]));
}

/**
 * The notice for a link that cannot join, by the failure's kind; `announce(text)` reads it out.
 * `unsaved` ({title, text} per note with edits the server never confirmed) is shown under it in
 * read-only fields to copy from: the room goes, but what was typed must not go silently.
 */
export function fatalNotice(main, failure, retry, announce, unsaved = []) {
  const kind = failure.kind;
  if (kind === 'not_open') {
    const when = failure.opensAt ? formatInstant(failure.opensAt, failure.timeZone) : '';
    // The opening in the reader's own zone too, and how long until it (by this device's clock).
    const { local, until } = failure.opensAt ? startParts(failure.opensAt, failure.timeZone, Date.now()) : { local: '', until: '' };
    const opens = !when ? t('notice.notOpen.soon') : until ? t('notice.notOpen.bodyUntil', { when, until }) : t('notice.notOpen.body', { when });
    // Which review, and when it starts: a reviewer with several invites could not tell them
    // apart, and took the lobby's opening for the start (a visual audit).
    const starts = failure.title && failure.startsAt
      ? t('notice.notOpen.starts', { title: failure.title, when: formatInstant(failure.startsAt, failure.timeZone) }) : null;
    const button = el('button', { type: 'button', textContent: t('notice.tryAgain'), on: { click: retry } });
    showNotice(main, { heading: t('notice.notOpen.heading'), body: [starts, opens, local ? t('notice.notOpen.local', { time: local }) : null, t('notice.notOpen.hint')].filter(Boolean), action: button, announce });
    // Timed by the server's clock, not this device's (often minutes off), and by checks that do
    // not reload the page until it can join (`lobby-wait.js`).
    if (failure.opensAt) waitForOpening(failure.opensAt, retry);
    return;
  }
  if (kind === 'rate_limited') {
    // The server refused one connection too many for this link and closed with 1000, not a code
    // that asks for a reconnect: trying again by itself would only be refused again while the
    // other tabs stay open, so the page waits for the person to close one and press the button.
    const button = el('button', { type: 'button', textContent: t('notice.tryAgain'), on: { click: retry } });
    showNotice(main, { heading: t('notice.tooManyTabs.heading'), body: [t('notice.tooManyTabs.body'), t('notice.tooManyTabs.hint'),
      unsaved.length ? t('notice.unsaved') : null].filter(Boolean), action: button, announce });
    showUnsaved(main, unsaved);
    return;
  }
  // A review deleted after it ended was not "cancelled": it took its record with it.
  const deleted = failure.ended ? 'deletedEnded' : 'deleted';
  const key = { revoked: 'revoked', invalid: 'revoked', deleted, unauthorized: 'revoked', not_found: 'revoked', session_ended: 'ended' }[kind] || 'failed';
  // A link that had joined was copied whole: refused on a reconnect (4001 cannot tell a
  // deleted review from a withdrawn link), "not copied whole" misled (a display audit).
  const invalid = failure.joined ? 'notice.invalid.bodyJoined' : 'notice.invalid.body';
  const body = [t(kind === 'invalid' ? invalid : `notice.${key}.body`), failure.message ? t('notice.serverSaid', { message: failure.message }) : null,
    unsaved.length ? t('notice.unsaved') : null].filter(Boolean);
  showNotice(main, { heading: t(`notice.${key}.heading`), body, announce });
  showUnsaved(main, unsaved);
}

/** Puts the notes with unconfirmed edits under the notice, in labelled read-only fields to copy from. */
function showUnsaved(main, unsaved) {
  main.querySelector('.notice')?.append(...unsavedFields(unsaved));
}

/** A labelled, read-only field per note with text that was never saved (`NotesView.unsavedNotes()`), to copy. */
export function unsavedFields(unsaved) {
  return unsaved.flatMap((note, index) => [
    el('label', { htmlFor: `unsaved-${index}`, className: 'unsaved-label', textContent: note.title }),
    el('textarea', { id: `unsaved-${index}`, className: 'unsaved-text', value: note.text, readOnly: true, rows: 6 })]);
}

/**
 * Creates the connection + model pair and the connection banner. With `announce(text)`, what
 * happens to the connection is said through it (`ConnectionNews`: lost and back once each, a
 * drop shorter than the connection's grace `lostGraceMs` not at all, Wi-Fi that keeps dropping
 * once and then only its long drops) and the banner stops being a live region of its own (it
 * would say them twice); `onLossSaid()` follows each loss said. Without `announce` the banner
 * stays a polite live region. The banner is never hidden, only empty, so assistive technology
 * always finds it; its text is set only when it changes.
 */
export function joinSession({ hello, banner, announce, onWelcome, onEvent, onEphemeral, onReplayDone, onFatal, onStatus, onLossSaid }) {
  const model = new SessionModel();
  let state = 'connecting';
  resetPageTitle();
  setPageTitle(document.title); // the page's own until a welcome names the session (its state goes before it)
  // The banner and the tab's title follow the connection and the clock's status.
  const showState = () => {
    renderBanner(banner, state, model);
    setPageState(titleState(state, model));
  };
  if (banner) {
    banner.hidden = false;
    if (announce) { banner.removeAttribute('role'); banner.setAttribute('aria-live', 'off'); }
  }
  // What is said of the connection (`ConnectionNews`), at each status change and when it is next due.
  const news = new ConnectionNews();
  let newsTimer = null;
  const sayNews = (items) => {
    for (const item of items) {
      announce(t(item.key, { host: location.host, ...item.params }));
      if (item.loss) onLossSaid?.();
    }
    clearTimeout(newsTimer);
    const due = news.nextWake();
    newsTimer = due == null ? null : setTimeout(() => {
      if (!connection.stopped) sayNews(news.wake(performance.now()));
    }, Math.max(0, due - performance.now()));
  };
  const statusChanged = (value) => {
    if (!announce) return;
    sayNews(news.status(value, performance.now(), { joined: !!model.session, title: model.session?.title ?? '',
      graceMs: connection.lostGraceMs, canEdit: model.canEdit }));
  };
  const connection = new Connection({
    hello,
    handlers: {
      onWelcome: (msg) => { model.welcome(msg); showState(); onWelcome?.(msg); },
      onResumed: () => {},
      onReplayDone: () => onReplayDone?.(),
      onEvent: (msg) => {
        model.apply(msg);
        if (msg.name === 'clock.changed') showState(); // "this review has ended"
        onEvent?.(msg);
      },
      onEphemeral: (msg) => onEphemeral?.(msg),
      onStatus: (value) => { state = value; showState(); statusChanged(value); onStatus?.(state); },
      // The notice says what happened; the banner's "reconnecting" would be stale (no more tries).
      // `ended`: the review had ended (a deletion then took its record, not a review to come).
      onFatal: (failure) => {
        if (banner) { banner.hidden = true; writeBanner(banner, ''); banner.dataset.state = 'stopped'; }
        onFatal?.({ ...failure, ended: model.session?.clock?.status === 'ended', joined: !!model.session });
      },
    },
  });
  return { model, connection, lossSaid: () => news.lost };
}

/** What the tab's title says before the page's own (`setPageState`): the connection lost once joined, else the review ended. */
function titleState(state, model) {
  if (!model.session) return ['reconnecting', 'offline', 'blocked', 'intercepted'].includes(state) ? 'notConnected' : null;
  if (state === 'reconnecting' || state === 'offline' || state === 'blocked' || state === 'intercepted') return 'lost';
  return model.session.clock?.status === 'ended' ? 'ended' : null;
}

/** Sets the banner's text, only when it differs (a live region rewritten with the same text may be read again). */
/**
 * While the connection is down and notes hold unsent edits, the banner says they are kept and
 * will be sent, and screen readers hear it once per disconnection (not at every retry or
 * keystroke), and once they are all saved after it, that they are. `update()` after each status
 * change and each local edit; `online()` when back; `allSaved()` when every note is saved.
 */
export class EditsKeptNotice {
  constructor(banner, say) {
    this.banner = banner;
    this.say = say;
    this.said = false;
    this.savedOwed = false; // "kept" was said for a drop that is over: "saved" is owed once they are
  }

  update(connection, notesView, { lossSaid = true } = {}) {
    if (!connection || !notesView || connection.online || connection.stopped || !notesView.hasUnsynced) return;
    writeBanner(this.banner, t('conn.editsKept'));
    // Said after "Connection lost", not before it (during the grace a short drop gets).
    if (!this.said && lossSaid) {
      this.said = true;
      this.say(t('conn.editsKeptSaid'));
    }
  }

  online() {
    if (this.said) this.savedOwed = true;
    this.said = false;
  }

  allSaved(connection) {
    if (!this.savedOwed || !connection?.online) return;
    this.savedOwed = false;
    this.say(t('conn.editsSavedSaid'));
  }
}

export function writeBanner(banner, text) {
  if (!banner) return;
  if (banner.textContent !== text) banner.textContent = text;
}

function renderBanner(banner, state, model) {
  if (!banner) return;
  banner.dataset.state = state;
  const ended = model.session?.clock?.status === 'ended';
  const key = state === 'online' ? (ended ? 'conn.ended' : '') : `conn.${state}`;
  writeBanner(banner, key ? t(forThisPage(key, { joined: !!model.session }), { host: location.host }) : '');
}

/**
 * `key`, or its wording before the first join (`….first`: no connection was lost yet), or its room
 * display's wording (`….display`) on the display page, when there is one.
 */
function forThisPage(key, { joined }) {
  if (!joined && keys.includes(`${key}.first`)) return `${key}.first`;
  return document.body.classList.contains('page-display') && keys.includes(`${key}.display`) ? `${key}.display` : key;
}
