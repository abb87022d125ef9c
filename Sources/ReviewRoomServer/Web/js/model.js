// The session as the page knows it: the welcome snapshot with every event applied
// in order (PROTOCOL.md §3.2), plus who is online from `presence`.

export class SessionModel {
  constructor() {
    this.session = null;
    this.you = null;
    this.online = new Set();
    this.listeners = new Set();
  }

  /** Calls `listener(change)` after every change; change is {kind, event?}. Returns a function that unsubscribes. */
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(change) { for (const listener of this.listeners) listener(change); }

  /** Replaces everything with a welcome's snapshot. */
  welcome(msg) {
    this.session = msg.session;
    this.you = msg.you;
    this.online = new Set((msg.session.participants || []).filter((p) => p.online).map((p) => p.id));
    this.notify({ kind: 'welcome' });
  }

  /** Applies one event (`note.op` is left to the notes view). */
  apply(event) {
    const s = this.session;
    if (!s) return;
    const data = event.data || {};
    switch (event.name) {
      case 'clock.changed': s.clock = data.clock; break;
      case 'floor.changed': s.floor = data.floor; break;
      case 'prompts.changed': s.prompts = data.prompts; break;
      case 'participant.changed':
        s.participants = data.participants || [];
        break;
      case 'session.changed':
        for (const key of ['title', 'focus', 'startsAt', 'timeZone', 'agenda', 'prompts']) {
          if (data[key] !== undefined) s[key] = data[key];
        }
        break;
      case 'note.op': {
        const note = (s.notes || []).find((n) => n.id === data.note);
        if (note) note.rev = Math.max(note.rev, data.rev);
        break;
      }
      default: break;
    }
    this.notify({ kind: 'event', event });
  }

  /** Applies a `presence` message. */
  presence(online) {
    this.online = new Set(online || []);
    this.notify({ kind: 'presence' });
  }

  /** The participant with this id, if known. */
  participant(id) { return (this.session?.participants || []).find((p) => p.id === id) || null; }

  /** A display name for a participant id. */
  nameOf(id) { return this.participant(id)?.name ?? id; }

  /** The current phase object, if any. */
  get phase() {
    const s = this.session;
    if (!s || !s.clock || !Array.isArray(s.agenda)) return null;
    return s.agenda[s.clock.phase] ?? null;
  }

  /** The prompt shown to everyone, if any. */
  get currentPrompt() {
    const p = this.session?.prompts;
    if (!p || !p.current) return null;
    return (p.deck || []).find((q) => q.id === p.current) ?? null;
  }

  /** Seconds left in the phase (negative in overtime), at server time `nowMs`. */
  remainingSec(nowMs) {
    const clock = this.session?.clock;
    if (!clock) return 0;
    if (clock.endsAt) return (Date.parse(clock.endsAt) - nowMs) / 1000;
    return typeof clock.remainingSec === 'number' ? clock.remainingSec : clock.durationSec ?? 0;
  }

  /** Seconds left in the current turn, or null without a timed turn. */
  turnRemainingSec(nowMs) {
    const floor = this.session?.floor;
    if (!floor || !floor.turnEndsAt) return null;
    return (Date.parse(floor.turnEndsAt) - nowMs) / 1000;
  }

  /** Seconds `id` has spoken at server time `nowMs`: the finished turns plus the turn in progress. */
  spokenSec(id, nowMs) {
    const floor = this.session?.floor;
    if (!floor) return 0;
    const done = floor.spokenSec?.[id] || 0;
    const since = floor.speaker === id && floor.since ? Date.parse(floor.since) : NaN;
    const running = this.session?.clock?.status !== 'ended' && Number.isFinite(since) ? Math.max(0, (nowMs - since) / 1000) : 0;
    return done + running;
  }

  /** True when this person may edit notes and raise hands. */
  get canEdit() { return ['facilitator', 'host', 'reviewer'].includes(this.you?.role) && this.session?.clock?.status !== 'ended'; }

  /** True for the facilitator. */
  get isFacilitator() { return this.you?.role === 'facilitator'; }
}
