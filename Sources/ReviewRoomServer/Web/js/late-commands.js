// Console commands that can land just after the server (or a co-facilitator) moved on: a
// phase that advances at time-up, a round's turn that ends, a phase moved a moment before. The
// console holds some back and says what others did, since an ack names only a seq.
import { t } from './strings.js';
import { moverKey } from './movers.js';

/**
 * From this many seconds before a deadline the server acts on by itself (the end of a phase that
 * advances, a round's turn) until OVERDUE_SEC after it, "Next phase" / "Next speaker" are not
 * sent: landing just after the server's own move, they would skip a phase or a person.
 */
const MOVES_ON_SEC = 1;
const OVERDUE_SEC = 10;

/** The late-command rules of one live console; `owner` is the `LiveConsole` (model, connection, recent, refused). */
export class LateCommands {
  constructor(owner) {
    this.owner = owner;
    /** The seqs of this console's own latest ±minutes (not someone else's change to the time). */
    this.ownExtensions = [];
  }

  /**
   * True when the server is about to move on by itself, or just has and the news is on its way:
   * the current phase advances at time-up (`'phase'`) or the round's turn ends (`'round'`) within
   * MOVES_ON_SEC, or did so less than OVERDUE_SEC ago, on a running clock.
   */
  movesOnBySelf(kind) {
    const s = this.owner.model.session;
    if (s?.clock?.status !== 'live') return false;
    const now = this.owner.connection.serverNow();
    const left = kind === 'phase'
      ? (this.owner.model.phase?.onTimeUp === 'advance' ? this.owner.model.remainingSec(now) : null)
      : (s.floor?.round ? this.owner.model.turnRemainingSec(now) : null);
    return left !== null && left <= MOVES_ON_SEC && left > -OVERDUE_SEC;
  }

  /** A control's fields: `fields()`, or null (nothing sent, `why` said) while the server moves on by itself. */
  unlessMovingOn(kind, why, fields) {
    return () => {
      if (!this.movesOnBySelf(kind)) return fields();
      this.owner.refused(t(why));
      return null;
    };
  }

  /**
   * After this console's ±minutes landed (they carry the phase shown, so they land only on it:
   * one that arrives after the phase moved on is refused, `refusal.extendMovedOn`): see
   * `extendedTwice`.
   */
  async extendLanded(ack, sentAfter, label) {
    if (!ack) return;
    this.ownExtensions = [...this.ownExtensions.slice(-9), ack.seq];
    const event = await this.owner.recent.at(ack.seq, 'clock.changed', sentAfter);
    if (event?.before) this.extendedTwice(event, sentAfter, label);
  }

  /**
   * After this console's ±minutes landed on the phase it was meant for: when a co-facilitator
   * changed the same phase's time in the moment before (both pressed "+1 min"), the phase changed
   * by both, since `clock.extend` is relative; the line says so, and how to take this one back.
   * Only the second press to land hears it.
   */
  extendedTwice(event, sentAfter, label) {
    const phase = event.before.phase;
    const theirs = this.owner.recent.between(sentAfter, event.seq, 'clock.changed')
      .filter((e) => e.before?.phase === phase && e.after?.phase === phase && !this.ownExtensions.includes(e.seq)
        && e.after.durationSec !== e.before.durationSec);
    const others = theirs.reduce((sum, e) => sum + ((e.after.durationSec ?? 0) - (e.before.durationSec ?? 0)), 0);
    if (!others) return;
    const mine = (event.after?.durationSec ?? 0) - (event.before?.durationSec ?? 0);
    const minutes = (sec) => t(sec > 0 ? 'control.extendPlus' : 'control.extendMinus', { n: Math.round(Math.abs(sec) / 6) / 10 });
    // Named when one co-facilitator made all of them ("Cy had just changed…").
    const movers = new Set(theirs.map((e) => e.by));
    const mover = movers.size === 1 ? this.owner.moverOf([...movers][0]) : null;
    this.owner.refused(t(moverKey('control.extendedTwice', mover, ['other', 'self']),
      { theirs: minutes(others), change: label, total: minutes(others + mine), name: mover?.name }));
  }
}
