// Small pure rules the live pages share: which warning the clock shows and which shortcut a
// key press is. No DOM and no I/O, so every page applies them the same way.

/**
 * The clock's on-screen warning for a clock (PROTOCOL.md §3.2) with `remaining` seconds left:
 * `'timeUp'` at or past the end of a running or paused phase, `'oneMinute'` in the last minute
 * of a phase longer than a minute, else null (never before the start or after the end).
 */
export function clockAlert(clock, remaining) {
  if (!clock || (clock.status !== 'live' && clock.status !== 'paused')) return null;
  if (remaining <= 0) return 'timeUp';
  if (remaining <= 60 && (clock.durationSec ?? 0) > 60) return 'oneMinute';
  return null;
}

/**
 * True when a page must show the clock as only last known: the connection is lost
 * (`connectionState` 'reconnecting' or 'offline', Connection.state) while the clock ran or was
 * paused, so the facilitator may have paused, moved on or ended since. The countdown goes on
 * from what was last known (the best guess), marked as such, until the page is back.
 */
export function clockIsStale(connectionState, clock) {
  const lost = connectionState === 'reconnecting' || connectionState === 'offline';
  return lost && (clock?.status === 'live' || clock?.status === 'paused');
}

/** The clock's status line: `status.*`, or "Last known: …" while it is stale (`clockIsStale`). */
export function clockStatusText(t, clock, stale) {
  const status = t(`status.${clock?.status}`);
  return stale ? t('status.lastKnown', { status }) : status;
}

/** The letter of each shortcut, pressed with Alt+Shift. */
export const SHORTCUT_KEYS = { hand: 'H', respond: 'R', next: 'N', prev: 'P' };

/**
 * The shortcut a key press asks for ('hand', 'respond', 'next', 'prev') or null. Only
 * Alt+Shift+letter counts (WCAG 2.1.4: a single letter typed by accident, or by speech input,
 * must not act), read from the physical key so Alt's special characters on macOS do not matter.
 */
export function shortcutOf(event) {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  const letter = /^Key([A-Z])$/.exec(event.code || '')?.[1] ?? (event.key || '').toUpperCase();
  return Object.keys(SHORTCUT_KEYS).find((action) => SHORTCUT_KEYS[action] === letter) ?? null;
}
