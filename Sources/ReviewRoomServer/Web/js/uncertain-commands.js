// Console commands whose answer the connection lost: "may have gone through" was all the console
// said, and it cleared while the page was still reconnecting, so a facilitator who looked back
// after the reconnect could believe a "+1 min" had been added that never reached the server (a
// network probe). Once the page is back, this tells them which it was, where it can tell.
import { t } from './strings.js';
import { actionName } from './refusal-text.js';
import { KEPT_EVENTS } from './recent-events.js';

/** The event every command of a kind causes when it changes anything (PROTOCOL.md §3.2). */
export function eventOfCommand(type) {
  if (/^(clock|phase|session)\./.test(type)) return 'clock.changed';
  if (/^(floor|round|hand)\./.test(type)) return 'floor.changed';
  if (/^prompt\./.test(type)) return 'prompts.changed';
  return null;
}

/**
 * What to say about a command cut off in flight, once back: `replayed` when the page resumed
 * (every event since it was sent has been followed), `events` the kept events of its kind since
 * then, `complete` whether the kept events reach back to when it was sent. No such event after a
 * full replay means it changed nothing: it did not go through. Otherwise the page cannot tell
 * its own change from someone else's (events do not say who), so it asks for a look.
 */
export function uncertainText(type, fields, { replayed, events, complete }) {
  const action = commandLabel(type, fields);
  if (replayed && complete && events.length === 0) return t('control.uncertainNotApplied', { action });
  return t('control.uncertainCheck', { action });
}

/** The command as its button reads, quoted ("“+1 min”"); `actionName` for the others. */
function commandLabel(type, fields = {}) {
  if (type !== 'clock.extend' || typeof fields.seconds !== 'number') return actionName(type);
  const minutes = Math.abs(fields.seconds) / 60;
  return t('refusal.quoted', { label: t(fields.seconds > 0 ? 'control.extendPlus' : 'control.extendMinus', { n: minutes }) });
}

/** The commands of one live console cut off in flight; `owner` is the `LiveConsole` (recent, refused). */
export class UncertainCommands {
  constructor(owner) {
    this.owner = owner;
    /** `{type, fields, sentAfter}`: sent, then the connection closed before the answer. */
    this.items = [];
  }

  /** Command `type` with `fields`, sent once the events up to `sentAfter` had been followed, lost its answer. */
  lost(type, fields, sentAfter) {
    if (eventOfCommand(type)) this.items.push({ type, fields, sentAfter });
  }

  /** The page is back (`replayed`: by a resume whose replay is done; else by a fresh welcome): says what became of each. */
  settle({ replayed }) {
    if (this.items.length === 0) return;
    const recent = this.owner.recent;
    const texts = this.items.map(({ type, fields, sentAfter }) => {
      const kept = recent.events;
      const complete = kept.length < KEPT_EVENTS || (kept[0]?.seq ?? Infinity) <= sentAfter + 1;
      return uncertainText(type, fields, { replayed, complete, events: recent.between(sentAfter, Infinity, eventOfCommand(type)) });
    });
    this.items = [];
    this.owner.refused(texts.join(' '));
  }
}
