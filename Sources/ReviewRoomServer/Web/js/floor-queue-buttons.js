// The console's Floor panel: its queue of hands is where a facilitator looks to see who waits
// (a first-time facilitator's walk-through), and had no button: giving the floor meant finding
// the same name again in "Hands up" at the foot of the controls. Each waiting hand's row there
// now has "Give the floor", as that list's buttons do (same command, turn length, hold and
// refusals). Its rows are kept still under a pointer (`steady-queue.js`).
import { el } from './dom.js';
import { t } from './strings.js';
import { SteadyQueue, steadyRows } from './steady-queue.js';

export class FloorQueueButtons {
  /** `live` is the `LiveConsole` whose controls' machinery (`control`, `grantFields`) the buttons use. */
  constructor(live) {
    this.live = live;
    this.steady = null;
  }

  /** Keeps the rows of the Floor panel `panel` still under a pointer; `redraw()` draws it again. */
  attach(panel, redraw) {
    this.steady = new SteadyQueue(panel, redraw);
  }

  /** The queue's rows as the panel draws them (`steadyRows`). */
  rows(queue) {
    return this.steady ? this.steady.rows(queue) : steadyRows(null, queue);
  }

  /** `row`'s button ("Give the floor", named for whom); a hand that went keeps its room, unseen. */
  button(row, rows) {
    if (!row.hand) {
      return el('button', { type: 'button', className: 'secondary placeholder', textContent: t('control.grant'), disabled: true,
        attrs: { 'aria-hidden': 'true', tabindex: '-1' } });
    }
    const live = this.live;
    const s = live.model.session || {};
    const after = rows.slice(rows.indexOf(row) + 1).find((next) => next.hand);
    // As in "Hands up": pressed here, focus goes on to the next waiting row's button (working down
    // the queue); gone by someone else's doing, to the queue's heading, so an Enter meant for
    // Asha never gives Bo the floor.
    return live.control(t('control.grant'), 'floor', 'floor.grant', live.grantFields(row.participant), {
      className: 'secondary', id: `floor-grant-${row.participant}`, focusKey: `floor-grant:${row.participant}`,
      label: t('floor.grantTo', { name: live.model.nameOf(row.participant) }),
      disabled: s.clock?.status === 'ended' || !!s.floor?.round,
      fallback: 'floor-queue-heading', pressedFallback: after ? `floor-grant:${after.participant}` : 'floor-queue-heading' });
  }
}
