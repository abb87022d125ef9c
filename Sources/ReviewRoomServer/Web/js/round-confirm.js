// Asking before a phase move ends the round under way: from the console's buttons and keys, and
// from a facilitator's room page keys (a round audit found the room page moving on unasked).
import { t } from './strings.js';

/**
 * True unless a round is under way in `model`'s session and the facilitator, asked, keeps it: a
 * phase move ends the round, which the console's Undo cannot bring back (it was only said after
 * the move). The move sent after an OK carries the phase shown when it was pressed, so a room
 * moved meanwhile refuses it. `type` (`phase.next`/`phase.prev`, if known): a move that cannot
 * happen (Previous at the first phase, Next at the last) asks nothing, as the server refuses it
 * and the round goes on (it asked, then said "already the first phase"; an audit).
 */
export function phaseMoveMayEndRound(model, type = null) {
  const s = model.session;
  const round = s?.floor?.round;
  if (!round) return true;
  const phase = s.clock?.phase ?? 0;
  if ((type === 'phase.prev' && phase <= 0) || (type === 'phase.next' && phase >= (s.agenda || []).length - 1)) return true;
  return window.confirm(t('control.confirmMoveEndsRound', { n: (round.index ?? 0) + 1, total: (round.order || []).length }));
}
