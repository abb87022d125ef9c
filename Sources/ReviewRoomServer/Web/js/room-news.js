// What a screen reader hears about the room when more than one event has to be told at once:
// pure functions from the room as it was last said to the room now (no DOM, no I/O).
import { t } from './strings.js';
import { sentences } from './announcer.js';
import { spokenDuration } from './timefmt.js';
import { handNews, speakerNews, turnLengthNews } from './floor-news.js';

/**
 * The sentence for the shown question, or null when nothing about it changed: said when another
 * question is shown or the shown one is reworded, and when it is hidden — not again when only
 * another question is marked discussed or added (`prompts.changed` carries the whole deck).
 * `before` and `after` are `{id, text}` or null.
 */
export function questionNews(before, after) {
  if (after && (after.id !== before?.id || after.text !== before?.text)) return t('announce.question', { text: after.text });
  if (!after && before) return t('announce.questionHidden');
  return null;
}

/**
 * What changed while the page was away, as the sentences said once after a resume's replay
 * (instead of one per replayed event): `{ urgent, polite }`. `before` and `after` are
 * `{phase, status, floor, question}`; `who` is as for `handNews`, plus `phaseTitle(index)` and
 * `turnLeftSec` (the running turn's time left now, or null). Timed events that are over (a
 * one-minute warning, a time-up, a turn's end) are not said: the page shows where the clock is
 * now. A speaker whose turn's end moved meanwhile (a pause and resume, a new length) hears what
 * is left of it, as they would have live; one given the floor meanwhile for a timed turn that is
 * already over hears that too ("You have the floor" alone sent her to speak after her time), and one
 * whose timed turn is still running hears how long is left of it ("You have the floor, 1 minute
 * 20 seconds left"). One given the floor meanwhile and no longer speaking (`who.hadFloorMeanwhile`)
 * hears that the turn came and went.
 */
export function catchUpNews(before, after, who) {
  const polite = [];
  const urgent = [];
  if (after.phase !== before.phase) polite.push(t('announce.phase', { phase: who.phaseTitle(after.phase) }));
  if (after.status !== before.status && (after.phase === before.phase || after.status !== 'live')) {
    polite.push(t(`announce.status.${after.status}`));
  }
  // Hands a phase move cleared meanwhile are said as cleared, not lowered; after the end, not at all.
  const reset = after.status === 'ended' ? 'end' : after.phase !== before.phase ? 'move' : null;
  const speaker = speakerNews(before.floor, after.floor, { ...who, reset });
  const overAlready = after.floor?.speaker === who.me && typeof who.turnLeftSec === 'number' && who.turnLeftSec <= 0;
  const givenMe = speaker && after.floor?.speaker === who.me;
  if (speaker && overAlready) urgent.push(t('announce.yourFloorTurnOver'));
  // Given the floor meanwhile for a timed turn: what is left of it (the turn's whole length would be stale).
  else if (givenMe && who.turnLeftSec > 0) urgent.push(t('announce.yourFloorLeft', { time: spokenDuration(Math.max(1, Math.round(who.turnLeftSec))) }));
  else if (speaker?.urgent) urgent.push(speaker.text);
  else if (speaker) polite.push(speaker.text);
  // Given the floor and over again while away: nothing else says so (before and after, someone
  // else spoke). It says why the hand came down, and what to do: last, instead of "Your hand was lowered".
  const floorMissed = who.hadFloorMeanwhile && before.floor?.speaker !== who.me && after.floor?.speaker !== who.me;
  const hands = handNews(before.floor, after.floor, { ...who, reset });
  polite.push(...(floorMissed ? hands.filter((text) => text !== t('announce.handLowered')) : hands));
  const turnLength = turnLengthNews(before.floor, after.floor, who, who.turnLeftSec ?? null);
  if (turnLength) polite.push(turnLength);
  const question = questionNews(before.question, after.question);
  if (question) polite.push(question);
  if (floorMissed) polite.push(t('announce.floorMissed'));
  return { urgent, polite };
}

/**
 * Signals that came within a moment of each other, said as one message grouped by kind in the
 * order they came ("Asha and Ben: Agree. Cy: Slower, please"), or null for none. `signals` are
 * `{by, kind}`; a person is named once per kind.
 */
export function signalNews(signals, nameOf) {
  const byKind = new Map();
  for (const { by, kind } of signals) {
    if (!byKind.has(kind)) byKind.set(kind, []);
    const names = byKind.get(kind);
    if (!names.includes(by)) names.push(by);
  }
  if (byKind.size === 0) return null;
  const list = new Intl.ListFormat(undefined, { type: 'conjunction' });
  return [...byKind].map(([kind, ids]) => t('signal.from', { name: list.format(ids.map(nameOf)), kind: t(`signal.${kind}`) })).join('. ');
}

/**
 * The sentence for a phase made longer or shorter (`clock.extend`: its `durationSec` changed
 * while the phase and the clock's status stayed), or null: "5 minutes added to Evidence".
 */
export function extensionNews(beforeSec, afterSec, phase) {
  if (typeof beforeSec !== 'number' || typeof afterSec !== 'number' || beforeSec === afterSec) return null;
  // A phase shortened past its end stops at time-up: the change is then fractional
  // (52.972 s, even 49.656000000000006 s was read out digit by digit).
  const time = spokenDuration(Math.max(1, Math.abs(afterSec - beforeSec)));
  return t(afterSec > beforeSec ? 'announce.extended' : 'announce.shortened', { time, phase });
}

/**
 * What Alt+Shift+O says (the time left, without leaving the note): the phase and its time left or
 * over, whether the clock is paused or only last known (`stale`), and for the speaker of a timed
 * turn, the turn's time, each in whole seconds as the countdown shows them. `startText` holds the
 * lines shown before the start ("Starts at 09:30", "09:30 your time · in 5 min").
 * `remainingSec` and `turnSec` (null without a timed turn of theirs) as the model gives them.
 */
export function timeLeftNews({ clock, phaseTitle, remainingSec, turnSec, startText, stale }) {
  const status = clock?.status;
  if (status === 'ended') return t('timeLeft.ended');
  if (status !== 'live' && status !== 'paused') return sentences([t('timeLeft.notStarted'), ...(startText ?? [])]);
  // Whole seconds as the countdown on screen shows them (up, while time is left): "0:01 left" is "1 second".
  const shown = (seconds) => Math.max(0, Math.ceil(seconds - 1e-9));
  const phase = remainingSec >= 0
    ? t('timeLeft.phase', { phase: phaseTitle, time: spokenDuration(shown(remainingSec)) })
    : t('timeLeft.phaseOver', { phase: phaseTitle, time: spokenDuration(shown(-remainingSec)) });
  const parts = [stale ? t('timeLeft.lastKnown') : null, phase, status === 'paused' ? t('timeLeft.paused') : null,
    turnSec == null ? null : turnSec > 0 ? t('timeLeft.turn', { time: spokenDuration(shown(turnSec)) }) : t('timeLeft.turnOver')];
  return parts.filter(Boolean).join(' ');
}
