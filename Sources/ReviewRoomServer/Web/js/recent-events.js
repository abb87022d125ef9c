// What the console needs to tell what one of its own commands did: the recent `clock.changed`,
// `floor.changed` and `prompts.changed` events, each with the value it replaced. An ack names only the seq of the
// last event its command caused (PROTOCOL.md §3.2), so the events are found by seq.

/**
 * Who made an event: the participant id in its envelope's `by` (a ReviewRoom addition to
 * PROTOCOL.md, in the daemon's LiveSessions article), or null for one the server made by itself
 * (time-up, a round moving on), which carries no `by`.
 */
export function byOf(event) {
  return typeof event?.by === 'string' ? event.by : null;
}

/** Whether kept event `e` moved the room to another phase. */
export const isPhaseMove = (e) => e.name === 'clock.changed' && !!e.before && !!e.after && e.before.phase !== e.after.phase;

/** Whether kept event `e` gave someone new the floor. */
export const isNewSpeaker = (e) => e.name === 'floor.changed' && !!e.after?.speaker && e.after.speaker !== e.before?.speaker;

/** How many recent events are kept. */
export const KEPT_EVENTS = 40;

/** The recent clock, floor and prompts events of one live page's model. */
export class RecentEvents {
  constructor(model, connection) {
    this.model = model;
    this.connection = connection;
    this.clock = null;
    this.floor = null;
    this.prompts = null;
    /** `{seq, name, before, after, at, by}`, oldest first; `by` as `byOf` gives it. */
    this.events = [];
    /** Acks whose events have not been followed yet: `{seq, resolve}`. */
    this.waiting = [];
    /** The last seq followed (the welcome's, or the last event's). */
    this.lastSeq = 0;
  }

  /** Follows one model change (subscribe it before anything that reads this). */
  observe(change) {
    const s = this.model.session;
    if (!s) return;
    if (change.kind === 'welcome') {
      this.clock = s.clock;
      this.floor = s.floor;
      this.prompts = s.prompts;
      this.events = [];
      this.reached(this.connection.seq);
      return;
    }
    const event = change.event;
    if (change.kind !== 'event' || !event) return;
    if (event.name === 'clock.changed') {
      this.keep(event, this.clock, event.data?.clock);
      this.clock = event.data?.clock;
    } else if (event.name === 'floor.changed') {
      this.keep(event, this.floor, event.data?.floor);
      this.floor = event.data?.floor;
    } else if (event.name === 'prompts.changed') {
      this.keep(event, this.prompts, event.data?.prompts);
      this.prompts = event.data?.prompts;
    } else if (event.name === 'session.changed' && event.data?.prompts !== undefined) {
      this.prompts = event.data.prompts;
    }
    this.reached(event.seq);
  }

  keep(event, before, after) {
    this.events.push({ seq: event.seq, name: event.name, before, after, at: event.at, by: byOf(event) });
    if (this.events.length > KEPT_EVENTS) this.events.shift();
  }

  reached(seq) {
    this.lastSeq = seq;
    this.waiting = this.waiting.filter((w) => (seq >= w.seq ? (w.resolve(), false) : true));
  }

  /** Resolves once the events up to `seq` have been followed (at once if they have). */
  seen(seq) {
    if (this.lastSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push({ seq, resolve }));
  }

  /**
   * The `name` event with this seq, once followed, if it came after `sentAfter` (the last seq
   * followed when the command was sent: a command that changed nothing is acked with the current
   * seq, whose event is then someone else's), else null.
   */
  async at(seq, name, sentAfter = -1) {
    await this.seen(seq);
    return this.events.find((e) => e.seq === seq && e.name === name && e.seq > sentAfter) ?? null;
  }

  /** The kept `name` events with a seq after `after` and before `before`, oldest first. */
  between(after, before, name) {
    return this.events.filter((e) => e.seq > after && e.seq < before && e.name === name);
  }

  /**
   * Who made the latest kept event that `matches` (`{seq, name, before, after}`), as `byOf` says;
   * undefined when none matching is kept.
   */
  lastBy(matches) {
    return this.last(matches)?.by;
  }

  /** The latest kept event that `matches`, or undefined. */
  last(matches) {
    for (let i = this.events.length - 1; i >= 0; i -= 1) if (matches(this.events[i])) return this.events[i];
    return undefined;
  }

  /** Lets every waiting caller go (the page is leaving). */
  stop() {
    for (const w of this.waiting) w.resolve();
    this.waiting = [];
  }
}
