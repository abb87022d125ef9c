"""What a screen reader is told about the connection (connection-news.js), driven with made-up
times: each case is a list of steps `[ms, status]` (or `[ms, "wake"]`), and the result is what was
said at each step. Flapping Wi-Fi (2-4 s drops every few seconds) had the page say "Connection
lost…" and "Reconnected…" for about 7 s of every 8 (an audit, session 53)."""
from conftest import browser_errors
from pages import run_in_page

# Runs the steps against a fresh ConnectionNews (grace 1.5 s, joined once online), waking it
# whenever it asked to be woken before the next step (a step "late" wakes it only then, as after
# a sleep); returns [[ms, key, 'loss' or ''], …] of what was said.
RUN = (
    "import('/js/connection-news.js').then(({ ConnectionNews }) => {"
    "  const news = new ConnectionNews();"
    "  const said = [];"
    "  let joined = false;"
    "  const run = (at, items) => items.forEach((i) => said.push([at, i.key, i.loss ? 'loss' : '']));"
    "  for (const [at, step] of arguments[0]) {"
    "    if (step === 'late') { run(at, news.wake(at)); continue; }"
    "    for (let due = news.nextWake(); due != null && due <= at; due = news.nextWake()) run(due, news.wake(due));"
    "    if (step === 'online') joined = true;"
    "    if (step !== 'wake') run(at, news.status(step, at, { joined, title: 'T', graceMs: 1500 }));"
    "  }"
    "  done(said);"
    "}, (e) => done([String(e)]));"
)


def said(driver, daemon, steps):
    return run_in_page(driver, daemon, RUN, steps)


def test_a_first_connection_that_fails_is_said_once_after_the_grace_and_its_join_is_connected(daemon, browsers):
    driver = browsers()
    steps = [[0, "connecting"], [300, "reconnecting"], [900, "reconnecting"], [5000, "reconnecting"],
             [9000, "blocked"], [12000, "blocked"], [20000, "online"]]
    assert said(driver, daemon, steps) == [
        [1800, "conn.reconnecting.first", "loss"],
        [9000, "conn.blocked", "loss"],  # what is in the way, though a loss was said
        [20000, "conn.joined", ""]]
    # Not connected yet, then offline too: said once each, and not again as the network comes and goes.
    steps = [[0, "connecting"], [300, "reconnecting"], [3000, "offline"], [4000, "reconnecting"], [5000, "offline"], [9000, "online"]]
    assert said(driver, daemon, steps) == [
        [1800, "conn.reconnecting.first", "loss"], [3000, "conn.offline.first", "loss"], [9000, "conn.joined", ""]]
    # Joined within the grace: nothing at all.
    assert said(driver, daemon, [[0, "connecting"], [300, "reconnecting"], [1000, "online"], [5000, "wake"]]) == []
    assert browser_errors(driver) == []


def test_a_loss_and_its_return_are_said_once_each_and_an_offline_blip_not_at_all(daemon, browsers):
    driver = browsers()
    steps = [[0, "online"], [1000, "offline"], [2000, "online"],  # shorter than the grace
             [70000, "reconnecting"], [71000, "reconnecting"], [80000, "online"]]
    assert said(driver, daemon, steps) == [[70000, "conn.reconnecting", "loss"], [80000, "conn.reconnected", ""]]
    assert browser_errors(driver) == []


def test_wifi_that_keeps_dropping_is_said_once_then_only_long_drops_until_it_is_steady(daemon, browsers):
    driver = browsers()
    steps = [[0, "online"]]
    # Seven drops of 3 s every 8 s, the browser saying offline at once.
    for n in range(7):
        start = 5000 + n * 8000
        steps += [[start, "offline"], [start + 3000, "online"]]
    # Then a drop of 20 s, and a minute online.
    steps += [[70000, "offline"], [90000, "online"], [151000, "wake"]]
    assert said(driver, daemon, steps) == [
        [6500, "conn.reconnecting", "loss"], [8000, "conn.reconnected", ""],
        [14500, "conn.unstable", ""],       # the second drop within a minute: said once
        [80000, "conn.reconnecting", "loss"], [90000, "conn.reconnected", ""],  # a long drop is still said
        [150000, "conn.steady", ""]]
    # Steady again, the next drop is said as before, and a drop long after it does not count as flapping.
    steps += [[160000, "offline"], [163000, "online"], [300000, "offline"], [303000, "online"]]
    assert said(driver, daemon, steps)[-4:] == [
        [161500, "conn.reconnecting", "loss"], [163000, "conn.reconnected", ""],
        [301500, "conn.reconnecting", "loss"], [303000, "conn.reconnected", ""]]
    assert browser_errors(driver) == []


def test_a_loss_due_while_the_laptop_slept_is_not_said_on_waking_unless_it_lasts(daemon, browsers):
    """The page's timers do not run in a sleep: the "Connection lost" due 1.5 s after the Wi-Fi
    went with the lid was said on waking, stale, and "Reconnected" just after (an audit)."""
    driver = browsers()
    slept = [[0, "online"], [1000, "offline"], [60000, "late"]]
    assert said(driver, daemon, slept + [[60500, "online"], [70000, "wake"]]) == []
    # Still down a grace after waking: said then.
    assert said(driver, daemon, slept + [[70000, "wake"]]) == [[61500, "conn.reconnecting", "loss"]]
    assert browser_errors(driver) == []
