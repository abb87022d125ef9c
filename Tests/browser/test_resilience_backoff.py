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
