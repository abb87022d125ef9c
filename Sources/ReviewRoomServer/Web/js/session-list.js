// The console's session list, pure: sessions grouped by where they stand and a filter over
// their titles and host schools. A school trust's console gathers a year of reviews; one list in
// creation order made the review about to start hard to find among the ended ones.

/** Group keys in the order they are shown; `t('sessions.group.<key>')` names each. */
export const SESSION_GROUPS = ['running', 'due', 'upcoming', 'ended'];

const GROUP_OF_STATUS = { live: 'running', paused: 'running', lobby: 'upcoming', scheduled: 'upcoming', ended: 'ended' };

/**
 * `sessions` (as the API lists them) in groups: running now (live or paused), due to start (not
 * started, its start at or before `now`, ms), upcoming (lobby open or scheduled), ended. Each
 * group is ordered by start: the running, due and upcoming ones soonest first, the ended ones
 * latest first. Empty groups are left out. `[{ key, sessions }]`. A review eleven minutes past
 * its start was listed under "Upcoming" (a visual audit).
 */
export function groupSessions(sessions, now = Date.now()) {
  const groups = new Map(SESSION_GROUPS.map((key) => [key, []]));
  for (const session of sessions || []) {
    const group = GROUP_OF_STATUS[session.status] || 'upcoming';
    groups.get(group === 'upcoming' && Date.parse(session.startsAt) <= now ? 'due' : group).push(session);
  }
  const byStart = (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || String(a.title).localeCompare(String(b.title));
  groups.get('running').sort(byStart);
  groups.get('due').sort(byStart);
  groups.get('upcoming').sort(byStart);
  groups.get('ended').sort((a, b) => byStart(b, a));
  return SESSION_GROUPS.map((key) => ({ key, sessions: groups.get(key) })).filter((g) => g.sessions.length > 0);
}

/** Text folded for matching: any case, accents and other marks ignored ("Ecole" finds "École"). */
export function foldForSearch(text) {
  return String(text || '').normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * True when every word of `query` is in the session's title, its host school or `shownAs` (words
 * the list shows beside them, such as that it is a workshop). An empty query matches all.
 */
export function sessionMatches(session, query, shownAs = '') {
  const haystack = foldForSearch(`${session.title} ${session.hostSchool} ${shownAs}`);
  return foldForSearch(query).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}
