// File names for what the console downloads: the session's date and title, so the host school
// finds its record among its downloads ("s_hwGXryfPif-g5Wm9-record.html" said nothing).
import { utcToZoned } from './timefmt.js';

/** The longest title part of a file name, in characters. */
const TITLE_PART_MAX = 80;

/**
 * `session`'s start date (in its time zone) and title, made safe for a file name on any
 * system: path separators, the characters Windows refuses and control characters become "-",
 * runs of space and "-" fold, a leading dot goes, and the title is cut to 80 characters with
 * no space, dot or "-" left at either end. Characters as a reader sees them (grapheme clusters,
 * as on the server, DownloadFileName): a cut never halves a flag, and a mark on a refused
 * character goes with it.
 */
export function sessionFileStem(session) {
  const date = utcToZoned(session.startsAt, session.timeZone).date;
  // Format characters (a right-to-left override made `… lmth.drocer - pdf` of an .html) and
  // noncharacters go, as on the server.
  const visible = (session.title || '').normalize('NFC').replace(/[\p{Cf}\p{Noncharacter_Code_Point}]/gu, '');
  const title = [];
  for (const character of characters(visible)) {
    const kept = REFUSED.test(character) ? '-' : /^\s/u.test(character) ? ' ' : character;
    const last = title[title.length - 1];
    if ((kept === ' ' || kept === '-') && kept === last) continue;
    if (!title.length && (kept === ' ' || kept === '-' || kept === '.')) continue;
    title.push(kept);
  }
  // Trimmed after the cut: Windows drops a trailing dot, and a cut can end in one.
  const cut = title.slice(0, TITLE_PART_MAX);
  while (cut.length && [' ', '.', '-'].includes(cut[cut.length - 1])) cut.pop();
  return cut.length ? `${date} ${cut.join('')}` : `${date} ${session.id}`;
}

/** A character any file system refuses, or a control character. */
const REFUSED = /[\\/:*?"<>|\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** `text`'s characters as a reader sees them (code points where a browser lacks `Intl.Segmenter`). */
function characters(text) {
  if (typeof Intl.Segmenter !== 'function') return [...text];
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text), (part) => part.segment);
}

/** The record's file name in `format` (`md`, `html` or `json`). */
export function recordFileName(session, format) { return `${sessionFileStem(session)} - record.${format}`; }

/** The calendar file's name. */
export function calendarFileName(session) { return `${sessionFileStem(session)}.ics`; }
