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

/** Whether the review is under way: its clock running or paused (not before the start, not ended). */
export function clockRuns(clock) {
  return clock?.status === 'live' || clock?.status === 'paused';
}

/**
 * True when a page must show the clock as only last known: the connection is lost
 * (`connectionState` 'reconnecting' or 'offline', Connection.state) while the clock ran or was
 * paused, so the facilitator may have paused, moved on or ended since. The countdown goes on
 * from what was last known (the best guess), marked as such, until the page is back.
 */
export function clockIsStale(connectionState, clock) {
  const lost = connectionState === 'reconnecting' || connectionState === 'offline';
  return lost && clockRuns(clock);
}

/** The clock's status line: `status.*`, or "Last known: …" while it is stale (`clockIsStale`). */
export function clockStatusText(t, clock, stale) {
  const status = t(`status.${clock?.status}`);
  return stale ? t('status.lastKnown', { status }) : status;
}

/**
 * The keys of each shortcut, pressed with Alt+Shift: a letter (`event.code` `Key…`) or an arrow
 * (`Arrow…`). The phase moves have an arrow as well as a letter because ChromeOS keeps
 * Alt+Shift+N (notifications) and Alt+Shift+P (stylus tools) for itself; the console's own keys
 * avoid every Alt+Shift chord ChromeOS or Chrome take (A, B, I, L, M, N, P, S, T, V).
 */
export const SHORTCUT_KEYS = {
  time: ['O'], hand: ['H'], respond: ['R'], next: ['N', 'ArrowRight'], prev: ['P', 'ArrowLeft'],
  nextSpeaker: ['ArrowDown'], endTurn: ['E'], clock: ['C'], undo: ['Z'],
};

/**
 * Whether `action` acts while typing in a field, pure: only the hand's (Alt+Shift+H, +R) and the
 * time left (+O) in a shared note (`inNote`), and not on macOS (`mac`), where Option+Shift+H, +R
 * and +O type Ó, ‰ and Ø. A screen-reader reviewer taking notes went seven Shift+Tabs back to
 * "Raise hand" and then found her place in the note again (and as far to hear the countdown);
 * every other shortcut stays typing there.
 */
export function actsWhileTyping(action, { inNote, mac }) {
  return inNote && !mac && (action === 'hand' || action === 'respond' || action === 'time');
}

/** The shortcuts only the console's live controls carry out (they press its buttons). */
export const CONSOLE_SHORTCUTS = ['nextSpeaker', 'endTurn', 'clock', 'undo'];

/** `aria-keyshortcuts` for `action`: every chord, space-separated ("Alt+Shift+N Alt+Shift+ArrowRight"). */
export function keyShortcuts(action) {
  return SHORTCUT_KEYS[action].map((key) => `Alt+Shift+${key}`).join(' ');
}

/**
 * The shortcut a key press asks for (a key of `SHORTCUT_KEYS`) or null. Only Alt+Shift with a
 * letter or an arrow counts (WCAG 2.1.4: a single letter typed by accident, or by speech input,
 * must not act), read from the physical key so Alt's special characters on macOS do not matter.
 */
export function shortcutOf(event) {
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return null;
  const code = event.code || '';
  const key = /^Key([A-Z])$/.exec(code)?.[1] ?? (/^Arrow/.test(code) ? code : null)
    ?? (/^Arrow/.test(event.key || '') ? event.key : (event.key || '').toUpperCase());
  return Object.keys(SHORTCUT_KEYS).find((action) => SHORTCUT_KEYS[action].includes(key)) ?? null;
}
