// What a screen reader is told about the connection: lost, back, not connected yet, a network in
// the way, and Wi-Fi that keeps dropping. A state machine with no timers of its own: the page
// calls `status` at each change and `wake` at `nextWake()`, and says what they return.

/**
 * A loss said within this long of the last one makes the connection unstable: flapping Wi-Fi
 * (2-4 s drops every few seconds) had a screen reader say "Connection lost… your edits are
 * kept" and "Reconnected… saved" for about 7 s of every 8 (an audit, session 53).
 */
export const UNSTABLE_WINDOW_MS = 60000;
/** While unstable, a drop is said only once it has lasted this long. */
export const LONG_DROP_MS = 10000;
/** Online this long without a break, an unstable connection is steady again, and that is said. */
export const STEADY_MS = 60000;
/**
 * A `wake` this late was held by a sleep or a frozen tab (the page's timers did not run): what
 * was due is not said at once, stale, but given the time again from now. An audit heard
 * "Connection lost" on waking, of the network the laptop had before it slept, then "Reconnected".
 */
export const LATE_WAKE_MS = 10000;

/**
 * The connection's news as `{ key, params, loss }` items (`loss`: a loss of the connection was
 * said; the page then says whether unsent edits are kept). `status(value, now, room)` takes the
 * connection's status ('connecting', 'online', 'reconnecting', 'offline', 'blocked',
 * 'intercepted') with `room` = `{ joined, title, graceMs, canEdit }` (`joined`: the page has a
 * session; `canEdit`: it may write in the notes, so "your edits are kept" is for it);
 * `wake(now)` is due at `nextWake()`. `lost` is true between a loss said and its "Reconnected".
 */
export class ConnectionNews {
  constructor({ unstableWindowMs = UNSTABLE_WINDOW_MS, longDropMs = LONG_DROP_MS, steadyMs = STEADY_MS } = {}) {
    this.unstableWindowMs = unstableWindowMs;
    this.longDropMs = longDropMs;
    this.steadyMs = steadyMs;
    this.joinedOnce = false; // the first join is "Connected", a later one "Reconnected"
    this.lost = false;
    this.lostSaid = null; // the key last said of this loss: a network found in the way is said after it
    this.downSince = null;
    this.pending = null; // { key, at }: a loss to say at `at` if the connection is still down
    this.unstable = false;
    this.lastLossAt = null; // when the last ordinary loss was due to be said
    this.steadyAt = null;
    this.graceMs = 0; // the grace of the last `status`
    this.canEdit = false;
    this.saidBeforeJoin = new Set(); // statuses said before the first join ('reconnecting', 'offline')
  }

  /** When `wake` is next due (ms, the clock `status` is given), or null. */
  nextWake() {
    const times = [this.pending?.at, this.steadyAt].filter((at) => at != null);
    return times.length ? Math.min(...times) : null;
  }

  status(value, now, { joined = false, title = '', graceMs = 0, canEdit = false } = {}) {
    this.graceMs = graceMs;
    this.canEdit = canEdit;
    const news = [];
    if (value === 'online') {
      this.pending = null;
      this.downSince = null;
      this.lostSaid = null;
      if (this.lost) {
        this.lost = false;
        news.push(this.joinedOnce ? { key: 'conn.reconnected' } : { key: 'conn.joined', params: { title } });
      }
      this.joinedOnce = true;
      if (this.unstable) this.steadyAt = now + this.steadyMs;
      return news;
    }
    if (value === 'connecting') return news; // the first try: the banner says so, nothing failed yet
    this.steadyAt = null;
    this.downSince ??= now;
    if (value === 'blocked' || value === 'intercepted') {
      // What is in the way and what to do: said even during a loss already said, and when unstable.
      if (this.lostSaid !== `conn.${value}`) news.push(this.loss(`conn.${value}`));
      return news;
    }
    if (!this.joinedOnce && this.lost && this.lostSaid !== `conn.${value}.first` && !this.saidBeforeJoin.has(value)) {
      // Not connected yet, and now offline too (or back on a network): said once each before a join.
      this.saidBeforeJoin.add(value);
      news.push(this.loss(`conn.${value}.first`));
      return news;
    }
    if (this.lost || this.pending) return news;
    if (!this.joinedOnce) {
      // A first connection that fails: said once, after the grace a daemon's restart needs.
      this.pending = { key: `conn.${value}.first`, at: now + graceMs };
    } else if (joined) {
      // The browser says it is offline at once, and a burst of blips said "Connection lost" and
      // "Reconnected" twenty times a minute: offline is said once it has lasted the grace (a
      // closed connection has had its grace before it reports 'reconnecting').
      this.pending = { key: 'conn.reconnecting', at: value === 'offline' ? now + graceMs : now };
      news.push(...this.wake(now));
    }
    return news;
  }

  wake(now) {
    const news = [];
    if (this.steadyAt != null && now - this.steadyAt > LATE_WAKE_MS) this.steadyAt = now + this.steadyMs;
    if (this.pending && now - this.pending.at > LATE_WAKE_MS) {
      // Held by a sleep: the drop counts from the wake, and has its grace again.
      this.downSince = now;
      this.pending = { key: this.pending.key, at: now + (this.graceMs ?? 0) };
    }
    if (this.steadyAt != null && now >= this.steadyAt) {
      this.steadyAt = null;
      this.unstable = false;
      this.lastLossAt = null;
      news.push({ key: 'conn.steady' });
    }
    const pending = this.pending;
    if (!pending || now < pending.at) return news;
    this.pending = null;
    if (pending.key !== 'conn.reconnecting') {
      news.push(this.loss(pending.key));
    } else if (this.unstable) {
      // Unstable: only a long drop is said (and then its return is said too).
      const longAt = this.downSince + this.longDropMs;
      if (now >= longAt) news.push(this.loss(pending.key));
      else this.pending = { key: pending.key, at: longAt };
    } else if (this.lastLossAt != null && now - this.lastLossAt < this.unstableWindowMs) {
      this.unstable = true;
      this.lastLossAt = now;
      news.push({ key: this.canEdit ? 'conn.unstableEditing' : 'conn.unstable', params: { seconds: Math.round(this.longDropMs / 1000) } });
      this.pending = { key: pending.key, at: this.downSince + this.longDropMs };
    } else {
      this.lastLossAt = now;
      news.push(this.loss(pending.key));
    }
    return news;
  }

  loss(key) {
    this.lost = true;
    this.lostSaid = key;
    if (!this.joinedOnce) this.saidBeforeJoin.add(key.replace(/^conn\.|\.first$/g, ''));
    return { key, loss: true };
  }
}
