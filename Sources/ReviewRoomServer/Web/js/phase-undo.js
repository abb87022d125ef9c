// The console's "Undo" after a phase move. A move starts the new phase's clock afresh and
// clears the floor, so a slip of the finger throws away the running phase's time. For
// UNDO_MS after a move made from this console, the controls offer to go back: `phase.goto`
// the phase left, then `clock.extend` by the difference, so it has again what it had at the
// move. Only this console (the facilitator who moved) offers it, and the offer goes (and says
// so) as soon as anything else changes the phase or gives the floor in the new one. The
// extension names the phase it is for (`phase`, a ReviewRoom extension of `clock.extend`): a
// co-facilitator's move landing between the two commands makes the server refuse it, rather
// than hand the phase's time to the next one.
import { el, repeatedClick } from './dom.js';
import { t } from './strings.js';
import { commandFailureText } from './room-view.js';
import { formatDuration } from './timefmt.js';
import { moverKey } from './movers.js';
import { isPhaseMove } from './recent-events.js';
import { visibleArea } from './personal-cue.js';
import { keyShortcuts } from './room-rules.js';
import { UNDO_EXTENSIONS, clearedByMove, extensionFor, remainingAtMove } from './phase-undo-rules.js';

/** How long the offer stays. */
export const UNDO_MS = 15000;
/** The undo offer of one live console; `owner` is the `LiveConsole` (model, send, holds, announcer, recent). */
export class PhaseUndo {
  constructor(owner) {
    this.owner = owner;
    /** The offer shown: `{from, to, remainingSec, cleared, meanwhile, mover}`, or null (`mover` as `moverOf` gives it). */
    this.offer = null;
    this.timer = null;
  }

  /**
   * Follows every model change (after `owner.recent`, before the controls are drawn): another
   * phase change withdraws the offer, and so does a turn or round begun in the new phase (going
   * back would end it, and the person speaking would hear only that their turn had ended). Said
   * politely, so whoever had the Undo in mind (or focused) knows why it went.
   */
  observe(change) {
    const session = this.owner.model.session;
    const clock = session?.clock;
    if (!this.offer || !clock) return;
    if (change.kind === 'welcome' || change.event?.name === 'clock.changed') {
      if (clock.status === 'ended') this.withdraw();
      // This console's own move (its phase slot held) replaces the offer: nothing to explain.
      else if (clock.phase !== this.offer.to && this.owner.held('phase')) this.withdraw();
      else if (clock.phase !== this.offer.to) this.withdrawSaying(t('undo.withdrawnMoved', { now: this.title(clock.phase) }));
      // Time given to or taken from the new phase (by a co-facilitator, or here) accepts the
      // move: going back dropped it, unsaid (a co-facilitation audit).
      else if (clock.durationSec !== this.offer.toDurationSec) this.withdrawSaying(t('undo.withdrawnTime', { phase: this.title(clock.phase) }));
    } else if (change.event?.name === 'floor.changed' && (session.floor?.speaker || session.floor?.round)) {
      this.withdrawSaying(t('undo.withdrawnFloor'));
    }
  }

  /** Withdraws the offer and says why. */
  withdrawSaying(text) {
    this.withdraw();
    this.owner.announcer.say(text);
  }

  /**
   * The phase move a phase command answered with `ack` made: its `clock.changed` (just before the
   * ack's seq: a move's events are `clock.changed` then `floor.changed`) and the floor it
   * cleared. Null when the command changed nothing. `sentAfter` is the last seq seen when the
   * command was sent: a `phase.goto` that changed nothing is acked with the current seq, and an
   * event seen before the send is then someone else's move, not this command's.
   */
  async moveOf(ack, sentAfter = -1) {
    if (!ack || typeof ack.seq !== 'number') return null;
    const recent = this.owner.recent;
    const clock = await recent.at(ack.seq - 1, 'clock.changed', sentAfter);
    const floor = await recent.at(ack.seq, 'floor.changed', sentAfter);
    if (!clock || !clock.before || clock.before.phase === clock.after?.phase) return null;
    return { clock, floorBefore: floor?.before ?? null };
  }

  /**
   * After this console's phase command was answered: offers to undo the move it made. `shown` is
   * the phase the console showed when the command was given: when the move started from another
   * one, someone else had moved the phase just before (two facilitators pressing Next at once
   * skip a phase), and the offer says so. `sentAfter` is the last seq seen when it was sent.
   */
  async moved(ack, shown, sentAfter = -1) {
    const move = await this.moveOf(ack, sentAfter);
    if (!move || this.owner.stopped) return;
    const { before, after, at } = move.clock;
    const remainingSec = remainingAtMove(before, after, at);
    if (remainingSec === null || this.owner.model.session?.clock?.phase !== after.phase) return;
    const meanwhile = Number.isInteger(shown) && shown !== before.phase;
    // Who had moved the room to where this move started: named in the offer's line.
    const mover = meanwhile ? this.owner.moverOf(this.owner.recent.lastBy((e) => isPhaseMove(e) && e.after.phase === before.phase)) : null;
    this.offer = { from: before.phase, to: after.phase, toDurationSec: after.durationSec, remainingSec,
      cleared: clearedByMove(move.floorBefore), meanwhile, mover };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.expire(), UNDO_MS);
    this.owner.render();
    // With a magnifier at 300 % the offer (and what it cannot bring back) sat below the screen,
    // with 15 s to find it: the least scroll that shows it. Focus stays where it was. Only when
    // not even its first line is in sight: at 1366 x 768, with its foot below the controls'
    // edge, every phase move scrolled the controls under the pointer (a visual audit).
    // Never at the cost of the focused control: with focus on a question's "Hide" far down the
    // controls, Alt+Shift+N scrolled the panel up to the offer and "Hide" out of sight, where the
    // next Enter would act on it unseen (a keyboard audit). The move is said either way.
    const offer = document.getElementById('phase-undo');
    if (offer && !firstLineInSight(offer)) scrollToKeepingFocus(offer);
    // What undo cannot bring back is said too: a screen-reader user moving on during a round
    // heard only the move and the offer, and the round was gone (a keyboard audit).
    const lost = this.lost(this.offer.cleared);
    const offered = [t('undo.offered', { phase: this.title(before.phase), time: this.amount(remainingSec), s: UNDO_MS / 1000 }), lost]
      .filter(Boolean).join(' ');
    if (meanwhile) this.owner.announcer.say(`${this.meanwhileText(this.offer)} ${offered}`, true);
    else this.owner.announcer.say(offered);
  }

  /**
   * The offer's time is over: it goes, unless focus is on it — then it waits another `UNDO_MS`
   * (WCAG 2.2.1: someone who reached it with a screen reader or at high zoom is not cut off).
   */
  expire() {
    if (document.activeElement?.closest?.('#phase-undo')) this.timer = setTimeout(() => this.expire(), UNDO_MS);
    else this.withdraw();
  }

  /** Takes the offer away (its time is over, or the phase changed). */
  withdraw() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.offer) return;
    this.offer = null;
    this.owner.render();
  }

  /**
   * Goes back: `phase.goto` the phase left, then `clock.extend` to give it its time back. Going
   * back moves the phase, which lowers every hand: with hands raised since the move (a
   * co-facilitator raising one for someone in the room), it asks first, naming them; they went
   * without a word (a co-facilitation audit). Asked, not shown in the offer, whose place on the
   * page is kept at one size (a line more moved the controls under it).
   */
  undo() {
    const offer = this.offer;
    // Not while a phase command is on its way; in the pause after its answer (meant for a
    // nervous second press of Next) an Undo is meant: it did nothing, silently (a re-audit).
    if (!offer || this.owner.holds.get('phase') === null) return Promise.resolve();
    if (this.owner.held('phase')) this.owner.endHold('phase');
    const since = (this.owner.model.session?.floor?.queue || []).map((h) => this.owner.model.nameOf(h.participant));
    if (since.length && !window.confirm(t('undo.confirmHands', { phase: this.title(offer.from),
      names: new Intl.ListFormat(undefined, { type: 'conjunction' }).format(since) }))) return Promise.resolve();
    this.withdraw();
    return this.owner.hold('phase', async () => {
      const sentAfter = this.owner.recent.lastSeq;
      const ack = await this.owner.send('phase.goto', { index: offer.from });
      if (!ack) return;
      const move = await this.moveOf(ack, sentAfter);
      const title = this.title(offer.from);
      if (!move) { this.owner.announcer.say(t('undo.nothing', { phase: title })); return; }
      if (this.owner.model.session?.clock?.phase !== offer.from) { this.owner.refused(t('undo.movedMeanwhile', { phase: title })); return; }
      const after = move.clock.after;
      const plan = extensionFor(offer.remainingSec, after.remainingSec ?? after.durationSec ?? 0);
      if (plan.seconds !== 0 && !(await this.extend(plan.seconds, offer.from))) return;
      if (plan.shortBy > 0) this.owner.refused(t('undo.short', { phase: title, time: formatDuration(plan.shortBy) }));
      else if (plan.overtimeSec > 0) this.owner.announcer.say(t('undo.doneOvertime', { phase: title, time: formatDuration(plan.overtimeSec) }));
      else this.owner.announcer.say(t('undo.done', { phase: title, time: formatDuration(offer.remainingSec) }));
    });
  }

  /**
   * The undo's `clock.extend` for phase `index` only: true when it was applied. Refused because
   * the phase moved on meanwhile, it says where the room is now and that nothing else changed.
   */
  extend(seconds, index) {
    const fields = { seconds, phase: index };
    UNDO_EXTENSIONS.add(fields);
    return this.owner.connection.command('clock.extend', fields).then(() => true, (error) => {
      const now = this.owner.model.session?.clock?.phase;
      const movedOn = error.code === 'invalid_state' && Number.isInteger(now) && now !== index;
      this.owner.refused(movedOn ? t('undo.movedOn', { phase: this.title(index), now: this.title(now) }) : commandFailureText(error));
      return false;
    });
  }

  meanwhileText(offer) {
    return t(moverKey('undo.meanwhile', offer.mover), { from: this.title(offer.from), to: this.title(offer.to), name: offer.mover?.name });
  }

  title(index) {
    const phase = this.owner.model.session?.agenda?.[index];
    return phase ? `${index + 1}. ${phase.title}` : String(index + 1);
  }

  /** "4:12 left" or "2:00 into overtime". */
  amount(seconds) {
    return seconds >= 0 ? t('undo.left', { time: formatDuration(seconds) }) : t('undo.over', { time: formatDuration(-seconds) });
  }

  /** What the move cleared that undo cannot bring back, in words, or null. */
  lost(cleared) {
    const parts = [];
    if (cleared.speaker) parts.push(t('undo.lostTurn', { name: this.owner.model.nameOf(cleared.speaker) }));
    if (cleared.round) parts.push(t('undo.lostRound'));
    if (cleared.hands) parts.push(t(cleared.hands === 1 ? 'undo.lostHand' : 'undo.lostHands', { n: cleared.hands }));
    return parts.length ? t('undo.lost', { what: parts.join(', ') }) : null;
  }

  /** The offer's line and button below the agenda controls, or null. */
  render() {
    const offer = this.offer;
    if (!offer) return null;
    const lost = this.lost(offer.cleared);
    return el('div', { className: 'undo-offer', id: 'phase-undo' },
      el('p', {}, t('undo.moved', { to: this.title(offer.to) })),
      offer.meanwhile ? el('p', { className: 'undo-meanwhile', id: 'phase-undo-meanwhile' }, this.meanwhileText(offer)) : null,
      el('button', { type: 'button', id: 'control-undo-phase', className: 'secondary',
        textContent: t('undo.button', { phase: this.title(offer.from), time: this.amount(offer.remainingSec) }),
        // Not to Next or Previous phase: Enter pressed as the offer goes must not move the phase.
        attrs: { 'data-focus-fallback': 'control-goto controls-heading', 'aria-keyshortcuts': keyShortcuts('undo'), ...this.owner.holdAttrs('phase') },
        on: { click: (e) => { if (repeatedClick(e)) return; this.undo(); } } }),
      lost ? el('p', { className: 'meta', id: 'phase-undo-lost' }, lost) : null);
  }

  /** Stops the offer's timer. */
  stop() {
    clearTimeout(this.timer);
  }
}

/**
 * Scrolls `element` into sight with the least scroll, unless that takes the focused element out
 * of sight: then every scroll is put back as it was.
 */
function scrollToKeepingFocus(element) {
  const focused = document.activeElement && document.activeElement !== document.body ? document.activeElement : null;
  const seenBefore = focused ? firstLineInSight(focused) : false;
  const panel = element.closest('.controls');
  const [x, y, panelTop] = [scrollX, scrollY, panel?.scrollTop ?? 0];
  element.scrollIntoView({ block: 'nearest' });
  if (seenBefore && !firstLineInSight(focused)) {
    if (panel) panel.scrollTop = panelTop;
    scrollTo(x, y);
  }
}

/** Whether `element`'s first line (2em of it) is inside the window and the controls' scrolled box. */
function firstLineInSight(element) {
  const box = element.getBoundingClientRect();
  const area = visibleArea();
  const panel = element.closest('.controls')?.getBoundingClientRect() ?? area;
  const line = 2 * parseFloat(getComputedStyle(element).fontSize);
  return box.top >= Math.max(area.top, panel.top) && box.top + line <= Math.min(area.bottom, panel.bottom);
}
