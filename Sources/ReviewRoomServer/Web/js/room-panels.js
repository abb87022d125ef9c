// The room's quieter panels as elements for `morphChildren`: the agenda, the question, the people
// with their speaking time, the signals and the keyboard shortcuts (the floor's is
// `floor-panel.js`). Built from what they are given; the room view merges them into the page.
import { el } from './dom.js';
import { t } from './strings.js';
import { agendaLength, formatElapsed } from './timefmt.js';
import { SHORTCUT_KEYS, clockRuns } from './room-rules.js';

/** The agenda: every phase with its length and purpose, the current one marked "now". */
export function agendaPanel(s) {
  // "now" only while the review runs: in the lobby its first phase was marked "now" before
  // anything had started, and after the end its last phase beside "Ended" (a visual audit).
  const current = clockRuns(s.clock) ? s.clock.phase : null;
  const items = (s.agenda || []).map((phase, index) => {
    const isNow = index === current;
    return el('li', { className: isNow ? 'current' : '', attrs: { 'aria-current': isNow ? 'step' : null } },
      el('span', { className: 'phase-name' }, phase.title),
      ' ', el('span', { className: 'meta' }, agendaLength(phase.durationSec || 0)),
      // The space is text: a badge's margin is not, and "1 min" ran into "now" ("1 minnow").
      isNow ? ' ' : null, isNow ? el('span', { className: 'badge' }, t('agenda.now')) : null,
      phase.purpose ? el('span', { className: 'purpose' }, phase.purpose) : null);
  });
  return [el('h2', { id: 'agenda-heading', textContent: t('agenda.heading') }), el('ol', { className: 'agenda' }, items)];
}

/**
 * The question shown (`question`, or null for none). Once the review has `ended` it is the last
 * one shown, and says so: it stood under "Ended" as if still the question (a visual audit).
 */
export function promptPanel(question, ended = false) {
  return [el('h2', { id: 'prompt-heading', textContent: t(ended && question ? 'prompt.headingEnded' : 'prompt.heading') }),
    el('p', { className: 'question', attrs: { 'data-testid': 'question' } }, question ? question.text : t('prompt.none'))];
}

/** The roles a console's live view offers to remove (`peoplePanel`'s `remove`): not the facilitators. */
const REMOVABLE_ROLES = new Set(['reviewer', 'host', 'observer']);

/**
 * Everyone but displays, online or not, with a bar of their speaking time at server time `now`
 * (`model`: `online`, `spokenSec`, `nameOf`). Observers never speak: they are listed as present,
 * without a speaking time. With `remove` (the owner's console, before the end), each reviewer,
 * host and observer has a "Remove" button that calls it with their participant.
 */
export function peoplePanel(s, model, now, remove = null) {
  const speakers = (s.participants || []).filter((p) => !['display', 'observer'].includes(p.role));
  const max = Math.max(60, ...speakers.map((p) => model.spokenSec(p.id, now)));
  const items = (s.participants || []).filter((p) => p.role !== 'display').map((p) => {
    const online = model.online.has(p.id);
    const speaks = p.role !== 'observer';
    const secs = model.spokenSec(p.id, now);
    const bar = el('span', { className: 'bar-fill' });
    bar.style.width = `${Math.round((secs / max) * 100)}%`;
    return el('li', { className: online ? 'online' : 'offline', attrs: { 'data-participant': p.id } },
      el('span', { className: 'presence', attrs: { 'aria-hidden': 'true' } }, online ? '●' : '○'),
      ' ', el('strong', {}, model.nameOf(p.id)), ' ', el('span', { className: 'meta' }, t(`role.${p.role}`), ' · ', online ? t('people.online') : t('people.offline')),
      speaks ? el('span', { className: 'bar', attrs: { 'aria-hidden': 'true' } }, bar) : null,
      speaks ? el('span', { className: 'meta spoken' }, t('people.spoken', { time: formatElapsed(secs) })) : null,
      remove && REMOVABLE_ROLES.has(p.role) ? el('button', { type: 'button', className: 'secondary danger remove-person',
        textContent: t('people.remove'), attrs: { 'aria-label': t('people.removeFor', { name: model.nameOf(p.id) }), 'data-remove': p.id,
          'data-focus-fallback': 'people-heading' },
        on: { click: (e) => { if (e.detail <= 1) remove(p); } } }) : null);
  });
  return [el('h2', { id: 'people-heading', textContent: t('people.heading'), attrs: { tabindex: '-1' } }), el('ul', { className: 'people' }, items)];
}

/**
 * The signal buttons (when `canSignal`; each calls `send(kind)`) and the `recent` signals
 * (`{by, kind}`), each with its sender's name (`nameOf`).
 */
export function signalsPanel({ canSignal, recent, nameOf, send }) {
  const buttons = canSignal ? ['agree', 'clarify', 'slower', 'time'].map((kind) => el('button', {
    type: 'button', id: `signal-${kind}`, className: 'secondary', textContent: t(`signal.${kind}`),
    attrs: { 'data-focus-fallback': 'signals-heading' }, on: { click: () => send(kind) } })) : [];
  const items = recent.map((s) => el('li', {}, t('signal.from', { name: nameOf(s.by), kind: t(`signal.${s.kind}`) })));
  // The buttons go when the review ends; focus then goes to the heading (never to <body>).
  return [el('h2', { id: 'signals-heading', textContent: t('signal.heading'), attrs: { tabindex: '-1' } }),
    el('div', { className: 'row' }, buttons), el('ul', { className: 'signals', attrs: { 'aria-label': t('signal.recent') } }, items)];
}

/** The shortcuts panel's heading alone (the section's `aria-labelledby` names it even when hidden). */
export function shortcutsHeading() {
  return el('h2', { id: 'keys-heading', textContent: t('keys.heading') });
}

/** The shortcuts panel for `actions` (keys of `SHORTCUT_KEYS`), each with every chord that does it. */
export function shortcutsPanel(actions) {
  // An arrow is named in words ("Right arrow"): a screen reader may say nothing for "→".
  const keyName = (k) => (k.startsWith('Arrow') ? t(`keys.${k}`) : k);
  const combo = (k) => [el('kbd', {}, 'Alt'), '+', el('kbd', {}, 'Shift'), '+', el('kbd', {}, keyName(k))];
  const combos = (keys) => keys.flatMap((k, i) => (i === 0 ? combo(k) : [t('keys.or'), ...combo(k)]));
  return [shortcutsHeading(),
    el('dl', { className: 'keys' }, actions.map((action) => [el('dt', {}, combos(SHORTCUT_KEYS[action])), el('dd', {}, t(`keys.${action}`))])),
    el('p', { className: 'meta' }, t('keys.note'))];
}
