// Formatting of durations and instants for the pages.
import { t } from './strings.js';

/** "m:ss" (or "h:mm:ss") of a non-negative number of seconds, rounded up so 0:00 means time is up. */
export function formatDuration(seconds) {
  const total = Math.max(0, Math.ceil(seconds - 1e-9));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * "m:ss" (or "h:mm:ss") of time spent, to the nearest second as the review record gives it: a
 * speaking time rounded up like a countdown read 0:13 on the page and 0:12 in the record.
 */
export function formatElapsed(seconds) {
  return formatDuration(Math.round(Math.max(0, seconds)));
}

/** A countdown text: "12:03 left" or "+1:20 overtime". */
export function formatCountdown(remainingSec) {
  if (remainingSec >= 0) return t('clock.left', { time: formatDuration(remainingSec) });
  return t('clock.overtime', { time: formatDuration(-remainingSec) });
}

/** A spoken form for screen readers ("12 minutes left"). */
export function spokenMinutes(remainingSec) {
  const minutes = Math.max(0, Math.round(remainingSec / 60));
  return t(minutes === 1 ? 'clock.oneMinute' : 'clock.minutes', { n: minutes });
}

/**
 * A length in words for screen readers, to the nearest second: "53 seconds", "1 minute 30
 * seconds", "2 minutes", "1 hour 5 minutes" ("0:53" is read as a time of day, and a raw
 * 52.972 digit by digit).
 */
export function spokenDuration(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600), m = Math.floor((total % 3600) / 60), s = total % 60;
  const parts = [];
  if (h) parts.push(t(h === 1 ? 'clock.oneHour' : 'clock.hours', { n: h }));
  if (m) parts.push(t(m === 1 ? 'clock.oneMinute' : 'clock.minutes', { n: m }));
  if (s || !parts.length) parts.push(t(s === 1 ? 'clock.oneSecond' : 'clock.seconds', { n: s }));
  return parts.join(' ');
}

/**
 * A phase's planned length for the agenda list: "20 min", or with its seconds when it has some
 * ("1 min 30 s", "45 s"). Rounded to minutes, a 90 s phase read "2 min" and a 70 s one "1 min",
 * while the record said 1:30 and 1:10.
 */
export function agendaLength(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const m = Math.floor(total / 60), s = total % 60;
  if (!s) return t('agenda.minutes', { n: m });
  return m ? t('agenda.minutesSeconds', { m, s }) : t('agenda.seconds', { s });
}

/** An instant in a time zone, e.g. "Tuesday 1 December 2026, 09:30 GMT". */
export function formatInstant(iso, timeZone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle cannot be combined with timeZoneName, so the fields are named one by one.
  // Hours as the time of day shows them ("9:15 AM", not "09:15 AM" here and "9:15 AM" there).
  const options = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date); // an unknown zone name: the browser's own
  }
}

/**
 * The time of day of an instant in a time zone, with the zone's name, e.g. "09:30 GMT": the
 * session's zone may not be the reader's (a partner school abroad, a laptop set to UTC).
 */
export function formatTimeOfDay(iso, timeZone) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // timeStyle cannot be combined with timeZoneName, so the fields are named one by one.
  const options = { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date); // an unknown zone name: the browser's own
  }
}

/** `fields` of `date` formatted in `timeZone` (the reader's own when unknown or undefined). */
function formatIn(date, timeZone, fields) {
  try {
    return new Intl.DateTimeFormat(undefined, { ...fields, timeZone: timeZone || undefined }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, fields).format(date);
  }
}

/** The words for a span of whole minutes (1 or more), with the catalogue keys in `keys` (`minutes`, `hours`, `hoursMinutes`, `days`). */
function minutesInWords(minutes, keys) {
  if (minutes < 60) return t(keys.minutes, { m: minutes });
  if (minutes < 48 * 60) {
    const h = Math.floor(minutes / 60), m = minutes % 60;
    return m ? t(keys.hoursMinutes, { h, m }) : t(keys.hours, { h });
  }
  return t(keys.days, { d: Math.floor(minutes / 1440) });
}

const UNTIL = { minutes: 'clock.inMinutes', hours: 'clock.inHours', hoursMinutes: 'clock.inHoursMinutes', days: 'clock.inDays' };
const AGO = { minutes: 'clock.minutesAgo', hours: 'clock.hoursAgo', hoursMinutes: 'clock.hoursMinutesAgo', days: 'clock.daysAgo' };

/**
 * How long until an instant `ms` away, in words: "in 21 h 38 min", "in 4 min", "in under a
 * minute", "in 3 days"; '' once it has come.
 */
export function timeUntil(ms) {
  if (!(ms > 0)) return '';
  if (ms < 60000) return t('clock.inUnderAMinute');
  return minutesInWords(Math.ceil(ms / 60000), UNTIL);
}

/**
 * How long ago an instant `ms` back was, in words: "16 min ago", "1 h 5 min ago", "2 days ago";
 * '' under a minute (a start just passed is not yet late).
 */
export function timeSince(ms) {
  return ms >= 60000 ? minutesInWords(Math.floor(ms / 60000), AGO) : '';
}

/**
 * A session's start before it has started, in parts for the lobby and the not-open page:
 * `when`, the time in the session's zone with its name, and the date too unless it is the
 * same day there as `nowMs` (a lobby may open a day early, and "9:30 AM" alone was tomorrow in
 * Tokyo but today in Los Angeles); `local`, the same instant in the reader's own zone when it
 * reads differently there ("Wed 4:30 PM your time"), else ''; `until`, ``timeUntil``; `ago`,
 * ``timeSince`` once the start is a minute or more past and nobody has started the review
 * (reviewers waiting in the lobby read "Starts at 1:14 PM" at 1:30 and wondered whether they
 * had the wrong time). Reviewers from a partner school abroad had to convert the host's time by hand.
 */
export function startParts(iso, timeZone, nowMs, readerZone = undefined) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { when: iso, local: '', until: '', ago: '' };
  const day = { year: 'numeric', month: '2-digit', day: '2-digit' };
  const sameDay = formatIn(date, timeZone, day) === formatIn(new Date(nowMs), timeZone, day);
  const when = sameDay ? formatTimeOfDay(iso, timeZone)
    : formatIn(date, timeZone, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });
  const wall = { weekday: 'short', hour: 'numeric', minute: '2-digit' };
  const theirs = formatIn(date, readerZone, wall);
  const local = theirs === formatIn(date, timeZone, wall) ? '' : t('clock.yourTime', { time: theirs });
  return { when, local, until: timeUntil(date.getTime() - nowMs), ago: timeSince(nowMs - date.getTime()) };
}

/** The UTC instant (ISO string) of a wall-clock date and time in a time zone (``zonedTime``). */
export function zonedToUTC(dateText, timeText, timeZone) {
  return zonedTime(dateText, timeText, timeZone).iso;
}

/**
 * The UTC instant of a wall-clock date and time in a time zone, as `{iso, adjusted}`. Around a
 * clock change one rule holds in every zone, RFC 5545's (and Temporal's "compatible"): a time
 * the clocks skip (spring forward) moves later by the jump, `adjusted: 'skipped'`; a time that
 * happens twice (fall back) is the first, `adjusted: 'twice'`; otherwise `adjusted` is null. A
 * probe saw a skipped time move later in London but earlier in New York, and a repeated one
 * take the first in one zone and the second in another.
 */
export function zonedTime(dateText, timeText, timeZone) {
  const [y, mo, d] = dateText.split('-').map(Number);
  const [h, mi] = timeText.split(':').map(Number);
  const wall = utcWall(y, mo, d, h, mi);
  // A half-typed date or time: no instant (toISOString would throw).
  if (Number.isNaN(wall)) return { iso: '', adjusted: null };
  // The offsets a day either side: around a change, the one before it and the one after.
  const before = offsetAt(wall - 86400000, timeZone), after = offsetAt(wall + 86400000, timeZone);
  const fits = (instant) => instant + offsetAt(instant, timeZone) === wall;
  const candidates = [...new Set([wall - before, wall - after])].filter(fits).sort((a, b) => a - b);
  if (candidates.length) return { iso: new Date(candidates[0]).toISOString(), adjusted: candidates.length > 1 ? 'twice' : null };
  return { iso: new Date(wall - before).toISOString(), adjusted: 'skipped' };
}

/** The wall-clock {date: 'YYYY-MM-DD', time: 'HH:MM'} of a UTC instant in a time zone. */
export function utcToZoned(iso, timeZone) {
  const instant = Date.parse(iso);
  const local = new Date(instant + offsetAt(instant, timeZone));
  const p = (n) => String(n).padStart(2, '0');
  return {
    date: `${String(local.getUTCFullYear()).padStart(4, '0')}-${p(local.getUTCMonth() + 1)}-${p(local.getUTCDate())}`,
    time: `${p(local.getUTCHours())}:${p(local.getUTCMinutes())}`,
  };
}

/** The zone's offset from UTC in milliseconds at an instant. */
function offsetAt(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUTC = utcWall(get('year'), get('month'), get('day'), get('hour') % 24, get('minute'), get('second'));
  return asUTC - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock reading would be in UTC (`month` from 1). Not `Date.UTC` alone: it
 * reads years 0–99 as 1900–1999, so a start typed in year 0050 was stored as 1950.
 */
function utcWall(year, month, day, hour, minute, second = 0) {
  const date = new Date(Date.UTC(2000, 0, 1, hour, minute, second));
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}
