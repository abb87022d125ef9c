// The order of the round the facilitator is about to start: who takes part, top to bottom.
import { el, repeatedClick } from './dom.js';
import { t } from './strings.js';

/** The focus key shared by "Start a round" and "Stop the round" (live-console.js). */
const ROUND_CONTROL = 'control-round';

const SPEAKING_ROLES = ['reviewer', 'host', 'facilitator'];
// The server's default order: reviewers, then hosts; facilitators come last, offered unticked
// (as is everyone offline).
const ROLE_RANK = { reviewer: 0, host: 1, facilitator: 2 };

/** A round's speaking order as the facilitator arranges it before "Start a round". */
export class RoundOrder {
  constructor() {
    /** `[{id, included}]`, in speaking order. */
    this.entries = [];
    // Until the facilitator ticks or moves someone, the list follows presence (present first).
    this.arranged = false;
    // Folded until opened (three controls a person made the console a long walk with the Tab
    // key); once opened it stays open across redraws.
    this.open = false;
  }

  /** Brings the list up to date with the session's people and who is online. */
  sync(participants, online) {
    const speakers = participants.filter((p) => SPEAKING_ROLES.includes(p.role));
    // Someone offline is offered unticked: ticked by default, a round gave the floor to a reviewer
    // who never joined, the room waited in silence, and the record credited them with the turn.
    const fresh = (p) => ({ id: p.id, included: p.role !== 'facilitator' && online.has(p.id) });
    if (!this.arranged) {
      const invited = new Map(speakers.map((p, i) => [p.id, i]));
      const present = (p) => (online.has(p.id) ? 0 : 1);
      const offered = (p) => (p.role === 'facilitator' ? 1 : 0);
      const sorted = [...speakers].sort((a, b) => offered(a) - offered(b) || present(a) - present(b)
        || ROLE_RANK[a.role] - ROLE_RANK[b.role] || invited.get(a.id) - invited.get(b.id));
      this.entries = sorted.map(fresh);
      return;
    }
    const ids = new Set(speakers.map((p) => p.id));
    this.entries = this.entries.filter((e) => ids.has(e.id));
    for (const p of speakers) if (!this.entries.some((e) => e.id === p.id)) this.entries.push(fresh(p));
  }

  /** The ids of the ticked people, in order (what `round.start` sends as `order`). */
  order() { return this.entries.filter((e) => e.included).map((e) => e.id); }

  /** Moves the person at `index` by `by` places (−1 up, +1 down). */
  move(index, by) {
    const to = index + by;
    if (to < 0 || to >= this.entries.length) return;
    const [entry] = this.entries.splice(index, 1);
    this.entries.splice(to, 0, entry);
    this.arranged = true;
  }

  /**
   * Puts the people who have spoken least first (`spokenSec(id)`, seconds), keeping the present
   * order among equals: a round that gives the quiet ones the first word.
   */
  leastSpokenFirst(spokenSec) {
    const place = new Map(this.entries.map((e, i) => [e.id, i]));
    this.entries = [...this.entries].sort((a, b) => spokenSec(a.id) - spokenSec(b.id) || place.get(a.id) - place.get(b.id));
    this.arranged = true;
  }

  /** Ticks or unticks a person. */
  include(id, included) {
    const entry = this.entries.find((e) => e.id === id);
    if (entry) entry.included = included;
    this.arranged = true;
  }

  /**
   * The order, folded under a summary that says how many are ticked: a fieldset with a checkbox
   * and Up/Down per person and "Least speaking time first". `changed` is called after every
   * change (the console redraws); `disabled` when no round can start; `now()` is the server's
   * time in ms (the speaker's turn so far counts); `say(text)` announces a move ("Cai moved to
   * 1 of 4": nothing was said, and the list is not a live region).
   */
  render(model, { disabled, changed, now, say = () => {} }) {
    const last = this.entries.length - 1;
    const items = this.entries.map((entry, index) => {
      const person = (model.session?.participants || []).find((p) => p.id === entry.id);
      const name = model.nameOf(entry.id);
      const presence = t(model.online.has(entry.id) ? 'control.present' : 'control.absent');
      const role = t(`role.${person?.role}`);
      // Every part of the order goes when a round starts (a co-facilitator's, say): focus then goes
      // to "Stop the round" (its focus key), not to the page.
      const box = el('input', { type: 'checkbox', id: `round-include-${entry.id}`, checked: entry.included, disabled,
        attrs: { 'data-focus-fallback': ROUND_CONTROL },
        on: { change: (e) => { this.include(entry.id, e.target.checked); changed(); } } });
      const move = (by, key) => el('button', { type: 'button', className: 'secondary small', id: `round-${key}-${entry.id}`,
        textContent: t(`control.${key}`), disabled: disabled || (by < 0 ? index === 0 : index === last),
        // At the top (or foot) the pressed button goes disabled: focus goes to the row's checkbox,
        // where Enter pressed again does nothing. On the opposite button it moved them straight
        // back (a keyboard audit).
        attrs: { 'aria-label': t(by < 0 ? 'control.moveUp' : 'control.moveDown', { name }),
          'data-focus-fallback': `round-include-${entry.id} ${ROUND_CONTROL}` },
        on: { click: (e) => {
          if (repeatedClick(e)) return;
          this.move(index, by);
          changed();
          say(t('control.movedTo', { name, n: this.entries.findIndex((x) => x.id === entry.id) + 1, total: this.entries.length }));
        } } });
      return el('li', { className: 'order-row' },
        el('label', { className: 'check', htmlFor: box.id }, box, ' ', name, ' ', el('span', { className: 'meta' }, `${role} · ${presence}`)),
        el('span', { className: 'order-moves' }, move(-1, 'up'), move(1, 'down')));
    });
    const sort = el('button', { type: 'button', className: 'secondary small', id: 'round-least-spoken', disabled,
      attrs: { 'data-focus-fallback': ROUND_CONTROL },
      textContent: t('control.leastSpokenFirst'),
      on: { click: (e) => {
        if (repeatedClick(e)) return;
        const at = now();
        this.leastSpokenFirst((id) => model.spokenSec(id, at));
        changed();
      } } });
    const picker = el('fieldset', { className: 'round-order-picker', id: 'control-round-order' },
      el('legend', {}, t('control.roundOrder')),
      el('p', { className: 'hint', id: 'round-order-hint' }, t('control.roundOrderHint')),
      el('ol', { className: 'order-list', attrs: { 'aria-describedby': 'round-order-hint' } }, items), sort);
    const ticked = this.entries.filter((e) => e.included).length;
    return el('details', { open: this.open, on: { toggle: (e) => { this.open = e.target.open; } } },
      el('summary', { id: 'control-round-order-summary', attrs: { 'data-focus-fallback': ROUND_CONTROL } }, t('control.roundOrderSummary', { n: ticked, total: this.entries.length })), picker);
  }
}
