// The facilitator console (/console): sign in, sessions, scheduling, invites,
// exports, and running a live session.
import { byId, el, localize, replaceChildren, copyText, downloadBlob, repeatedClick } from './dom.js';
import { setWorkshop, t } from './strings.js';
import { Api, failureText } from './api.js';
import { ScheduleForm, field } from './schedule-form.js';
import { formatInstant } from './timefmt.js';
import { displayNames, repeatedName } from './names.js';
import { calendarFileName, recordFileName } from './download-names.js';
import { openRecordTab } from './record-tab.js';
import { LiveConsole } from './live-console.js';
import { Announcer } from './announcer.js';
import { fatalNotice, keepsTokenAfter, showNotice, unsavedFields } from './session-page.js';
import { backToRoom, coFacilitatorToken, forgetCoFacilitatorToken, CONSOLE_TOKEN_KEY } from './cofacilitation.js';
import { parseRoute, routeHash, showRouteInAddress } from './console-routes.js';
import { groupSessions, sessionMatches } from './session-list.js';

const TOKEN_KEY = CONSOLE_TOKEN_KEY;
const LINKS_KEY = 'reviewroom.console.links';
const INVITE_ROLES = ['reviewer', 'host', 'observer', 'display', 'facilitator'];
/** From this many sessions on, the list offers a filter (a short list is read faster than searched). */
const FILTER_FROM = 8;

localize();
document.title = t('page.console');
const main = byId('main');
const nav = byId('console-nav');
const banner = byId('connection-banner');
// The session pages' own messages ("Invite of Dana revoked.", "Session saved."): their status
// line is drawn with the message already in it, which a screen reader does not read out (a live
// region is read when it changes, not when it appears); this one stays, so they are said.
let pageNotices = null;
const sayOnPage = (message) => { if (message) (pageNotices ??= new Announcer()).say(message); };
let api = null;
let live = null;
/** The schedule or edit form on screen, if any, and the address it is at. */
let openForm = null;

/** Invite links made in this browser tab, by participant id (the server shows each token once). */
function savedLinks() {
  try { return JSON.parse(sessionStorage.getItem(LINKS_KEY) || '{}'); } catch { return {}; }
}
function saveLink(invite) {
  storeLink(invite.participant.id, invite.url);
}
/** Keeps `url` as the participant's link in this tab (none when `url` is null). */
function storeLink(participantId, url) {
  const links = savedLinks();
  if (url) links[participantId] = url; else delete links[participantId];
  sessionStorage.setItem(LINKS_KEY, JSON.stringify(links));
}

// A duplicated console tab has its own copy of the links, and kept offering one reissued or
// revoked in the other (a tabs probe): each change is told to this browser's other console tabs,
// which keep the new link (or drop the old) and show it at once.
const linkChanges = typeof BroadcastChannel === 'function' ? new BroadcastChannel('reviewroom.console.links') : null;
function changeLink(participantId, url) {
  storeLink(participantId, url);
  linkChanges?.postMessage({ participantId, url });
}
linkChanges?.addEventListener('message', ({ data }) => {
  // Only a link this tab holds changes: links stay in the tabs that made them (and their copies).
  if (typeof data?.participantId !== 'string' || !(data.participantId in savedLinks())) return;
  storeLink(data.participantId, data.url || null);
  for (const row of document.querySelectorAll('.invite-row')) {
    if (row.dataset.participant !== data.participantId) continue;
    const link = row.querySelector('.invite-link');
    if (link && data.url) link.value = data.url;
    else row.querySelectorAll('.link-part').forEach((node) => node.remove());
  }
});

/** The nav buttons once signed in; the one whose view is open (`current`: 'sessions', 'schedule') is `aria-current="page"`. */
function setNav(signedIn, current = null) {
  const button = (view, props) => el('button', { type: 'button', className: 'link', ...props, attrs: { 'aria-current': view && view === current ? 'page' : null } });
  replaceChildren(nav, signedIn ? [
    button('sessions', { id: 'nav-sessions', textContent: t('console.sessions'), on: { click: () => mayLeave() && showSessions({ focus: true }) } }),
    button('schedule', { id: 'new-session', textContent: t('console.schedule'), on: { click: () => mayLeave() && showSchedule() } }),
    button(null, { textContent: t('console.signOut'), on: { click: () => mayLeave() && signOut() } }),
  ] : []);
}

// A view that replaces the one a button was in takes focus on its heading: the button is gone,
// and focus on <body> says nothing to a screen reader.
function headingOf(text, id) {
  return el('h1', { id, textContent: text, attrs: { tabindex: '-1' } });
}

/**
 * True unless a form with unsent changes is on screen and the facilitator chose to stay on it.
 * The console is one page: going to another of its views (or Back) is no page unload, so the
 * browser's own "Leave site?" question does not come; this one does.
 */
function mayLeaveForm() {
  if (!openForm || !openForm.form.root.isConnected || !openForm.form.dirty) return true;
  return window.confirm(t('console.leaveForm'));
}

/**
 * True unless the live view holds typing the server has not confirmed (offline, or not yet
 * acked) and the facilitator chose to stay: leaving stops its connection, and that typing would
 * be lost (a probe typed offline, pressed "Sessions", and the text was gone without a question).
 */
function mayLeaveLive() {
  if (!live || !live.notesView.hasUnsynced) return true;
  return window.confirm(t('console.leaveUnsent'));
}

function mayLeave() { return mayLeaveForm() && mayLeaveLive(); }

// A reload or a closed tab asks too, as the room page does.
window.addEventListener('beforeunload', (event) => { if (live?.notesView.hasUnsynced) event.preventDefault(); });

// Everything the live view started (connection, key handler, timers, live regions) stops here,
// so a second visit does not run beside the first.
function leaveLive() {
  if (!live) return;
  live.stop();
  if (window.reviewroom === live.handle) delete window.reviewroom;
  live = null;
  banner.hidden = true;
}

/**
 * The sign-in form; `message` says why it is shown (a token revoked, a co-facilitator's tab with no
 * invite in it). The message comes before the field, describes it and takes focus, so a screen
 * reader reads it on arrival: put in the live region after the button with its text already in
 * place, it was probably never read, and the field alone asked a co-facilitator for a token they
 * do not have (an audit).
 */
function showSignIn(message) {
  leaveLive();
  setNav(false);
  const input = el('input', { type: 'password', id: 'facilitator-token', autocomplete: 'current-password', required: true });
  const reason = message ? el('p', { className: 'form-status', id: 'sign-in-reason', attrs: { tabindex: '-1' } }, message) : null;
  const status = el('p', { className: 'form-status', id: 'sign-in-status', attrs: { role: 'status' } });
  const describeBy = (...ids) => input.setAttribute('aria-describedby', [reason?.id, 'facilitator-token-hint', ...ids].filter(Boolean).join(' '));
  // The field names the problem (aria-invalid, described by the line), and the line is emptied
  // first so a second rejected token in a row is read again, not left unchanged and silent.
  const refuse = (text) => {
    input.setAttribute('aria-invalid', 'true');
    describeBy('sign-in-status');
    status.textContent = '';
    requestAnimationFrame(() => { status.textContent = text; });
  };
  const form = el('form', { className: 'panel narrow-panel', on: { submit: async (e) => {
    e.preventDefault();
    const typed = input.value.trim();
    // An invite link is not a facilitator token: say where it goes instead of "not accepted".
    if (/\/(join|display)#/.test(typed)) { refuse(t('signin.inviteLink')); return; }
    // Copied from a sentence ("(sign in with token …)"): its brackets, quotes and full stop are
    // not part of a token (URL-safe base64), as the join page strips them from a pasted link.
    const token = typed.replace(/^[\s('"‘“[{<]+/u, '').replace(/[\s.,;:!?'"’”)\]}>]+$/u, '');
    if (!token) { refuse(t('signin.empty')); return; }
    const candidate = new Api(token);
    try {
      await candidate.sessions();
      sessionStorage.setItem(TOKEN_KEY, token);
      api = candidate;
      // The view the address names (a bookmark, a reload after a revoked token) opens now.
      openAddressedView({ focus: true });
    } catch (error) {
      refuse(error.status === 401 || error.status === 403 ? t('signin.rejected') : failureText(error, t));
    }
  } } },
  el('h1', { textContent: t('signin.heading') }), reason, el('p', {}, t('signin.body')),
  field(t('signin.token'), input, t('signin.hint')),
  el('button', { type: 'submit', id: 'sign-in', textContent: t('signin.submit') }), status);
  describeBy();
  replaceChildren(main, form);
  document.title = t('console.pageTitle');
  (reason ?? input).focus();
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  api = null;
  // Whoever signs in next starts at their own list, not at the view the last one left open.
  showRouteInAddress({ view: 'sessions' }, { replace: true });
  showSignIn();
}

async function guarded(action) {
  try {
    await action();
  } catch (error) {
    // A token revoked meanwhile: signed out, saying why (the empty sign-in form alone left a
    // revoked facilitator guessing), and the address keeps the view to come back to.
    if (error.status === 401) { sessionStorage.removeItem(TOKEN_KEY); api = null; showSignIn(t('signin.revoked')); return; }
    // Not reached at all (Wi-Fi down): nothing was done, so the page stays, saying so at its top;
    // a download pressed offline replaced the session's page with "Something went wrong".
    if (error.status === 0) {
      let line = document.getElementById('network-failure');
      if (!line) { line = el('p', { id: 'network-failure', className: 'form-status', attrs: { role: 'alert' } }); main.prepend(line); }
      line.textContent = failureText(error, t);
      return;
    }
    // The view the pressed button was in is gone: focus to this heading, and the tab says it too.
    const heading = headingOf(t('error.heading'), 'error-heading');
    replaceChildren(main, el('section', { className: 'panel' }, heading, el('p', { attrs: { role: 'alert' } }, failureText(error, t))));
    document.title = t('console.errorTitle');
    heading.focus();
  }
}

/**
 * The session list; with `focus`, its heading takes focus (after an action; not on page load).
 * With `replace` it takes the place of the current history entry (a session deleted or gone).
 */
function showSessions({ focus = false, message = '', replace = false } = {}) {
  leaveLive();
  setWorkshop(false);
  showRouteInAddress({ view: 'sessions' }, { replace });
  setNav(true, 'sessions');
  document.title = t('console.pageTitle');
  return guarded(async () => {
    const sessions = (await api.sessions()) || [];
    const row = (s) => el('li', { className: 'session-row' },
      el('button', { type: 'button', className: 'link', textContent: s.title, on: { click: () => showSession(s.id) } }),
      ' ', el('span', { className: 'meta' }, [
        // A workshop's title is the facilitator's to change: the list says which sessions are workshops.
        s.followsSession ? el('span', { className: 'session-kind', textContent: `${t('sessions.workshop')} · ` }) : null,
        `${s.hostSchool} · ${formatInstant(s.startsAt, s.timeZone)} · ${t(`status.${s.status}`)}`]));
    const groups = groupSessions(sessions).map(({ key, sessions: members }) => {
      const groupHeading = el('h2', { id: `sessions-${key}`, textContent: t(`sessions.group.${key}`) });
      const items = members.map((s) => ({ session: s, node: row(s) }));
      return { node: el('section', { className: 'session-group', attrs: { 'aria-labelledby': groupHeading.id } },
        groupHeading, el('ul', { className: 'sessions' }, items.map((i) => i.node))), items };
    });
    const heading = headingOf(t('console.sessions'), 'sessions-heading');
    replaceChildren(main, el('section', { className: 'panel' },
      heading,
      el('p', { className: 'form-status', id: 'sessions-status', attrs: { role: 'status' } }, message),
      sessions.length >= FILTER_FROM ? sessionFilter(groups, sessions.length) : null,
      groups.length ? groups.map((g) => g.node) : el('p', {}, t('console.noSessions')),
      el('button', { type: 'button', textContent: t('console.schedule'), on: { click: () => showSchedule() } })));
    if (focus) heading.focus();
    sayOnPage(message);
  });
}

/**
 * The list's filter: as the facilitator types, sessions whose title and host school do not hold
 * every word are hidden (a group left empty with them), and a polite line says how many match.
 */
function sessionFilter(groups, total) {
  const input = el('input', { type: 'search', id: 'sessions-filter' });
  const count = el('p', { className: 'hint', id: 'sessions-filter-count', attrs: { 'aria-live': 'polite' } });
  input.addEventListener('input', () => {
    let shown = 0;
    for (const group of groups) {
      let inGroup = 0;
      for (const { session, node } of group.items) {
        node.hidden = !sessionMatches(session, input.value, session.followsSession ? t('sessions.workshop') : '');
        if (!node.hidden) inGroup += 1;
      }
      group.node.hidden = inGroup === 0;
      shown += inGroup;
    }
    count.textContent = input.value.trim() ? t(shown ? 'sessions.filterCount' : 'sessions.filterNone', { shown, total }) : '';
  });
  return el('div', { className: 'session-filter' }, field(t('sessions.filter'), input, t('sessions.filterHint')), count);
}

/**
 * The schedule form at `route` (its options: `existing` to edit, `copyOf` to start from, and
 * `onScheduled`), the tab titled `title`; `nav` names the navigation link it is, if any.
 */
function showForm(route, title, options, nav) {
  leaveLive();
  // Editing a workshop says "workshop" ("The workshop has started, so its start cannot move");
  // a new session's form, a copy's and a new workshop's say what they say themselves.
  setWorkshop(options.existing?.followsSession);
  showRouteInAddress(route);
  setNav(true, nav);
  // After the live view the tab still said "Ended – …" or "Connection lost – …" of the room.
  document.title = title;
  const root = el('section', { className: 'panel' });
  replaceChildren(main, root);
  const form = new ScheduleForm(root, { api, ...options });
  openForm = { form, hash: routeHash(route) };
  return guarded(() => form.open());
}

function showSchedule() {
  // The sent form's entry becomes the new session's, so Back does not offer it to send twice.
  return showForm({ view: 'schedule' }, t('console.scheduleTitle'), { onScheduled: showScheduled }, 'schedule');
}

/** A session just scheduled: its links kept for this tab, its page in place of the form. */
function showScheduled(created) {
  for (const invite of created.invites || []) saveLink(invite);
  showSession(created.session.id, t('console.scheduled'), { replace: true });
}

/** The schedule form started from `session`: its details, agenda, questions and people. */
function showCopy(session) {
  return showForm({ view: 'copy', id: session.id }, t('console.copyTitle', { title: session.title }),
    { copyOf: session, onScheduled: showScheduled });
}

/**
 * The facilitator's sessions, for the lines that link a review and its workshops; null when the
 * list cannot be read (the lines are a convenience: a failure leaves them out).
 */
async function sessionListOrNull() {
  try {
    return await api.sessions();
  } catch {
    return null;
  }
}

/** The workshops of `sessions` that follow session `s` (`followsSession`). */
function workshopsOf(s, sessions) {
  return (sessions ?? []).filter((other) => other.followsSession === s.id);
}

/**
 * The review a workshop follows (`followsSession`) and the workshops that follow a review, as
 * links to their pages: "Follows the review: Reading review" / "Followed by: …", from the
 * facilitator's `sessions` (a review deleted since is simply not in it: asking for it logged a
 * 404 in the browser's console, and it is said to be gone).
 */
function followsLines(s, sessions) {
  if (!sessions) return [];
  const open = (other) => el('button', { type: 'button', className: 'link', textContent: other.title, on: { click: () => showSession(other.id) } });
  const lines = [];
  if (s.followsSession) {
    const review = sessions.find((other) => other.id === s.followsSession);
    lines.push(el('p', { className: 'meta', id: 'follows-line' }, review ? [t('console.follows'), ' ', open(review)] : t('console.followsGone')));
  }
  const workshops = workshopsOf(s, sessions);
  if (workshops.length) {
    lines.push(el('p', { className: 'meta', id: 'followed-by-line' }, t('console.followedBy'), ' ',
      workshops.flatMap((w, i) => (i ? [', ', open(w)] : [open(w)]))));
  }
  return lines;
}

/** The schedule form for the post-review workshop of review `session` (`workshopSource`). */
function showWorkshop(session) {
  return showForm({ view: 'workshop', id: session.id }, t('console.workshopTitle', { title: session.title }),
    { workshopOf: session, onScheduled: showScheduled });
}

function showEdit(session) {
  return showForm({ view: 'edit', id: session.id }, t('console.editTitle', { title: session.title }), {
    existing: session,
    onScheduled: () => showSession(session.id, t('console.saved'), { replace: true }),
  });
}

/**
 * The session `id`, or null once the list says it is gone (deleted, or another facilitator's:
 * an old bookmark, or Back to a session deleted since). Other failures throw, for `guarded`.
 */
async function sessionOrList(id) {
  try {
    return await api.session(id);
  } catch (error) {
    if (error.status !== 404) throw error;
    await showSessions({ focus: true, message: t('console.sessionGone'), replace: true });
    return null;
  }
}

function showSession(id, message, { replace = false, unsaved = [], copyFor = null } = {}) {
  leaveLive();
  showRouteInAddress({ view: 'session', id }, { replace });
  setNav(true);
  return guarded(async () => {
    const s = await sessionOrList(id);
    if (!s) return;
    // A post-review workshop's page calls it a workshop (as its live controls do, from the welcome).
    setWorkshop(s.followsSession);
    // After the end a revoked person stays listed (they took part); only the access list says
    // their link was taken back (a keyboard probe: nothing on the page did).
    const linkWorks = s.status === 'ended' ? new Map((await api.access(id)).map((a) => [a.id, a.linkWorks])) : null;
    document.title = t('console.sessionTitle', { title: s.title });
    const links = savedLinks();
    const status = el('p', { className: 'form-status', attrs: { role: 'status' } }, message || '');
    const shown = displayNames(s.participants || []);
    const people = (s.participants || []).map((p) => {
      const name = shown.get(p.id);
      const url = links[p.id];
      const revoked = linkWorks?.get(p.id) === false;
      const link = url && !revoked ? el('input', { type: 'text', readOnly: true, value: url, className: 'invite-link link-part', attrs: { 'aria-label': t('invite.linkFor', { name }), 'data-role': p.role, 'data-name': p.name } }) : null;
      return el('li', { className: 'invite-row', attrs: { 'data-participant': p.id } },
        el('strong', {}, name), ' ', el('span', { className: 'meta' }, t(`role.${p.role}`)),
        revoked ? [' ', el('span', { className: 'meta', id: `revoked-${p.id}` }, t('invite.linkRevoked'))] : null,
        // A facilitator's link runs the whole review: easy to send a reviewer by mistake from the
        // same list, so it says whose it is to keep.
        p.role === 'facilitator' && link ? el('span', { className: 'hint link-part', id: `keep-${p.id}` }, t('invite.facilitatorLink')) : null,
        link,
        link ? el('button', { type: 'button', className: 'secondary link-part', id: `copy-${p.id}`, textContent: t('invite.copy'), attrs: { 'aria-label': t('invite.copyFor', { name }) },
          on: { click: async () => {
            const copied = await copyText(link.value, link);
            status.textContent = copied ? t('invite.copied', { name }) : t('invite.copyManually');
            // Said again beside the button: the status line is at the top of the page, off
            // screen when the row is further down (a usability audit). Read once, from the top.
            byId(`copied-${p.id}`).textContent = copied ? t('invite.copiedHere') : t('invite.copyManuallyHere');
          } } }) : null,
        link ? el('span', { className: 'meta copied-note', id: `copied-${p.id}`, attrs: { 'aria-hidden': 'true' } }) : null,
        // On a tablet or phone the system's share sheet sends a link to Mail or Messages in one
        // step; copying meant a round trip to the mail app per person (a tablet probe).
        link && typeof navigator.share === 'function' ? el('button', { type: 'button', className: 'secondary link-part', textContent: t('invite.share'),
          attrs: { 'aria-label': t('invite.shareFor', { name }) },
          on: { click: async (e) => {
            if (repeatedClick(e)) return;
            try {
              await navigator.share({ title: s.title, text: t('invite.shareText', { name, title: s.title }), url: link.value });
              status.textContent = t('invite.shared', { name });
            } catch (error) {
              if (error?.name !== 'AbortError') status.textContent = t('invite.shareFailed', { name });
            }
          } } }) : null,
        el('button', { type: 'button', className: 'secondary', textContent: t('invite.reissue'), attrs: { 'aria-label': t('invite.reissueFor', { name }) },
          on: { click: (e) => guarded(async () => {
            if (repeatedClick(e) || !window.confirm(t('invite.confirmReissue', { name }))) return;
            const invite = await api.reissue(id, p.id);
            changeLink(p.id, invite.url); showSession(id, t('invite.reissued', { name }), { copyFor: p.id });
          }) } }),
        // Revoking again would change nothing; "New link" gives their access back.
        revoked ? null : el('button', { type: 'button', className: 'secondary danger', textContent: t('invite.revoke'), attrs: { 'aria-label': t('invite.revokeFor', { name }) },
          on: { click: (e) => guarded(async () => {
            if (repeatedClick(e) || !window.confirm(t('invite.confirmRevoke', { name }))) return;
            await api.revoke(id, p.id); changeLink(p.id, null); showSession(id, t('invite.revoked', { name }));
          }) } }));
    });
    const name = el('input', { type: 'text', id: 'invite-name', required: true });
    const role = el('select', { id: 'invite-role' }, INVITE_ROLES.map((r) => el('option', { value: r }, t(`role.${r}`))));
    // noValidate: an empty name is said in the form's status line like the schedule form's
    // problems, not in the browser's bubble that fades before it is read.
    const inviteForm = el('form', { className: 'row', noValidate: true, on: { submit: (e) => { e.preventDefault(); guarded(async () => {
      if (!name.value.trim()) { status.textContent = t('invite.needName'); name.focus(); return; }
      const taken = repeatedName([name.value], (s.participants || []).map((p) => p.name));
      // Like an empty name: said, and the field takes focus to be changed.
      if (taken) { status.textContent = t('invite.nameTaken', { name: taken.name }); name.focus(); return; }
      let invite;
      try {
        invite = await api.invite(id, { name: name.value.trim(), role: role.value });
      } catch (error) {
        // A refusal of this invite (a name over 200 characters, the session's 500 invitations,
        // an end just now) is said in the form, which keeps what was typed; it replaced the page.
        if (error.status !== 400 && error.status !== 409) throw error;
        status.textContent = failureText(error, t);
        name.focus();
        return;
      }
      saveLink(invite);
      showSession(id, t('invite.added', { name: invite.participant.name }), { copyFor: invite.participant.id });
    }); } } }, field(t('invite.name'), name), field(t('invite.role'), role), el('button', { type: 'submit', textContent: t('invite.add') }));
    const download = (path, fileName) => guarded(async () => downloadBlob(await api.blob(path), fileName));
    const base = `/sessions/${encodeURIComponent(id)}`;
    const heading = headingOf(s.title, 'session-heading');
    const sessions = await sessionListOrNull();
    replaceChildren(main, el('section', { className: 'panel' },
      heading,
      el('p', { className: 'meta' }, `${s.hostSchool} · ${formatInstant(s.startsAt, s.timeZone)} · ${t(`status.${s.status}`)}`),
      el('p', { className: 'focus' }, el('strong', {}, t('room.focus')), ' ', s.focus),
      ...followsLines(s, sessions),
      // Kept for a follower only when its date is a follower's (one with its own later use is not).
      erasureNotice(s, workshopsOf(s, sessions).find((w) => w.erasesAt && w.erasesAt === s.erasesAt)),
      status,
      ...unsavedFields(unsaved),
      el('div', { className: 'row' },
        el('button', { type: 'button', id: 'run-live', textContent: t('console.runLive'), on: { click: () => showLive(id) } }),
        s.status === 'ended' ? null : el('button', { type: 'button', className: 'secondary', id: 'edit-session', textContent: t('console.edit'), on: { click: () => showEdit(s) } }),
        el('button', { type: 'button', className: 'secondary', id: 'copy-session', textContent: t('console.copy'), on: { click: () => showCopy(s) } }),
        // The review's own next step (PRODUCT.md): offered once it has begun; not for a workshop itself.
        s.status === 'scheduled' || s.status === 'lobby' || s.followsSession ? null : el('button', { type: 'button', className: 'secondary', id: 'workshop-session',
          textContent: t('console.workshop'), on: { click: () => showWorkshop(s) } }),
        el('button', { type: 'button', className: 'secondary', textContent: t('console.ics'), on: { click: () => download(`${base}/calendar.ics`, calendarFileName(s)) } }),
        el('button', { type: 'button', className: 'secondary', id: 'view-record', textContent: t('record.view'),
          on: { click: () => { if (!openRecordTab(id)) status.textContent = t('record.viewBlocked'); } } }),
        ...['md', 'html', 'json'].map((format) => el('button', { type: 'button', className: 'secondary', textContent: t(`console.record.${format}`),
          on: { click: () => download(`${base}/record?format=${format}`, recordFileName(s, format)) } })),
        // A review that has run (or is running) is deleted, record and all, not "cancelled": said
        // so, with the way to keep its record, and said again once it is gone. "Cancel session"
        // beside a running review read as "stop" or "close" (a usability audit).
        el('button', { type: 'button', className: 'secondary danger', id: 'delete-session',
          textContent: t(ranOrRunning(s) ? 'console.deleteSession' : 'console.cancelSession'), on: { click: () => guarded(async () => {
            const ran = ranOrRunning(s);
            // With its start: two sessions of the same title are told apart.
            const when = formatInstant(s.startsAt, s.timeZone);
            // With retention_days, the review a workshop follows was kept for it: say it goes by its own date.
            const question = t(ran ? 'console.confirmDelete' : 'console.confirmCancel', { title: s.title, when });
            const kept = s.followsSession && s.erasesAt ? ` ${t('console.deleteWorkshopRetention')}` : '';
            if (!window.confirm(question + kept)) return;
            await api.cancel(id); showSessions({ focus: true, message: t('console.deleted', { title: s.title }), replace: true });
          }) } })),
      recordForHosts(s, linkWorks),
      el('h2', { textContent: t('invite.heading') }), el('p', { className: 'meta' }, t('invite.onceHint')),
      el('ul', { className: 'invites' }, people),
      // An ended review's participant list is part of its record: the API refuses new invites (409).
      ...(s.status === 'ended' ? [el('p', { className: 'meta', id: 'invite-ended' }, t('invite.ended'))]
        : [el('h2', { textContent: t('invite.addHeading') }), inviteForm])));
    // The page it came from (the list, the form, the live view, a link reissued…) is gone: focus
    // goes to this page's heading, with the message after it, not to <body>. After an invite or
    // a new link it goes to that person's "Copy link", scrolled into view: the page used to jump
    // to its top, the row to copy from far below (a usability audit).
    const copy = copyFor ? byId(`copy-${copyFor}`) : null;
    (copy ?? heading).focus();
    sayOnPage(message);
  });
}

/**
 * When a server with `retention_days` will erase the session (its `erasesAt`), so the record is
 * downloaded before, and for a review kept for a session that follows it (`keptFor`, whose
 * erasure date it has taken), that it goes with that one; null on a server that keeps sessions.
 */
function erasureNotice(s, keptFor) {
  if (!s.erasesAt) return null;
  const when = formatInstant(s.erasesAt, s.timeZone);
  // Past its day, a session waits for the sweep (hourly; later while someone has it open).
  const due = Date.parse(s.erasesAt) <= Date.now();
  // The server keeps a followed review as long as its workshop (its erasesAt counts the
  // workshop's use), so the date moving on after the review ended is explained.
  return el('p', { className: 'meta', attrs: { 'data-testid': 'erases-at' } },
    t(due ? 'console.erasesAt.due' : s.status === 'ended' ? 'console.erasesAt.ended' : 'console.erasesAt.other', { when }),
    keptFor && !due ? [' ', t('console.erasesAt.withWorkshop', { title: keptFor.title })] : null);
}

/**
 * After the end, which hosts can take the record from their own page (their link still works),
 * so the facilitator knows they need not send it to them; null before the end or with none.
 */
function recordForHosts(s, linkWorks) {
  if (s.status !== 'ended') return null;
  const hosts = (s.participants || []).filter((p) => p.role === 'host' && linkWorks?.get(p.id) !== false);
  if (!hosts.length) return null;
  const names = new Intl.ListFormat(undefined, { type: 'conjunction' }).format(hosts.map((p) => p.name));
  return el('p', { className: 'meta', attrs: { 'data-testid': 'record-hosts' } },
    t(hosts.length === 1 ? 'console.recordForHost' : 'console.recordForHosts', { names }));
}

function showLive(id) {
  leaveLive();
  showRouteInAddress({ view: 'live', id });
  setNav(true);
  live = new LiveConsole(main, { sessionId: id, token: api.token, api, banner, focusHeading: true,
    onRevoked: (participantId) => changeLink(participantId, null),
    onFatal: (failure) => {
      // What was typed and never saved is offered to copy, as on the room page (it was dropped).
      const unsaved = live?.notesView.unsavedNotes() ?? [];
      const message = [liveFailure(failure), unsaved.length ? t('notice.unsaved') : null].filter(Boolean).join(' ');
      showSession(id, message, { replace: true, unsaved });
    } });
  window.reviewroom = live.handle;
}

/** Opens the view `route` names (page load, sign-in, Back and Forward). */
function openRoute(route, { focus = false } = {}) {
  switch (route.view) {
    case 'schedule': return showSchedule();
    case 'session': return showSession(route.id);
    case 'live': return showLive(route.id);
    case 'edit': return guarded(async () => {
      const s = await sessionOrList(route.id);
      // An ended review cannot be edited: its page instead, in place of the edit address.
      if (s && s.status === 'ended') return showSession(s.id, '', { replace: true });
      if (s) return showEdit(s);
    });
    case 'copy': return guarded(async () => {
      const s = await sessionOrList(route.id);
      if (s) return showCopy(s);
    });
    case 'workshop': return guarded(async () => {
      const s = await sessionOrList(route.id);
      if (s) return showWorkshop(s);
    });
    default: return showSessions({ focus });
  }
}

/**
 * Opens the view the address names, in place of the current entry (a fragment that names no
 * view is cleared, not kept as an entry of its own).
 */
function openAddressedView({ focus = false } = {}) {
  const route = parseRoute(location.hash);
  showRouteInAddress(route, { replace: true });
  return openRoute(route, { focus });
}

// Back and Forward between the console's views. A form with unsent changes asks first; staying
// puts its address back (the browser has already moved off it).
window.addEventListener('popstate', () => {
  if (!api || coFacilitatorToken() !== null) return;
  if (!mayLeaveForm()) { history.pushState(null, '', location.pathname + location.search + openForm.hash); return; }
  if (!mayLeaveLive()) { history.pushState(null, '', location.pathname + location.search + routeHash({ view: 'live', id: live.sessionId })); return; }
  openRoute(parseRoute(location.hash), { focus: true });
});

/**
 * What the session page says after its live controls could not go on. Open in too many tabs
 * (`rate_limited` at `hello`), the page does not try again by itself: "Run live session" is the retry.
 */
function liveFailure({ kind, opensAt, timeZone }) {
  if (kind === 'rate_limited') return t('console.tooManyTabs');
  // Before the lobby opens the live controls cannot join either: say when they can (it said only
  // "Could not join the review", and a first-time facilitator could not tell what was wrong).
  if (kind === 'not_open') return opensAt ? t('console.notOpenYet', { when: formatInstant(opensAt, timeZone) }) : t('notice.notOpen.soon');
  return t(`notice.${kind === 'deleted' ? 'deleted' : 'failed'}.heading`);
}

/**
 * A co-facilitator's live controls (`/console#cofacilitate`, from their room page): joined with
 * their invite token, without an API token, so there is no session list and no Reword.
 */
function showCoFacilitation(token) {
  leaveLive();
  replaceChildren(nav, backToRoom(token));
  live = new LiveConsole(main, { hello: () => ({ token }), inviteToken: token, banner, onFatal: (failure) => {
    const unsaved = live?.notesView.unsavedNotes() ?? [];
    leaveLive();
    // As the room page does: a link that cannot join any more is forgotten (one not open yet,
    // or open in too many tabs, is kept).
    if (!keepsTokenAfter(failure.kind)) forgetCoFacilitatorToken(token);
    const notices = new Announcer();
    fatalNotice(main, failure, () => location.reload(), (text) => notices.say(text, true), unsaved);
  }, onWelcome: (msg) => {
    if (msg.you?.role === 'facilitator') return;
    // Not a facilitator's link: no controls to offer (they were all on show, and refused at the
    // first press), and the way back goes to that person's room page.
    setTimeout(() => {
      leaveLive();
      showNotice(main, { heading: t('cofac.notFacilitator.heading'), body: t('cofac.notFacilitator.body'), announce: (text) => new Announcer().say(text, true) });
    });
  } });
  window.reviewroom = live.handle;
}

const invited = coFacilitatorToken();
const stored = sessionStorage.getItem(TOKEN_KEY);
if (invited) showCoFacilitation(invited);
else if (invited === '' && !stored) showSignIn(t('cofac.noInvite'));
else if (stored) { api = new Api(stored); openAddressedView(); } else showSignIn();

/** Whether session `s` has started (live, paused or ended): deleting it takes a record with it. */
function ranOrRunning(s) {
  return s.status === 'ended' || s.status === 'live' || s.status === 'paused';
}
