// The WebSocket connection of one page (PROTOCOL.md §3): hello/resume, commands
// with ids, gapless events, reconnects with exponential backoff and jitter, and
// the server clock offset measured NTP-style from ping acks.

import { setWorkshop } from './strings.js';

const SUBPROTOCOL = 'reviewroom.v1';
// 4001 answers `hello` (a link that was never valid, cut short or revoked: the server cannot
// tell which); 4003 comes while joined (revoked or reissued under the page).
/** Close codes after which reconnecting cannot help. */
const FINAL_CLOSES = new Map([[4001, 'invalid'], [4003, 'revoked'], [4004, 'deleted']]);
/** Close codes that ask for a reconnect with backoff and `resume` (PROTOCOL.md §3.4). */
const RETRY_CLOSES = new Set([1001, 4029]);
/**
 * How long a `ping` may go unanswered before the connection counts as lost. After Wi-Fi drops,
 * a browser's TCP connection can look open for minutes while nothing gets through; the page
 * then says it is reconnecting and tries a fresh connection instead of waiting for TCP.
 */
export const PING_ANSWER_LIMIT_MS = 10000;
/**
 * How long a command may wait for its answer, with nothing at all heard from the server since
 * it went out, before the page checks the connection with a `ping` (answered within
 * SILENT_PING_ANSWER_LIMIT_MS, or the connection counts as lost). A connection that died
 * silently was otherwise noticed only by the heartbeat, every 15 s plus its 10 s answer limit:
 * a reviewer typed and raised a hand into it for 17-22 s while the page showed the room as it
 * had been.
 */
export const COMMAND_SILENCE_MS = 3000;
/** The answer limit of that check: the server answers a ping at once unless it is unreachable. */
export const SILENT_PING_ANSWER_LIMIT_MS = 5000;
/**
 * How far (ms) two clock samples may disagree beyond what their round trips allow (the server's
 * time and `Date.now` are whole milliseconds) before the kept one counts as out of date.
 */
export const CLOCK_SLACK_MS = 5;
/**
 * How long a joined connection must stay up before the reconnect backoff starts again from its
 * first step: a welcome followed at once by the same failure (a message the server closes on
 * with 1009) must keep backing off, not retry at full speed for ever.
 */
export const STABLE_CONNECTION_MS = 10000;
/**
 * The longest wait after the browser's `online` event before a disconnected page reconnects:
 * every tab of a school sees the network come back at the same instant, so each waits a random
 * 0 to this many ms instead of all reaching the daemon together.
 */
export const ONLINE_SPREAD_MS = 500;

/**
 * How long after a joined connection closed (not one given up as silent) the page waits before
 * saying it is lost: a network that cuts connections every few minutes (some school filters)
 * made "Connection lost – reconnecting…" flash for half a second at each cut, while the first
 * retry rejoined at once (a network probe). Offline says so at once, as before.
 */
export const LOST_GRACE_MS = 1500;

/**
 * After this many tries in a row whose WebSocket never opened, the page asks the server's `/ws`
 * over plain HTTP why (`diagnose`): a school web filter or proxy that strips the upgrade, or a
 * Wi-Fi sign-in page answering instead, used to leave "Connection lost – reconnecting…" up for
 * ever, with nothing a teacher could act on. Four tries take 4-8 s of backoff, longer than a
 * daemon's restart refuses upgrades for.
 */
export const DIAGNOSE_AFTER_FAILED_OPENS = 4;

/**
 * How long one try may take from `new WebSocket` to the server's `welcome` or `resumed` before
 * the page gives it up and tries afresh. A try that stalls — an upgrade nobody answers (a filter
 * or proxy holding it, Wi-Fi dropping again just after it came back), or a `hello` nobody
 * answers — is otherwise given up only by the browser's own handshake limit, minutes later, or
 * never: a room display stayed on "Connection lost – reconnecting…" 4 minutes and more after
 * the network was back (a display audit). The ping watchdog covers only a joined connection.
 * The limit runs twice: until the WebSocket opens, and again from there until the welcome; and
 * it doubles after each try given up in a row (to four times): counted once from `new
 * WebSocket`, a network slow enough (4 s each way) gave up every try just before its welcome,
 * for good (a re-audit).
 */
export const JOIN_LIMIT_MS = 15000;

/**
 * What answering a plain `GET` of the WebSocket's URL says about the network (`status` of the
 * answer, or null when none came): 426 is the daemon itself, so something on the way dropped the
 * upgrade ('blocked'); another answer below 500 came from a sign-in page or filter in the way
 * ('intercepted'); none, or a 5xx (a reverse proxy whose daemon is down), is an ordinary outage (null).
 */
export function networkBlock(answer) {
  if (!answer) return null;
  if (answer.redirected) return 'intercepted';
  if (answer.status === 426) return 'blocked';
  return answer.status > 0 && answer.status < 500 ? 'intercepted' : null;
}

/**
 * The WebSocket endpoint beside the page: `ws` resolved against the page's own address, so a
 * daemon served under a path behind a proxy (`public_url = https://host/review`) is reached at
 * `/review/ws` (the fragment, which holds the invite token, is never part of it).
 */
export function webSocketURL(scheme, pageURL = location.href) {
  const url = new URL('ws', pageURL);
  url.protocol = `${scheme}:`;
  url.hash = '';
  return url.href;
}

/**
 * Whether an `error` answering `hello`, then the close that followed it, ends this page's tries.
 * `internal` (the server could not load the session) and a close asking for a reconnect are not
 * final: the page keeps its token and unsent edits and tries again with backoff.
 */
export function helloErrorIsFinal(error, closeCode) {
  return error.code !== 'internal' && !RETRY_CLOSES.has(closeCode);
}

/** A command the server refused: `code` and `message` from its `error` reply. */
export class CommandError extends Error {
  /** `sent`: the command went out before the connection dropped, so it may have been applied. */
  constructor(code, message, { sent = false } = {}) { super(message); this.code = code; this.name = 'CommandError'; this.sent = sent; }
}

export class Connection {
  /**
   * `hello()` returns the hello message without `type`/`resume`; handlers:
   * onWelcome(msg), onResumed(msg), onReplayDone(), onEvent(msg), onEphemeral(msg),
   * onStatus('connecting'|'online'|'reconnecting'|'offline'|'blocked'|'intercepted'),
   * onFatal({kind, code, message, opensAt}).
   */
  constructor({ hello, handlers }) {
    this.hello = hello;
    this.handlers = handlers;
    this.epoch = null;
    this.seq = 0;
    this.nextId = 1;
    this.pending = new Map();
    this.socket = null;
    this.attempt = 0;
    this.stopped = false;
    this.joined = false;
    this.replayUntil = null;
    this.offsetMs = 0;
    this.bestRtt = Infinity;
    this.pingTimer = null;
    this.retryTimer = null;
    this.helloError = null;
    this.joinedAt = 0;
    this.closeListeners = new Set();
    this.lastHeardAt = 0; // performance.now() of the last message from the server
    this.checking = false; // a ping sent because a command went unanswered is awaiting its answer
    this.started = false; // connect() was called: only then do the browser's events reconnect
    this.state = 'connecting'; // the last status given to onStatus
    this.failedOpens = 0; // tries in a row whose WebSocket never opened
    this.retrying = false; // a try has failed: the next ones are retries, not the first "Connecting…"
    this.block = null; // 'blocked' | 'intercepted' once `diagnose` found the network in the way
    this.inGrace = false; // a joined connection just closed: "lost" waits lostGraceMs (`scheduleReconnect`)
    this.lostGraceMs = LOST_GRACE_MS; // (a test lengthens it so that a slow machine cannot make it run out)
    this.joinLimitMs = JOIN_LIMIT_MS; // (a test shortens it rather than wait 15 s)
    this.joinTimer = null;
    this.abandonedTries = 0; // tries in a row given up by the join limit (reset at a join)
    this.graceTimer = null;
    window.addEventListener('online', () => this.networkChanged());
    window.addEventListener('offline', () => this.networkChanged());
    document.addEventListener('visibilitychange', () => this.visibilityChanged());
  }

  /** The server's time now (ms since the epoch), from the measured clock offset. */
  serverNow() { return Date.now() + this.offsetMs; }

  /** Calls `listener(code)` each time the joined connection closes (before the reconnect is scheduled). */
  addCloseListener(listener) { this.closeListeners.add(listener); }

  /** Opens the connection (and keeps it open). */
  connect() {
    this.stopped = false;
    this.started = true;
    // "Connecting…" only for the first try: before a first join, each retry flipped the banner
    // back to it from "Not connected yet" for the moment the try took.
    if (!this.inGrace) this.status(this.epoch || this.block || this.retrying ? undefined : 'connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let socket;
    try {
      socket = new WebSocket(webSocketURL(scheme), SUBPROTOCOL);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.helloError = null;
    let opened = false;
    const limit = () => this.joinLimitMs * 2 ** Math.min(this.abandonedTries, 2);
    clearTimeout(this.joinTimer);
    this.joinTimer = setTimeout(() => this.abandonTry(socket, opened), limit());
    socket.addEventListener('open', () => {
      opened = true;
      clearTimeout(this.joinTimer);
      this.joinTimer = setTimeout(() => this.abandonTry(socket, opened), limit());
      this.failedOpens = 0;
      this.block = null;
      const message = { type: 'hello', client: 'reviewroom-web/1', ...this.hello() };
      if (this.epoch) message.resume = { epoch: this.epoch, after: this.seq };
      socket.send(JSON.stringify(message));
    });
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => {
      if (!opened && socket === this.socket) this.failedOpens += 1;
      this.closed(socket, event.code);
    });
  }

  /**
   * Asks `/ws` over plain HTTP what is in the way (`networkBlock`) and shows it, while the
   * WebSocket keeps failing to open. A fetch that fails is an ordinary outage: nothing changes.
   */
  async diagnose() {
    let answer = null;
    try {
      // The WebSocket's own URL, over the page's http(s). `manual`: a sign-in page's redirect
      // is the answer itself, not a page to fetch.
      const url = webSocketURL(location.protocol.slice(0, -1));
      const response = await fetch(url, { cache: 'no-store', redirect: 'manual', credentials: 'omit' });
      answer = { status: response.status, redirected: response.type === 'opaqueredirect' };
    } catch { /* no answer at all */ }
    if (this.stopped || this.joined) return;
    this.block = networkBlock(answer);
    this.status();
  }

  /** Stops for good (page leaving or a final close). */
  stop() {
    this.stopped = true;
    this.endGrace();
    clearTimeout(this.retryTimer);
    clearTimeout(this.joinTimer);
    clearInterval(this.pingTimer);
    if (this.socket) this.socket.close(1000);
  }

  /** Sends a command; resolves with the ack, rejects with a CommandError. */
  command(type, fields = {}) {
    if (!this.joined || !this.socket || this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new CommandError('offline', 'not connected'));
    }
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ type, id, ...fields }));
    const sentAt = performance.now();
    if (type !== 'ping') setTimeout(() => this.checkAfterSilence(id, sentAt), COMMAND_SILENCE_MS);
    return new Promise((resolve, reject) => this.pending.set(id, { resolve, reject, type, fields, sentAt }));
  }

  /**
   * COMMAND_SILENCE_MS after command `id` went out: still unanswered, and nothing heard from the
   * server since, the connection may have died silently; a `ping` finds out (`abandon` after
   * SILENT_PING_ANSWER_LIMIT_MS). One such check at a time.
   */
  async checkAfterSilence(id, sentAt) {
    if (!this.pending.has(id) || this.lastHeardAt >= sentAt || this.checking || !this.online) return;
    this.checking = true;
    try { await this.ping(SILENT_PING_ANSWER_LIMIT_MS); } finally { this.checking = false; }
  }

  /**
   * Whether a command of `type` this page sent (and whose `fields` pass `match`) still awaits its
   * answer. An event arrives before the ack of the command that caused it, so the pages use this
   * to tell their own doing from someone else's ("You lowered Asha's hand").
   */
  awaiting(type, match = () => true) {
    for (const entry of this.pending.values()) if (entry.type === type && match(entry.fields)) return true;
    return false;
  }

  /** True from a `resumed` until its replay has reached `resumed.seq` (`onReplayDone`). */
  get replaying() { return this.replayUntil !== null; }

  /** True while joined and able to send. */
  get online() { return this.joined && this.socket?.readyState === WebSocket.OPEN; }

  receive(data) {
    this.lastHeardAt = performance.now();
    let msg;
    try { msg = JSON.parse(data); } catch { return; }
    if (!msg || typeof msg !== 'object') return;
    switch (msg.type) {
      case 'welcome':
        // Tries that failed before the first join (a network or proxy in the way) are no backoff
        // for a drop after it: a drop 7 s in waited up to 15 s to retry.
        if (!this.epoch) this.attempt = 0;
        this.epoch = msg.epoch; this.seq = msg.seq; this.joined = true; this.joinedAt = performance.now();
        this.replayUntil = null; // a replay cut short by a drop is over: this snapshot replaces it
        this.noteServerTime(msg.serverTime, null);
        // A post-review workshop says so (a ReviewRoom addition): the page calls it a workshop.
        setWorkshop(msg.followsSession);
        this.handlers.onWelcome?.(msg);
        this.afterJoin();
        break;
      case 'resumed':
        this.epoch = msg.epoch; this.joined = true; this.joinedAt = performance.now();
        this.replayUntil = msg.seq;
        this.handlers.onResumed?.(msg);
        this.checkReplayDone();
        this.afterJoin();
        break;
      case 'event':
        if (typeof msg.seq !== 'number' || msg.seq <= this.seq) return; // seen before
        this.seq = msg.seq;
        this.handlers.onEvent?.(msg);
        this.checkReplayDone();
        break;
      case 'ack': case 'error': {
        const entry = this.pending.get(msg.id);
        if (entry) {
          this.pending.delete(msg.id);
          if (msg.type === 'ack') entry.resolve(msg); else entry.reject(new CommandError(msg.code, msg.message));
        } else if (msg.type === 'error' && !this.joined) {
          this.helloError = msg;
          if (msg.code === 'not_open') setWorkshop(msg.followsSession);
        }
        break;
      }
      default:
        this.handlers.onEphemeral?.(msg);
    }
  }

  checkReplayDone() {
    if (this.replayUntil !== null && this.seq >= this.replayUntil) {
      this.replayUntil = null;
      this.handlers.onReplayDone?.();
    }
  }

  /** Ends a grace before "lost" is said (rejoined, stopped, or a retry failed). */
  endGrace() {
    clearTimeout(this.graceTimer);
    this.inGrace = false;
  }

  afterJoin() {
    clearTimeout(this.joinTimer);
    this.abandonedTries = 0;
    this.endGrace();
    this.status('online');
    clearInterval(this.pingTimer);
    // A few quick samples at first, then one every 15 s; the lowest round trip wins.
    this.bestRtt = Infinity;
    let quick = 3;
    const ping = () => this.ping();
    ping();
    this.pingTimer = setInterval(() => {
      ping();
      if (quick > 0 && --quick === 0) { clearInterval(this.pingTimer); this.pingTimer = setInterval(ping, 15000); }
    }, 1000);
  }

  /** Measures the clock offset; a ping unanswered within `answerLimitMs` gives the connection up. */
  async ping(answerLimitMs = PING_ANSWER_LIMIT_MS) {
    const sent = Date.now();
    const socket = this.socket;
    const watchdog = setTimeout(() => this.abandon(socket), answerLimitMs);
    try {
      const ack = await this.command('ping');
      const received = Date.now();
      this.noteServerTime(ack.serverTime, { sent, received });
    } catch { /* offline: the next connection measures again */ } finally {
      clearTimeout(watchdog);
    }
  }

  /**
   * Gives up on a try that has not joined within `joinLimitMs` (`JOIN_LIMIT_MS`): counted as a
   * failed try (one that never opened counts towards `diagnose`), then the next, with backoff.
   */
  abandonTry(socket, opened) {
    if (socket !== this.socket || this.joined || this.stopped) return;
    if (!opened) this.failedOpens += 1;
    this.abandonedTries += 1;
    this.closed(socket, 1006);
    this.socket = null; // its own close event, whenever it comes, is then ignored
    try { socket.close(); } catch { /* still connecting, or already closing */ }
  }

  /** Gives up on a connection that stopped answering: the same path as a close, then a new try. */
  abandon(socket) {
    if (socket !== this.socket || !this.joined) return;
    this.closed(socket, 1006, { silent: true });
    this.socket = null; // its own close event, whenever it comes, is then ignored
    try { socket.close(); } catch { /* already closing */ }
  }

  noteServerTime(serverTime, timing) {
    const server = Date.parse(serverTime);
    if (Number.isNaN(server)) return;
    if (!timing) {
      if (this.bestRtt === Infinity) this.offsetMs = server - Date.now();
      return;
    }
    const rtt = timing.received - timing.sent;
    const offset = server - (timing.sent + timing.received) / 2;
    // Each sample puts the offset within half its round trip. One that cannot agree with the
    // kept sample means this device's clock was set (by NTP, by hand) or drifted since: the
    // kept sample would show the countdown off by that much for the rest of the connection.
    const disagrees = Math.abs(offset - this.offsetMs) > (rtt + this.bestRtt) / 2 + CLOCK_SLACK_MS;
    if (rtt <= this.bestRtt || disagrees) {
      this.bestRtt = rtt;
      this.offsetMs = offset;
    }
  }

  closed(socket, code, { silent = false } = {}) {
    if (socket !== this.socket) return;
    clearTimeout(this.joinTimer);
    const wasJoined = this.joined;
    this.joined = false;
    clearInterval(this.pingTimer);
    for (const entry of this.pending.values()) entry.reject(new CommandError('offline', 'connection closed', { sent: true }));
    this.pending.clear();
    if (this.stopped) return;
    if (wasJoined) {
      if (performance.now() - this.joinedAt >= STABLE_CONNECTION_MS) this.attempt = 0;
      for (const listener of this.closeListeners) listener(code);
    }
    if (FINAL_CLOSES.has(code)) { this.stopped = true; this.handlers.onFatal?.({ kind: FINAL_CLOSES.get(code), code }); return; }
    if (this.helloError && helloErrorIsFinal(this.helloError, code)) {
      const error = this.helloError;
      this.stopped = true;
      this.handlers.onFatal?.({ kind: error.code, code, message: error.message, opensAt: error.opensAt, timeZone: error.timeZone,
        title: error.title, startsAt: error.startsAt });
      return;
    }
    if (!wasJoined && code === 4000) { this.stopped = true; this.handlers.onFatal?.({ kind: 'protocol', code }); return; }
    this.scheduleReconnect({ grace: wasJoined && !silent });
  }

  /** Schedules the next try; with `grace`, "lost" is said only if it has not rejoined within LOST_GRACE_MS. */
  scheduleReconnect({ grace = false } = {}) {
    this.endGrace();
    this.retrying = true;
    if (grace && navigator.onLine !== false) {
      this.inGrace = true;
      this.graceTimer = setTimeout(() => { this.inGrace = false; if (!this.joined && !this.stopped) this.status(); }, this.lostGraceMs);
    } else {
      this.status();
    }
    if (this.failedOpens >= DIAGNOSE_AFTER_FAILED_OPENS) this.diagnose();
    const base = Math.min(15000, 500 * 2 ** this.attempt);
    const delay = base / 2 + Math.random() * base / 2; // jitter: half to all of the step
    this.attempt = Math.min(this.attempt + 1, 10);
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  /**
   * The browser's `online`/`offline` events. Without a connection, coming online retries
   * within a random 0–500 ms (`reconnectSoon`). With one, the banner follows the network
   * (offline says so at once), and a `ping` checks the connection: a Wi-Fi blip that the TCP
   * connection outlived never closes it, so the page must find out itself that it is back (or
   * give the socket up if it is dead).
   */
  networkChanged() {
    if (this.stopped) return;
    if (!this.joined) {
      if (navigator.onLine === false) this.status(); else this.reconnectSoon();
      return;
    }
    if (navigator.onLine === false) this.status('offline');
    this.probe();
  }

  /** Pings a joined connection; once answered (and the browser says it is online) the page is online again. */
  async probe() {
    const socket = this.socket;
    await this.ping();
    if (socket === this.socket && this.online && navigator.onLine !== false) this.status('online');
  }

  /**
   * A page shown again while disconnected tries once at once: a hidden tab's timers are
   * throttled and its backoff may have grown to 15 s, which the person who just came back to
   * it would sit through. If that try fails, the backoff goes on from where it was.
   */
  visibilityChanged() {
    if (!this.started || this.stopped || this.joined || document.visibilityState !== 'visible') return;
    if (this.socket && this.socket.readyState !== WebSocket.CLOSED) return; // a try is under way
    clearTimeout(this.retryTimer);
    this.connect();
  }

  /** After the `online` event: the backoff starts again, and the next try comes within ONLINE_SPREAD_MS. */
  reconnectSoon() {
    if (!this.started) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.retryTimer = setTimeout(() => {
      if (!this.stopped && !this.joined && (!this.socket || this.socket.readyState === WebSocket.CLOSED)) this.connect();
    }, Math.random() * ONLINE_SPREAD_MS);
  }

  reconnectNow() {
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (!this.socket || this.socket.readyState === WebSocket.CLOSED) this.connect();
  }

  status(value) {
    const state = value ?? (navigator.onLine === false ? 'offline' : this.block ?? 'reconnecting');
    this.state = state;
    this.handlers.onStatus?.(state);
  }
}
