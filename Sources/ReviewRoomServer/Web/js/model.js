// The session as the page knows it: the welcome snapshot with every event applied
// in order (PROTOCOL.md §3.2), plus who is online from `presence`.
import { displayNames } from './names.js';

// Each participants list's display names, worked out once per list (an event replaces the list).
const shownNames = new WeakMap();

export class SessionModel {
  constructor() {
    this.session = null;
    this.you = null;
    this.online = new Set();
    // Names of people removed from the session (invite revoked) since this page loaded: the
    // signals they sent are still listed, and read "p_cE5n…: Please clarify" without them.
    this.formerNames = new Map();
    this.listeners = new Set();
    // The clock's pauses during the current turn, which the server leaves out of spokenSec:
    // since when it has been paused (ms) and the ms of pauses already over.
    this.pausedSince = null;
    this.turnPausedMs = 0;
    // When the turn's deadline was set during the current pause (ms), if it was: a pause
    // stops the turn too, so its time left runs from then only after the resume.
    this.turnSetWhilePausedAt = null;
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
    this.pausedSince = msg.session.clock?.status === 'paused' ? SessionModel.pausedSinceAtWelcome(msg) : null;
    this.turnPausedMs = 0;
    this.turnSetWhilePausedAt = null;
    this.notify({ kind: 'welcome' });
  }

  /**
   * Since when a clock that was paused before we came has stood (ms). It is not on the wire;
   * the phase's start plus its elapsed time is exact unless the phase was paused before (then
   * it is early), and it is never later than the welcome.
   */
  static pausedSinceAtWelcome(msg) {
    const clock = msg.session.clock, welcomed = Date.parse(msg.serverTime);
    const ranUntil = Date.parse(clock.phaseStartedAt) + (clock.elapsedSec ?? NaN) * 1000;
    if (!Number.isFinite(welcomed)) return Number.isFinite(ranUntil) ? ranUntil : null;
    return Number.isFinite(ranUntil) ? Math.min(ranUntil, welcomed) : welcomed;
  }

  /** Applies one event (`note.op` is left to the notes view). */
  apply(event) {
    const s = this.session;
    if (!s) return;
    const data = event.data || {};
    switch (event.name) {
      case 'clock.changed': this.trackPause(s, data.clock, Date.parse(event.at)); s.clock = data.clock; break;
      case 'floor.changed':
        if (data.floor?.speaker !== s.floor?.speaker || data.floor?.since !== s.floor?.since) this.turnPausedMs = 0;
        if (s.clock?.status === 'paused' && (data.floor?.turnEndsAt !== s.floor?.turnEndsAt || data.floor?.since !== s.floor?.since)) {
          this.turnSetWhilePausedAt = Date.parse(event.at);
        }
        s.floor = data.floor;
        break;
      case 'prompts.changed': s.prompts = data.prompts; break;
      case 'participant.changed':
        this.keepFormerNames(data.participants || []);
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

  /** Keeps the pause bookkeeping of the current turn as the clock changes at `at` (ms). */
  trackPause(s, clock, at) {
    const was = s.clock?.status, now = clock?.status;
    if (was !== 'paused' && now === 'paused') this.pausedSince = at;
    if (was === 'paused' && now !== 'paused') {
      const since = s.floor?.speaker && s.floor?.since ? Date.parse(s.floor.since) : NaN;
      if (this.pausedSince !== null && Number.isFinite(since)) this.turnPausedMs += Math.max(0, at - Math.max(this.pausedSince, since));
      this.pausedSince = null;
      this.turnSetWhilePausedAt = null;
    }
  }

  /** Applies a `presence` message. */
  presence(online) {
    this.online = new Set(online || []);
    this.notify({ kind: 'presence' });
  }

  /** The participant with this id, if known. */
  participant(id) { return (this.session?.participants || []).find((p) => p.id === id) || null; }

  /** A display name for a participant id: their name, numbered when someone else has the same name (`names.js`). */
  nameOf(id) {
    const participants = this.session?.participants || [];
    if (!shownNames.has(participants)) shownNames.set(participants, displayNames(participants));
    return shownNames.get(participants).get(id) ?? this.formerNames.get(id) ?? id;
  }

  /** Before the participants list becomes `next`: the names of those it leaves out, kept (`formerNames`). */
  keepFormerNames(next) {
    const staying = new Set(next.map((p) => p.id));
    for (const p of this.session?.participants || []) if (!staying.has(p.id)) this.formerNames.set(p.id, this.nameOf(p.id));
  }

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

  /**
   * Seconds left in the phase (negative in overtime), at server time `nowMs`. A running clock
   * only counts down, so this never exceeds the `remainingSec` the server sent with it (nor the
   * phase's `durationSec`): a page whose estimate of server time lags a little, or that gets
   * an `endsAt` stamped just ahead of its own clock, must not show "5:01 left" in a 5:00 phase.
   */
  remainingSec(nowMs) {
    const clock = this.session?.clock;
    if (!clock) return 0;
    if (clock.endsAt) {
      const left = (Date.parse(clock.endsAt) - nowMs) / 1000;
      const bounds = [clock.remainingSec, clock.durationSec].filter((n) => typeof n === 'number' && Number.isFinite(n));
      return Math.min(left, ...bounds);
    }
    return typeof clock.remainingSec === 'number' ? clock.remainingSec : clock.durationSec ?? 0;
  }

  /**
   * Seconds left in the current turn, or null without a timed turn. While the clock is paused
   * the turn stands still as the server keeps it (the resume moves `turnEndsAt` on): what was
   * left when the pause began, or when the turn was given during it. A page that joined during
   * the pause takes the pause's start from the clock (`pausedSinceAtWelcome`).
   */
  turnRemainingSec(nowMs) {
    const floor = this.session?.floor;
    if (!floor || !floor.turnEndsAt) return null;
    let until = nowMs;
    if (this.session?.clock?.status === 'paused' && this.pausedSince !== null) {
      const since = floor.since ? Date.parse(floor.since) : NaN;
      const set = this.turnSetWhilePausedAt ?? (Number.isFinite(since) ? since : this.pausedSince);
      until = Math.min(nowMs, Math.max(this.pausedSince, set));
    }
    return (Date.parse(floor.turnEndsAt) - until) / 1000;
  }

  /** Seconds `id` has spoken at server time `nowMs`: the finished turns plus the turn in progress. */
  spokenSec(id, nowMs) {
    const floor = this.session?.floor;
    if (!floor) return 0;
    const done = floor.spokenSec?.[id] || 0;
    const since = floor.speaker === id && floor.since ? Date.parse(floor.since) : NaN;
    if (this.session?.clock?.status === 'ended' || !Number.isFinite(since)) return done;
    // As the server counts it: time the clock stood paused during the turn is not speaking time.
    let paused = this.turnPausedMs;
    if (this.session?.clock?.status === 'paused' && this.pausedSince !== null) paused += Math.max(0, nowMs - Math.max(this.pausedSince, since));
    return done + Math.max(0, (nowMs - since - paused) / 1000);
  }

  /** True when this person may edit notes and raise hands. */
  get canEdit() { return ['facilitator', 'host', 'reviewer'].includes(this.you?.role) && this.session?.clock?.status !== 'ended'; }

  /** True for the facilitator. */
  get isFacilitator() { return this.you?.role === 'facilitator'; }
}
