// The floor panel's content (speaker, turn, round order, queue, hand buttons), built as
// elements for `morphChildren`; shared by the reviewer page and the console's room.
import { el, repeatedClick } from './dom.js';
import { t } from './strings.js';
import { agendaLength } from './timefmt.js';
import { keyShortcuts } from './room-rules.js';

/**
 * The round's order as a list: each person's place, name and state in words (speaking now,
 * passed, has spoken, waiting), never by colour alone; null without a round.
 */
export function roundOrder(floor, nameOf, { large = false, shown = Infinity } = {}) {
  const round = floor?.round;
  if (!round) return null;
  const passed = new Set(round.passed || []);
  const order = round.order || [];
  // With `shown` (the room display) and a longer order: those who have spoken go, and only the
  // speaker and the next ones, `shown` in all, stay.
  const first = order.length > shown ? Math.min(round.index ?? 0, order.length) : 0;
  const rest = Math.max(0, order.length - first - shown);
  const items = order.slice(first, order.length - rest).map((id, at) => {
    const index = first + at;
    // Who comes after the speaker is named so: "waiting" for everyone after left the room to count.
    const state = index === round.index && floor.speaker === id ? 'speaking'
      : passed.has(id) ? 'passed' : index < round.index ? 'done' : index === round.index + 1 ? 'next' : 'waiting';
    const name = el(state === 'speaking' ? 'strong' : 'span', { className: 'round-name' }, nameOf(id));
    const badge = el('span', { className: `badge round-state-${state}` }, t(`round.${state}`));
    // On the display a long name is cut at the end of its line: the state goes first there, as
    // a hand's kind does in its queue, so "speaking now" is never what is cut.
    return el('li', { className: `round-${state}`, attrs: { 'data-participant': id, 'aria-current': state === 'speaking' ? 'true' : null } },
      ...(large ? [badge, ' ', name] : [name, ' ', badge]));
  });
  // The room's screen says where the round is ("Round: speaker 2 of 8"; the turn's own line says
  // its time): the room counted down the list to know (a console audit).
  const heading = large ? t('display.roundHeading', { n: (round.index ?? 0) + 1, total: order.length }) : t('round.orderHeading');
  return [
    el(large ? 'h2' : 'h3', { className: large ? 'display-round-heading' : '', textContent: heading }),
    el('ol', { className: large ? 'display-round' : 'round-order', attrs: { 'data-testid': 'round-order', start: first + 1 } }, items,
      rest ? el('li', { className: 'display-more' }, t('display.moreInRound', { n: rest })) : null),
  ];
}

/** The buttons a participant who may speak gets, each with its focus fallback. */
export function handButtons(view, floor) {
  const me = view.model.you?.id;
  const mine = (floor.queue || []).some((h) => h.participant === me);
  const speaker = floor.speaker;
  // All of them go when the review ends: focus then moves to the panel's heading.
  // While this person speaks, "Finish my turn" is the filled button, not "Raise hand".
  const buttons = [el('button', { type: 'button', id: 'raise-hand', className: speaker === me ? 'secondary' : undefined, textContent: mine ? t('floor.lower') : t('floor.raise'),
    attrs: { 'aria-keyshortcuts': keyShortcuts('hand'), 'data-focus-fallback': 'floor-heading' }, on: { click: (event) => { if (!repeatedClick(event)) view.toggleHand(); } } })];
  // Respond, Pass and Finish go away once used: focus then moves to the raise/lower button.
  const fallback = { 'data-focus-fallback': 'raise-hand floor-heading' };
  // Not while speaking: a direct response answers someone else.
  if (!mine && speaker !== me) buttons.push(el('button', { type: 'button', id: 'respond', className: 'secondary', textContent: t('floor.respond'),
    attrs: { 'aria-keyshortcuts': keyShortcuts('respond'), ...fallback }, on: { click: (event) => { if (!repeatedClick(event)) view.raiseResponse(); } } }));
  // In a round the speaker has both: "Pass" (nothing to add) and "Finish my turn" (done early).
  // Pass alone made everyone who finished early "passed" in the round's order and the record.
  if (speaker !== me) return buttons;
  const finish = el('button', { type: 'button', id: 'release-floor', textContent: t('floor.release'),
    attrs: fallback, on: { click: (event) => { if (!repeatedClick(event)) view.send('floor.release'); } } });
  const pass = floor.round ? el('button', { type: 'button', id: 'pass', className: 'secondary', textContent: t('floor.pass'),
    attrs: fallback, on: { click: (event) => { if (!repeatedClick(event)) view.send('round.pass'); } } }) : null;
  // The speaker's two go to a new line together (app.css `.button-pair`): at 360 px "Pass" wrapped
  // alone under the other two. "Raise hand" keeps its place first, so nothing moves under a
  // finger about to tap it as the turn begins.
  buttons.push(pass ? el('div', { className: 'button-pair' }, finish, pass) : finish);
  return buttons;
}

/**
 * The queue's items: each hand's place, name and kind, from the queue as the view lists it
 * (`listedQueue.shown`, paced on a room page) or else the floor's. With the console's `queueActions`
 * (`rows(queue)`, `button(row, rows)`), in the rows it keeps still (`steady-queue.js`: a hand that
 * went keeps its row, saying why) and with each row's button at its end.
 */
function queueItems(view, floor) {
  const queue = view.listedQueue?.shown ?? floor.queue ?? [];
  const actions = view.queueActions;
  const rows = actions ? actions.rows(queue) : queue.map((hand, index) => ({ participant: hand.participant, hand, place: index + 1 }));
  return rows.map((row) => {
    const name = el('strong', {}, view.model.nameOf(row.participant));
    const gone = floor.speaker === row.participant ? 'floor.queueSpeaking' : 'floor.queueGone';
    const who = row.hand
      ? [t('floor.position', { n: row.place }), ' ', name, ' ', el('span', { className: `badge kind-${row.hand.kind}` }, t(`hand.${row.hand.kind}`))]
      : [name, ' ', el('span', { className: 'badge' }, t(gone))];
    const attrs = { 'data-participant': row.participant };
    if (!actions) return el('li', { attrs }, who);
    return el('li', { className: row.hand ? 'queue-row' : 'queue-row queue-gone', attrs }, el('span', { className: 'queue-who' }, who), actions.button(row, rows));
  });
}

/** The whole floor panel: heading, speaker, turn countdown, round, queue and buttons. */
export function floorPanel(view, s) {
  const floor = s.floor || { queue: [] };
  const me = view.model.you?.id;
  const speaker = floor.speaker;
  const items = queueItems(view, floor);
  // Each turn's length as the agenda gives a phase's ("2 min", "1 min 30 s"), not "120 s".
  const round = floor.round ? el('p', { className: 'meta' }, t('floor.round', {
    n: floor.round.index + 1, total: (floor.round.order || []).length, length: agendaLength(floor.round.secondsEach) })) : null;
  const own = el('div', { className: 'row' }, view.model.canEdit ? handButtons(view, floor) : []);
  // In the console the queue, whose rows carry buttons, comes last: as it grows it moves no
  // button of the panel's (the facilitator's own hand goes above it).
  const ownFirst = !!view.queueActions;
  return [
    el('h2', { id: 'floor-heading', textContent: t('floor.heading'), attrs: { tabindex: '-1' } }),
    el('p', { className: 'speaker', attrs: { 'data-testid': 'speaker' } },
      speaker ? t(speaker === me ? 'floor.youSpeaking' : 'floor.speaking', { name: view.model.nameOf(speaker) }) : t('floor.nobody')),
    view.turnCountdown, ownFirst ? own : null, round, roundOrder(floor, (id) => view.model.nameOf(id)),
    // Focusable: where focus goes when the hand whose button had it goes by someone else's doing.
    el('h3', { id: 'floor-queue-heading', textContent: t('floor.queue'), attrs: { tabindex: '-1' } }),
    items.length ? el('ol', { className: 'queue', attrs: { 'data-testid': 'queue' } }, items) : el('p', { className: 'meta', attrs: { 'data-testid': 'queue' } }, t('floor.emptyQueue')),
    ownFirst ? null : own,
  ];
}
