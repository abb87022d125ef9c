"""connection.js's reconnect waits, run in Chromium with the page's timers recorded (no socket):
thirty tabs dropped at the same moment (a daemon restart's 1001) do not come back in one burst —
each waits a random half to all of the first step — and one tab's waits double from 0.5 s up to
15 s, each again jittered (PROTOCOL.md §3.4: reconnect with backoff)."""

SCRIPT = """
const done = arguments[arguments.length - 1];
import('/js/connection.js').then(({ Connection }) => {
  const delays = [];
  const realSetTimeout = window.setTimeout;
  window.setTimeout = (fn, ms) => { delays.push(ms); return 0; };
  try {
    const tabs = Array.from({ length: 30 }, () => new Connection({ hello: () => ({}), handlers: {} }));
    for (const tab of tabs) tab.scheduleReconnect();
    const together = delays.splice(0);
    const one = new Connection({ hello: () => ({}), handlers: {} });
    for (let i = 0; i < 8; i++) one.scheduleReconnect();
    done({ together, steps: delays.splice(0) });
  } finally {
    window.setTimeout = realSetTimeout;
  }
}, (e) => done({ error: String(e) }));
"""


def test_reconnect_waits_are_jittered_and_back_off_to_fifteen_seconds(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/")
    result = driver.execute_async_script(SCRIPT)
    together = result["together"]
    assert len(together) == 30 and all(250 <= d <= 500 for d in together), together
    # Spread over the step, not one burst: (nearly) all different and covering much of it.
    assert len({round(d) for d in together}) >= 20 and max(together) - min(together) >= 100, sorted(together)
    steps = result["steps"]
    for attempt, delay in enumerate(steps):
        base = min(15000, 500 * 2 ** attempt)
        assert base / 2 <= delay <= base, (attempt, delay)
    assert max(steps) > 7500  # the cap is reached


VISIBLE = """
const done = arguments[arguments.length - 1];
import('/js/connection.js').then(({ Connection, ONLINE_SPREAD_MS }) => {
  const timers = [];
  const realSetTimeout = window.setTimeout;
  window.setTimeout = (fn, ms) => { timers.push({ fn, ms }); return 0; };
  let state = 'hidden';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  try {
    // A tab that has been disconnected for a while: its next wait has grown to the 15 s cap.
    const tab = new Connection({ hello: () => ({}), handlers: {} });
    const tries = [];
    tab.connect = () => { tries.push('connect'); tab.started = true; };
    tab.connect();
    tries.length = 0;
    for (let i = 0; i < 8; i++) tab.scheduleReconnect();
    const waited = timers.splice(0).map((x) => x.ms);
    document.dispatchEvent(new Event('visibilitychange')); // hidden: nothing
    const whileHidden = tries.length;
    state = 'visible';
    document.dispatchEvent(new Event('visibilitychange'));
    const whenShown = tries.length;
    // Joined again: showing the page does nothing.
    tab.joined = true;
    state = 'hidden'; document.dispatchEvent(new Event('visibilitychange'));
    state = 'visible'; document.dispatchEvent(new Event('visibilitychange'));
    const whileJoined = tries.length;
    tab.stopped = true; // out of the way of the online part below
    // A page that never started connecting is left alone.
    const idle = new Connection({ hello: () => ({}), handlers: {} });
    let idleTries = 0;
    idle.connect = () => { idleTries++; };
    document.dispatchEvent(new Event('visibilitychange'));

    // Thirty disconnected tabs see the network come back: none connects at once, each within
    // a random 0-500 ms, and each starts its backoff again.
    const tabs = Array.from({ length: 30 }, () => {
      const c = new Connection({ hello: () => ({}), handlers: {} });
      c.tries = 0;
      c.connect = () => { c.tries++; c.started = true; };
      c.connect(); c.tries = 0;
      for (let i = 0; i < 6; i++) c.scheduleReconnect();
      return c;
    });
    timers.length = 0;
    window.dispatchEvent(new Event('online'));
    const atOnce = tabs.reduce((n, c) => n + c.tries, 0);
    const spread = timers.map((x) => x.ms);
    for (const timer of timers) timer.fn();
    done({ waited: Math.max(...waited), whileHidden, whenShown, whileJoined, idleTries,
           atOnce, spread, spreadMax: ONLINE_SPREAD_MS,
           afterWait: tabs.map((c) => c.tries), attempts: tabs.map((c) => c.attempt) });
  } finally {
    window.setTimeout = realSetTimeout;
    delete document.visibilityState; // the prototype's own getter again
  }
}, (e) => done({ error: String(e) }));
"""


def test_a_page_shown_again_tries_at_once_and_online_spreads_the_tabs(daemon, browsers):
    """connection.js: a hidden tab's backoff reaches 15 s; shown again while disconnected it
    tries once at once (not when hidden, not when joined, not before it ever connected). The
    browser's `online` event makes every disconnected tab retry after its own random 0-500 ms
    wait, not all in the same instant."""
    driver = browsers()
    driver.get(daemon.base + "/")
    result = driver.execute_async_script(VISIBLE)
    assert "error" not in result, result
    assert result["waited"] > 7500  # the wait it would otherwise sit through
    assert result["whileHidden"] == 0
    assert result["whenShown"] == 1
    assert result["whileJoined"] == 1
    assert result["idleTries"] == 0
    assert result["atOnce"] == 0
    spread = result["spread"]
    assert result["spreadMax"] == 500
    assert len(spread) == 30 and all(0 <= d <= 500 for d in spread), spread
    assert len({round(d) for d in spread}) >= 20 and max(spread) - min(spread) >= 100, sorted(spread)
    assert result["afterWait"] == [1] * 30
    assert result["attempts"] == [0] * 30
