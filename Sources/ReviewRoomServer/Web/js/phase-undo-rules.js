// The pure rules behind the console's "Undo" after a phase move: what the phase left had on
// its clock at the move, the `clock.extend` that gives it back after `phase.goto`, and what a
// phase move clears for good. No DOM and no I/O.

/**
 * The fields of the `clock.extend`s an Undo sends (the object given to `Connection.command`):
 * the room view says no "… taken off" for them, since the Undo says "Back to … with 4:12 left"
 * when done. The ±minutes send `phase` too, so the field no longer tells them apart.
 */
export const UNDO_EXTENSIONS = new WeakSet();

/** The widest `clock.extend` either way (PROTOCOL.md §3.2). */
export const MAX_EXTEND_SEC = 3600;

/**
 * Seconds the phase being left had at the move (negative in overtime): from its `endsAt` and
 * the move's instant (the new phase's `phaseStartedAt`, else the event's `at`) when it ran,
 * else its `remainingSec` (paused). Null when the clocks do not say.
 */
export function remainingAtMove(before, after, at) {
  if (!before || !after) return null;
  if (before.status === 'live' && before.endsAt) {
    const moved = Date.parse(after.phaseStartedAt || at);
    const ends = Date.parse(before.endsAt);
    return Number.isFinite(moved) && Number.isFinite(ends) ? (ends - moved) / 1000 : null;
  }
  return typeof before.remainingSec === 'number' ? before.remainingSec : null;
}

/**
 * The extension that makes a phase which has just been gone back to (a fresh clock with
 * `restartedSec` left) have `wantedSec` left again, in whole seconds:
 * `{seconds, shortBy, overtimeSec}`. `seconds` is 0 when nothing needs sending; `shortBy` is
 * what an extension cannot give back because it is past ±3600 s (0 when it all fits);
 * `overtimeSec` is how far into overtime the phase was (0 if it was not), which cannot come
 * back: the server never shortens a phase past its end, so the phase comes back at time-up.
 */
export function extensionFor(wantedSec, restartedSec) {
  const overtimeSec = wantedSec < 0 ? Math.round(-wantedSec) : 0;
  const wanted = Math.round(wantedSec < 0 ? 0 : wantedSec) - Math.round(restartedSec);
  const seconds = Math.max(-MAX_EXTEND_SEC, Math.min(MAX_EXTEND_SEC, wanted));
  return { seconds, shortBy: Math.abs(wanted - seconds), overtimeSec };
}

/**
 * What a phase move cleared that an undo cannot bring back, from the floor before it:
 * `{hands, speaker, round}` (the number of raised hands, the speaker's id or null, whether
 * a round was running).
 */
export function clearedByMove(floor) {
  return {
    hands: (floor?.queue || []).length,
    speaker: floor?.speaker ?? null,
    round: !!floor?.round,
  };
}
