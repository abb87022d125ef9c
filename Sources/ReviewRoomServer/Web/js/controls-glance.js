// The line above the console's controls that sums up the room (on a tablet the room's clock,
// floor and queue are a screen below the buttons). Pure: no DOM.
import { t } from './strings.js';
import { formatCountdown, startParts } from './timefmt.js';

/**
 * The glance line for session `s` at server time `now`: live, "2. Host context · 14:38 left ·
 * Floor: Asha · 3 hands up"; before the start, when it is due and how many of the people who
 * take part (all but displays) have joined, which is what a facilitator waits on in the lobby
 * ("Not started yet · starts 9:30 AM GMT, in 5 min · 4 of 6 joined"). `remainingSec(now)` is the
 * phase's time left, `nameOf(id)` a person's name as shown, `online` the ids online now.
 */
export function controlsGlance(s, { now, remainingSec, nameOf, online }) {
  const status = s.clock?.status;
  if (status === 'ended') return t('clock.ended');
  if (status === 'scheduled' || status === 'lobby') {
    const start = startParts(s.startsAt, s.timeZone, now);
    const due = start.ago ? t('control.glanceDue', { time: start.when, ago: start.ago })
      : t(start.until ? 'control.glanceStarts' : 'control.glanceStartsNow', { time: start.when, until: start.until });
    const people = (s.participants || []).filter((p) => p.role !== 'display');
    const joined = people.filter((p) => online.has(p.id)).length;
    return [t('control.glanceNotStarted'), due, t('control.glanceJoined', { n: joined, total: people.length })].join(' · ');
  }
  const phase = s.agenda?.[s.clock.phase];
  const speaker = s.floor?.speaker;
  const hands = (s.floor?.queue || []).length;
  return [phase ? `${s.clock.phase + 1}. ${phase.title}` : null,
    formatCountdown(remainingSec(now)) + (status === 'paused' ? ` (${t('control.glancePaused')})` : ''),
    speaker ? t('control.glanceFloor', { name: nameOf(speaker) }) : t('control.glanceNoFloor'),
    t(hands === 1 ? 'control.glanceHand' : 'control.glanceHands', { n: hands })].filter(Boolean).join(' · ');
}
