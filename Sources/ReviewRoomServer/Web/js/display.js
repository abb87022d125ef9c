// The room display (/display#token): large, read-only phase, countdown, speaker, queue and question.
import { byId, el, localize, morphChildren, replaceChildren } from './dom.js';
import { roundOrder } from './floor-panel.js';
import { clockAlert, clockIsStale, clockRuns, clockStatusText } from './room-rules.js';
import { t } from './strings.js';
import { agendaLength, formatDuration, startParts } from './timefmt.js';
import { joinSession, takeToken, takeLaterTokens, showNotice, fatalNotice } from './session-page.js';
import { Announcer } from './announcer.js';
import { setPageTitle } from './page-title.js';
import { keepScreenAwake } from './wake-lock.js';
import { PacedCopy } from './paced-draw.js';
import { Api } from './api.js';

localize();
document.title = t('page.display');
const main = byId('main');
const banner = byId('connection-banner');
const token = takeToken('reviewroom.display.token');
takeLaterTokens('reviewroom.display.token');
const announcer = new Announcer();

if (!token) {
  showNotice(main, { heading: t('notice.noLink.heading'), body: t('notice.noLink.body') });
} else {
  const screenAwake = keepScreenAwake();
  // Names shown in the queue and in a round's order at most: a projector cannot scroll, and with
  // 20 hands up the whole queue pushed the question off a 1080p screen. A long question takes
  // more of them (fitQuestion), down to one each.
  const SHOWN_NAMES = 5;
  // A round's lines come under the speaker and their turn: one fewer, so the question still fits 720p.
  const SHOWN_IN_ROUND = 4;
  // Names each list may show beyond those while the question still fits at its full size: a
  // 1080p screen showed four of a round of eight and "+ 4 more to come" over empty space.
  const MORE_NAMES = 4;
  const phase = el('p', { className: 'display-phase', attrs: { 'data-testid': 'phase-title' } });
  const purpose = el('p', { className: 'display-purpose' });
  const advances = el('p', { className: 'display-advances', attrs: { 'data-testid': 'advances' } });
  const countdownTime = el('span', { className: 'display-countdown-time' });
  const countdownLabel = el('span', { className: 'display-countdown-label' });
  const countdown = el('p', { className: 'display-countdown', attrs: { role: 'timer', 'aria-live': 'off' } }, countdownTime, ' ', countdownLabel);
  // The one-minute warning and time-up in words, large enough to read across the room.
  const alert = el('p', { className: 'display-alert', attrs: { 'data-testid': 'clock-alert' } });
  const statusLine = el('p', { className: 'display-status' });
  // What comes after this phase: the room has no agenda to look at (the reviewers' pages do).
  const upNext = el('p', { className: 'display-next', attrs: { 'data-testid': 'up-next' } });
  // The name is what gets cut when the line is too long, never the words around it: "Reviewer 1
  // has the flo…" left the room guessing. It is cut in its own direction, as in the lists.
  const speakerParts = [0, 1, 2].map((i) => (i === 1 ? el('span', { className: 'display-speaker-name', attrs: { dir: 'auto' } })
    : el('span', { className: 'display-speaker-words' })));
  const speaker = el('p', { className: 'display-speaker', attrs: { 'data-testid': 'speaker' } }, ...speakerParts);
  const turn = el('p', { className: 'display-turn' });
  const roundBox = el('div', { className: 'display-round-box' });
  const queue = el('ol', { className: 'display-queue', attrs: { 'data-testid': 'queue', 'aria-label': t('floor.queue') } });
  const question = el('p', { className: 'display-question', attrs: { 'data-testid': 'question' } });
  const questionHeading = el('h2', { textContent: t('prompt.heading') });
  const questionGoesOn = el('p', { className: 'display-more', hidden: true, attrs: { 'data-testid': 'question-goes-on' } }, t('display.questionGoesOn'));
  const title = el('h1', { className: 'display-title' });
  const fullScreen = document.fullscreenEnabled ? el('button', { type: 'button', className: 'secondary display-fullscreen', textContent: t('display.fullscreen'),
    on: { click: () => document.documentElement.requestFullscreen().catch(() => {}) } }) : null;
  document.addEventListener('fullscreenchange', () => { if (fullScreen) fullScreen.hidden = !!document.fullscreenElement; });
  replaceChildren(main, el('div', { className: 'display' },
    el('div', { className: 'display-top' }, title, fullScreen),
    // Headings for screen readers' heading navigation; the room reads the big type, not them.
    el('section', { className: 'display-clock', attrs: { 'aria-labelledby': 'display-clock-heading' } },
      el('h2', { className: 'visually-hidden', id: 'display-clock-heading', textContent: t('clock.heading') }), phase, purpose, advances, countdown, alert, statusLine, upNext),
    el('section', { className: 'display-floor', attrs: { 'aria-labelledby': 'display-floor-heading' } },
      el('h2', { className: 'visually-hidden', id: 'display-floor-heading', textContent: t('floor.heading') }), speaker, turn, roundBox, queue),
    el('section', { className: 'display-prompt', attrs: { 'aria-label': t('prompt.heading') } },
      questionHeading, question, questionGoesOn)));

  // A name in its own direction, where it is cut (app.css): cut by the line's left-to-right
  // direction, a long Arabic name lost its beginning, not its end.
  const nameNode = (id) => el('span', { className: 'display-name', attrs: { dir: 'auto' } }, model.nameOf(id));
  const setText = (node, text) => {
    if (node.textContent === text) return false;
    node.textContent = text;
    return true;
  };
  const clockColumn = main.querySelector('.display-clock');
  const floorColumn = main.querySelector('.display-floor');
  let fewerNames = 0; // names each of the floor's lists gives up for a long question
  let moreNames = 0; // names each list shows beyond SHOWN_NAMES / SHOWN_IN_ROUND on a screen with room
  // The hands as the queue shows them: changed at most twice a second (paced-draw.js), so a hand
  // flicked up and down does not flash on the room's screen. A round moves only when the
  // facilitator, the clock or its speaker moves it, once a turn: its order is not paced.
  const listedHands = new PacedCopy([], () => model.session?.floor?.queue || [], () => fitDisplay());
  const drawFloorLists = () => {
    const floor = model.session?.floor || {};
    const shown = (most) => Math.max(1, most + moreNames - fewerNames);
    morphChildren(roundBox, roundOrder(floor, nameNode, { large: true, shown: shown(SHOWN_IN_ROUND) }));
    const hands = listedHands.shown;
    // During a round its order is what the room follows: the hands waiting for after it are a count.
    const shownHands = floor.round ? [] : hands.slice(0, shown(SHOWN_NAMES));
    const moreHands = hands.length - shownHands.length;
    // The kind before the name, so a name cut short never hides that a hand is a direct response.
    morphChildren(queue, shownHands.map((h, i) => el('li', {}, t('floor.position', { n: i + 1 }), ' ',
      el('span', { className: `badge kind-${h.kind}` }, t(`hand.${h.kind}`)), ' ', nameNode(h.participant))),
    moreHands > 0 ? el('li', { className: 'display-more' },
      t(shownHands.length ? 'display.moreWaiting' : moreHands === 1 ? 'display.handWaiting' : 'display.handsWaiting', { n: moreHands })) : null);
  };
  // Room for a long question from the floor: a name from each list, and last the speaker's name
  // to one line, which their row in the order says too (app.css, .display-floor-tight); false
  // when all is given.
  const giveUpRoom = () => {
    if (fewerNames < SHOWN_NAMES - 1) {
      fewerNames += 1;
      drawFloorLists();
      return true;
    }
    if (floorColumn.classList.contains('display-floor-tight')) return false;
    floorColumn.classList.add('display-floor-tight');
    return true;
  };
  // Both columns, after everything in them is drawn (more hands or a round take room from the question too).
  const fitDisplay = () => {
    fewerNames = 0;
    floorColumn.classList.remove('display-floor-tight');
    // More names only where they leave the question as it is: one at a time back to none.
    moreNames = MORE_NAMES;
    drawFloorLists();
    while (moreNames > 0 && !questionFitsAsIs(question, questionGoesOn)) {
      moreNames -= 1;
      drawFloorLists();
    }
    fitQuestion(question, questionGoesOn, giveUpRoom);
    fitClockColumn(clockColumn);
  };
  // The screen changed size (a projector plugged in, a window moved to it): both columns again.
  window.addEventListener('resize', fitDisplay);
  // The banner coming and going ("Connection lost") moves everything under it: a long question
  // fitted online ran 58 px off a 720p screen, cut without "The question goes on" (a visual audit).
  new ResizeObserver(() => fitDisplay()).observe(banner);
  // Set with the rest of the floor, before the question is fitted under it: set at the next tick,
  // the turn's line pushed a fitted question 40 px off a 720p screen.
  const showTurn = (now) => {
    const left = model.turnRemainingSec(now);
    setText(turn, left === null ? '' : (left >= 0 ? t('floor.turnLeft', { time: formatDuration(left) }) : t('floor.turnOver')));
    // Boxed, as "Time is up" is: the same plain line as "Turn: 0:11 left" was missed at the back.
    turn.classList.toggle('over', left !== null && left < 0);
  };
  let lastPhase = null;
  const { model, connection } = joinSession({
    hello: () => ({ token }),
    banner,
    announce: (text) => announcer.say(text),
    onFatal: (failure) => fatalNotice(main, failure, () => location.reload(), (text) => announcer.say(text, true)),
    onWelcome: (msg) => refuseAnotherRole(msg.you),
    onEphemeral: (msg) => { if (msg.type === 'presence') model.presence(msg.online); },
    // Replayed events are not said one by one: the phase as it is now is said once, if it moved.
    onReplayDone: () => render(),
  });
  // The server's timed events are said too; what shows on screen follows from the clock (tick).
  const announce = (event) => {
    const data = event.data || {};
    const phaseTitle = model.session?.agenda?.[data.phase]?.title ?? '';
    if (event.name === 'clock.warning') announcer.say(t('announce.warning', { phase: phaseTitle }));
    else if (event.name === 'clock.timeUp') announcer.say(t('announce.timeUp', { phase: phaseTitle }));
  };
  const render = (change) => {
    const s = model.session;
    // The room's screen shows no notes: a busy note's every keystroke redrew it and measured
    // both columns again (forced layouts, on what is often the room's oldest laptop).
    if (!s || change?.event?.name === 'note.op') return;
    if (change?.kind === 'event' && !connection.replaying) announce(change.event);
    setText(title, s.title);
    setPageTitle(t('display.pageTitle', { title: s.title }));
    const p = model.phase;
    const ended = s.clock?.status === 'ended';
    // After the end the phase is the one it ended in, not the one under way (as on the room page).
    setText(phase, !p ? t('clock.noPhase') : ended ? t('clock.lastPhase', { phase: p.title }) : p.title);
    setText(purpose, ended ? '' : p?.purpose ?? '');
    setText(advances, p?.onTimeUp === 'advance' && !ended ? t('phase.advances') : '');
    // What comes next only while the review runs: in the lobby, under the first phase as the
    // headline, "Next: Host context" read as if the first were under way (a visual audit).
    const next = clockRuns(s.clock) && Number.isInteger(s.clock?.phase) ? s.agenda?.[s.clock.phase + 1] : null;
    setText(upNext, next ? t('display.next', { phase: next.title, length: agendaLength(next.durationSec) }) : '');
    const floor = s.floor || {};
    const [before, after] = floor.speaker ? t('floor.speaking', { name: '\u0000' }).split('\u0000') : [t('floor.nobody'), ''];
    [before, floor.speaker ? model.nameOf(floor.speaker) : '', after].forEach((text, i) => setText(speakerParts[i], text));
    showTurn(connection.serverNow());
    listedHands.update();
    const q = model.currentPrompt;
    setText(question, q ? q.text : t('prompt.none'));
    // After the end it is the last question shown, not the room's question now (a visual audit).
    setText(questionHeading, t(ended && q ? 'prompt.headingEnded' : 'prompt.heading'));
    fitDisplay();
    if (s.clock && s.clock.phase !== lastPhase && !connection.replaying) {
      if (lastPhase !== null) announcer.say(t('announce.phase', { phase: phase.textContent }));
      lastPhase = s.clock.phase;
    }
    tick();
  };
  let fitted = null; // the countdown's classes when the clock column was last fitted
  const tick = () => {
    const s = model.session;
    if (!s) return;
    const now = connection.serverNow();
    const remaining = model.remainingSec(now);
    const status = s.clock?.status;
    const ended = status === 'ended';
    const waiting = status === 'scheduled' || status === 'lobby';
    let time = `${remaining < 0 ? '+' : ''}${formatDuration(Math.abs(remaining))}`;
    let label = t(remaining < 0 ? 'display.overtime' : 'display.left');
    // Read from the back of a room, a paused clock must not pass for a running one; paused in
    // overtime it is still overtime ("+0:04 left – clock paused" read as time to spare).
    if (status === 'paused') label = t(remaining < 0 ? 'display.overtimePaused' : 'display.leftPaused');
    if (ended) { time = ''; label = t('clock.ended'); }
    if (waiting) {
      // The room's own screen: its zone is the room's, so no "your time"; how long until the start.
      const start = startParts(s.startsAt, s.timeZone, now);
      time = start.when;
      label = [t(start.ago ? 'display.dueAt' : 'display.startsAt'), start.until, start.ago].filter(Boolean).join(', ');
    }
    setText(countdownTime, time);
    let resized = setText(countdownLabel, label);
    const stale = clockIsStale(connection.state, s.clock);
    resized = setText(statusLine, clockStatusText(t, s.clock, stale)) || resized;
    statusLine.dataset.status = status ?? '';
    countdown.classList.toggle('stale', stale);
    countdown.classList.toggle('overtime', remaining < 0 && !ended && !waiting);
    countdown.classList.toggle('waiting', waiting); // a time of day with its zone: smaller than a countdown
    countdown.classList.toggle('paused', status === 'paused');
    const warning = clockAlert(s.clock, remaining);
    resized = setText(alert, warning ? t(`clock.alert.${warning}`) : '') || resized;
    alert.dataset.alert = warning ?? '';
    showTurn(now);
    // Lines come and go under the countdown (a warning, "Paused") and its style changes (the
    // start time is smaller): then the column is fitted again, not at every tick.
    if (resized || fitted !== countdown.className) fitClockColumn(clockColumn);
    fitted = countdown.className;
  };
  // A reviewer's (or anyone's) own link opened here joined as them, silently: the projector held
  // their place all review, shown to everyone as them (a display audit; `--demo` prints the links
  // together). Any role but `display` is refused on this page, with what to open instead.
  const refuseAnotherRole = (you) => {
    if (!you || you.role === 'display') return;
    connection.stop();
    sessionStorage.removeItem('reviewroom.display.token');
    showNotice(main, { heading: t('display.wrongLink.heading'),
      body: t('display.wrongLink.body', { name: you.name, role: t(`role.${you.role}`) }), announce: (text) => announcer.say(text, true) });
  };
  model.subscribe(render);
  setInterval(tick, 250);
  window.reviewroom = { model, connection, announcer, screenAwake };
  // Whose link it is, asked before joining (`GET /api/v1/invite`): refused only at the welcome,
  // a reviewer's link had already joined as them, and the record listed them as attending (a
  // re-audit). Unanswered (offline, a link that no longer works), the join goes ahead and says
  // what it finds, and the welcome is checked too.
  new Api(token).request('GET', '/invite').then((invite) => invite?.participant, () => null).then((person) => {
    if (person?.role && person.role !== 'display') refuseAnotherRole(person);
    else connection.connect();
  });
}

/** The type a question keeps while the floor gives up room for it (rem): room size. */
const ROOM_QUESTION_REM = 1.25;
/** The smallest type a question is shrunk to (rem): the page's body size, which grows with the screen past 1080p. */
const MIN_QUESTION_REM = 1;
/** The least the clock column's type is scaled to: the phase's title still 1.5rem, the countdown 2rem or more. */
const MIN_CLOCK_FIT = 0.5;
/** app.css's breakpoint below which the display is one scrolled column. */
const ONE_COLUMN = '(max-width: 48rem)';

/**
 * Scales the clock column's type down together (`--clock-fit`, app.css) until its foot is on the
 * screen: on a 720p projector a two-line phase title with its purpose left the dashed "Paused"
 * (and what comes after the phase) cut off at the bottom, and a projector cannot scroll. All of
 * it together, so the countdown stays the largest thing in it.
 */
function fitClockColumn(column) {
  column.style.removeProperty('--clock-fit');
  if (window.matchMedia(ONE_COLUMN).matches) return;
  let fit = 1;
  const foot = window.innerHeight - spaceBelow(column);
  while (fit > MIN_CLOCK_FIT && column.getBoundingClientRect().bottom > foot) {
    fit = Math.max(MIN_CLOCK_FIT, Math.round((fit - 0.05) * 100) / 100);
    column.style.setProperty('--clock-fit', String(fit));
  }
}

/**
 * How far the page goes on below `node`'s foot when it is the lowest thing on the page: its own
 * bottom margin and the bottom padding, border and margin of everything around it. Its foot must
 * be that far above the screen's, or the page scrolls: the clock column ended 6 px above a 720p
 * screen in overtime, and `main`'s padding made the page 730 px high.
 */
function spaceBelow(node) {
  let space = parseFloat(getComputedStyle(node).marginBottom) || 0;
  for (let around = node.parentElement; around; around = around.parentElement) {
    const style = getComputedStyle(around);
    space += (parseFloat(style.paddingBottom) || 0) + (parseFloat(style.borderBottomWidth) || 0) + (parseFloat(style.marginBottom) || 0);
  }
  return space;
}

/**
 * Sets the question (`node`) as large as fits the screen, down from the stylesheet's size (a
 * projector cannot scroll): a paste probe showed a 351-character question running off a 720p
 * screen and a 701-character one off 1080p, with nothing to say it went on (questions take
 * 2,000). Below room size the floor gives up room first (`giveUpRoom`, false once it has none
 * to give): in a round of twenty a 1,000-character question was set at 14 px on one line, the
 * round's order keeping all its names. Then the type goes down to the body's, and what still does
 * not fit is cut, `more` saying that it goes on and where to read it whole.
 */
function fitQuestion(node, more, giveUpRoom) {
  unfitQuestion(node, more);
  // One column (a phone, or a page zoomed to 400 %) scrolls anyway, and a reader zoomed in wants
  // the type large: only the projector's layout is fitted (the stylesheet's breakpoint).
  if (window.matchMedia(ONE_COLUMN).matches) return;
  const foot = window.innerHeight - spaceBelow(node);
  const fits = () => node.getBoundingClientRect().bottom <= foot;
  if (fits()) return;
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  const [largest, room, least] = [parseFloat(getComputedStyle(node).fontSize), ROOM_QUESTION_REM * rem, MIN_QUESTION_REM * rem];
  if (shrinkToFit(node, fits, largest, room)) return;
  while (!fits() && giveUpRoom());
  // With the room given up a size larger than the room size it was given up at may fit.
  if (fits() ? shrinkToFit(node, fits, largest, room) : shrinkToFit(node, fits, room, least)) return;
  cutToFit(node, more);
}

/** Gives the question (`node`) back its stylesheet's size, whole, `more` hidden. */
function unfitQuestion(node, more) {
  node.style.fontSize = '';
  node.style.webkitLineClamp = '';
  node.classList.remove('display-question-cut');
  more.hidden = true;
}

/**
 * Whether the question (`node`) is on the screen whole at its stylesheet's size, on the
 * projector's layout (one column scrolls, and shows no more names than the lists' own).
 */
function questionFitsAsIs(node, more) {
  if (window.matchMedia(ONE_COLUMN).matches) return false;
  unfitQuestion(node, more);
  return node.getBoundingClientRect().bottom <= window.innerHeight - spaceBelow(node);
}

/** Sets `node`'s type from `from` px down towards `least` px until `fits()`; whether it then fits. */
function shrinkToFit(node, fits, from, least) {
  let size = from;
  node.style.fontSize = `${size}px`;
  while (!fits() && size > least) {
    size = Math.max(least, Math.floor(size * 0.9));
    node.style.fontSize = `${size}px`;
  }
  return fits();
}

/**
 * Cuts `node` after the last whole line that leaves `more` on the screen, measured with `more`
 * shown and its margins counted: measured without them, "The question goes on" ended below a
 * 720p screen.
 */
function cutToFit(node, more) {
  more.hidden = false;
  node.classList.add('display-question-cut');
  const style = getComputedStyle(node);
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  const over = more.getBoundingClientRect().bottom - (window.innerHeight - spaceBelow(more));
  const lines = Math.floor(node.getBoundingClientRect().height / lineHeight) - Math.ceil(over / lineHeight);
  node.style.webkitLineClamp = String(Math.max(1, lines));
}
