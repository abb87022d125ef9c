// The console's Floor panel gives each waiting hand a "Give the floor" button, in the queue's
// rows. A queue reflows as hands come and go (a hand granted or lowered takes its row with it, a
// direct response goes in above the plain hands), and a row's button would then slide under a
// pointer aimed at the row below: the click meant for Bo gave Cy the floor. So while a pointer is
// over the panel its rows stay where they are: a hand that went keeps its row (saying why, with
// no button), and a new hand is added at the foot with its real place in words. Once the pointer
// leaves, the queue is drawn in its order again.

/**
 * The rows to draw, pure: `shown` is the participants' ids in the order last drawn (null for the
 * queue's own order), `queue` the floor's hands. Each row is `{ participant, hand, place }`:
 * `hand` null for a hand no longer up (its row kept), `place` its 1-based place in the queue.
 */
export function steadyRows(shown, queue) {
  const places = new Map(queue.map((hand, index) => [hand.participant, { hand, place: index + 1 }]));
  const kept = (shown ?? []).map((participant) => ({ participant, hand: null, place: null, ...places.get(participant) }));
  const keptIds = new Set(kept.map((row) => row.participant));
  const added = queue.filter((hand) => !keptIds.has(hand.participant))
    .map((hand) => ({ participant: hand.participant, ...places.get(hand.participant) }));
  return [...kept, ...added];
}

/** The rows of `panel`'s queue, held in place while a pointer is over `panel`. */
export class SteadyQueue {
  /** `redraw()` draws the panel again (called when the pointer leaves and its rows may reflow). */
  constructor(panel, redraw) {
    this.held = false;
    this.shown = [];
    panel.addEventListener('pointerenter', () => { this.held = true; });
    panel.addEventListener('pointerleave', () => {
      this.held = false;
      redraw();
    });
  }

  /** The rows to draw for `queue` now (`steadyRows`), remembered as the ones shown. */
  rows(queue) {
    const rows = steadyRows(this.held ? this.shown : null, queue);
    this.shown = rows.map((row) => row.participant);
    return rows;
  }
}
