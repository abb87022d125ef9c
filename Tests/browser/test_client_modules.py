"""The client's small modules, run in Chromium: the string catalogue covers every key the
pages use, and time formatting / time-zone conversion give the expected values."""
import re

from conftest import ROOT, browser_errors
from pages import run_in_page

WEB = ROOT / "Sources" / "ReviewRoomServer" / "Web"


# A SessionModel welcomed live at second 0 with nobody speaking; `t(s)` is the instant s seconds
# on, `ms(s)` the same in ms, `ev(name, data, s)` applies an event at s, `live`/`paused` are clocks.
MODEL_AT_SECONDS = (
    "import('/js/model.js').then(({ SessionModel }) => {"
    "  const t = (s) => new Date(Date.parse('2026-12-01T09:00:00Z') + s * 1000).toISOString();"
    "  const ms = (s) => Date.parse(t(s));"
    "  const m = new SessionModel();"
    "  const live = { status: 'live', phase: 0 }, paused = { status: 'paused', phase: 0 };"
    "  m.welcome({ serverTime: t(0), you: { id: 'r1' }, session: { participants: [], clock: live,"
    "    floor: { speaker: null, since: null, turnEndsAt: null, spokenSec: {} } } });"
    "  const ev = (name, data, s) => m.apply({ name, data, at: t(s) });"
)


def used_keys():
    keys = set()
    for path in list((WEB / "js").glob("*.js")) + list(WEB.glob("*.html")):
        text = path.read_text()
        keys |= set(re.findall(r"\bt\('([A-Za-z.]+)'", text))
        keys |= set(re.findall(r'data-i18n(?:-label|-placeholder)?="([^"]+)"', text))
    return keys


def test_every_string_key_the_pages_use_is_in_the_catalogue(daemon, browsers):
    driver = browsers()
    catalogue = run_in_page(
        driver, daemon,
        "import('/js/strings.js').then((m) => done(m.keys), (e) => done(['import failed: ' + e]));")
    used = used_keys()
    assert len(used) > 100  # the scan found the pages' keys
    assert sorted(used - set(catalogue)) == []


def test_time_formatting_and_zone_conversion(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/timefmt.js').then((m) => done({"
        "  left: m.formatCountdown(125.2), over: m.formatCountdown(-61), zero: m.formatCountdown(0),"
        "  long: m.formatDuration(3725),"
        "  london: m.zonedToUTC('2026-07-01', '09:30', 'Europe/London'),"
        "  winter: m.zonedToUTC('2026-12-01', '09:30', 'Europe/London'),"
        "  tokyo: m.zonedToUTC('2026-12-01', '09:30', 'Asia/Tokyo'),"
        "  instant: m.formatInstant('2026-12-01T09:30:00Z', 'Asia/Tokyo'),"
        "}), (e) => done({error: String(e)}));")
    instant = result.pop("instant")
    assert "2026" in instant and ("18:30" in instant or "6:30" in instant), instant  # 09:30 UTC is 18:30 in Tokyo
    assert "GMT+9" in instant or "JST" in instant, instant  # the zone is named
    assert result == {
        "left": "2:06 left", "over": "+1:01 overtime", "zero": "0:00 left", "long": "1:02:05",
        "london": "2026-07-01T08:30:00.000Z", "winter": "2026-12-01T09:30:00.000Z",
        "tokyo": "2026-12-01T00:30:00.000Z",
    }
    assert browser_errors(driver) == []


def test_which_errors_to_hello_end_the_pages_tries(daemon, browsers):
    driver = browsers()
    cases = [["internal", 1001], ["internal", 1000], ["rate_limited", 1001], ["unauthorized", 4001],
             ["not_open", 1000], ["session_ended", 1000]]
    final = run_in_page(
        driver, daemon,
        "import('/js/connection.js').then((m) => done(arguments[0].map(([code, close]) => m.helloErrorIsFinal({code}, close))),"
        "  (e) => done(['import failed: ' + e]));", cases)
    assert final == [False, False, False, True, True, True]


def test_live_speaking_time_leaves_clock_pauses_out_as_the_server_does(daemon, browsers):
    """model.js: the turn in progress counts on every page, less the time the clock stood
    paused during it (SessionRules.md, spokenSec), so the number does not jump at the turn's end."""
    driver = browsers()
    seconds = run_in_page(
        driver, daemon,
        MODEL_AT_SECONDS +
        "  ev('floor.changed', { floor: { speaker: 'r1', since: t(10), spokenSec: {} } }, 10);"
        "  const out = [m.spokenSec('r1', ms(20))];"
        "  ev('clock.changed', { clock: paused }, 20);"
        "  out.push(m.spokenSec('r1', ms(45)));"
        "  ev('clock.changed', { clock: live }, 50);"
        "  out.push(m.spokenSec('r1', ms(60)));"
        "  ev('floor.changed', { floor: { speaker: 'r2', since: t(60), spokenSec: { r1: 20 } } }, 60);"
        "  out.push(m.spokenSec('r1', ms(70)), m.spokenSec('r2', ms(70)));"
        "  done(out);"
        "}, (e) => done(['import failed: ' + e]));")
    assert seconds == [10, 10, 20, 20, 10]
    assert browser_errors(driver) == []


def test_the_turn_timer_stands_still_while_the_clock_is_paused(daemon, browsers):
    """model.js: a pause stops a timed turn as the server does (SessionRules.md, "Server-timed
    events"): the time left stays what it was at the pause, or the whole turn if it was given
    during the pause, until the resume's floor.changed moves turnEndsAt on."""
    driver = browsers()
    left = run_in_page(
        driver, daemon,
        MODEL_AT_SECONDS +
        "  ev('floor.changed', { floor: { speaker: 'r1', since: t(0), turnEndsAt: t(60), spokenSec: {} } }, 0);"
        "  const out = [m.turnRemainingSec(ms(15))];"
        "  ev('clock.changed', { clock: paused }, 20);"
        "  out.push(m.turnRemainingSec(ms(30)), m.turnRemainingSec(ms(90)));"
        "  ev('clock.changed', { clock: live }, 100);"
        "  ev('floor.changed', { floor: { speaker: 'r1', since: t(0), turnEndsAt: t(140), spokenSec: {} } }, 100);"
        "  out.push(m.turnRemainingSec(ms(110)));"
        "  ev('clock.changed', { clock: paused }, 120);"
        "  ev('floor.changed', { floor: { speaker: 'r2', since: t(130), turnEndsAt: t(160), spokenSec: { r1: 60 } } }, 130);"
        "  out.push(m.turnRemainingSec(ms(150)), m.turnRemainingSec(ms(200)));"
        "  done(out);"
        "}, (e) => done(['import failed: ' + e]));")
    assert left == [45, 40, 40, 30, 30, 30]
    assert browser_errors(driver) == []


def test_a_page_opened_during_a_pause_takes_its_start_from_the_clock(daemon, browsers):
    """model.js: the welcome does not say when the pause began; the phase's start plus its
    elapsed time does (exact when the phase was not paused before), so a display reloaded during
    a fire alarm shows the turn's time left and the speaking time as the pages that saw the
    pause begin do. Never later than the welcome."""
    driver = browsers()
    seen = run_in_page(
        driver, daemon,
        "import('/js/model.js').then(({ SessionModel }) => {"
        "  const t = (s) => new Date(Date.parse('2026-12-01T09:00:00Z') + s * 1000).toISOString();"
        "  const ms = (s) => Date.parse(t(s));"
        "  const paused = { status: 'paused', phase: 1, phaseStartedAt: t(100), elapsedSec: 50 };"
        "  const floor = { speaker: 'r1', since: t(120), turnEndsAt: t(180), spokenSec: { r2: 20 } };"
        "  const m = new SessionModel();"
        "  m.welcome({ serverTime: t(400), you: { id: 'h1' }, session: { participants: [], clock: paused, floor } });"
        "  const out = [m.turnRemainingSec(ms(400)), m.spokenSec('r1', ms(400))];"
        "  const odd = new SessionModel();"  # a clock whose numbers say the pause began after the welcome
        "  odd.welcome({ serverTime: t(140), you: { id: 'h1' }, session: { participants: [],"
        "    clock: { ...paused, elapsedSec: 90 }, floor } });"
        "  out.push(odd.turnRemainingSec(ms(400)));"
        "  done(out);"
        "}, (e) => done(['import failed: ' + e]));")
    assert seen == [30, 30, 40]
    assert browser_errors(driver) == []


def test_the_catch_up_tells_the_speaker_what_is_left_of_a_turn_whose_end_moved(daemon, browsers):
    """room-news.js: after a drop during which the clock was paused and resumed under a timed
    turn (its end moved on), the speaker hears what is left, once, with the rest of the catch-up,
    as they would have live; not when the end did not move, and not someone else."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/room-news.js').then(({ catchUpNews }) => {"
        "  const room = (floor) => ({ phase: 0, status: 'live', floor, question: null });"
        "  const turn = (end) => ({ speaker: 'r1', since: '2026-12-01T09:00:00.000Z', turnEndsAt: end, queue: [] });"
        "  const was = turn('2026-12-01T09:02:00.000Z'), moved = turn('2026-12-01T09:02:40.000Z');"
        "  const who = (me, turnLeftSec) => ({ me, facilitator: false, nameOf: (id) => id, phaseTitle: () => '', turnLeftSec });"
        "  done([catchUpNews(room(was), room(moved), who('r1', 100)),"
        "        catchUpNews(room(was), room(was), who('r1', 60)),"
        "        catchUpNews(room(was), room(moved), who('r2', 100)),"
        "        catchUpNews(room(was), room(moved), who('r1', null))]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [{"urgent": [], "polite": ["Your turn: 1:40 left"]}, {"urgent": [], "polite": []},
                    {"urgent": [], "polite": []}, {"urgent": [], "polite": []}]
    assert browser_errors(driver) == []


def test_a_rounds_start_end_and_the_next_person_are_said(daemon, browsers):
    """floor-news.js: a round used to start and end without a word, and nobody heard their turn
    was coming. Now its start (how many, how long each), its end (finished when the last person's
    turn ended, stopped otherwise), and "You are next in the round" to the person after the
    speaker, once per move."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/floor-news.js').then(({ roundNews }) => {"
        "  const round = (index) => ({ round: { order: ['a', 'b', 'c'], index, secondsEach: 90, passed: [] } });"
        "  const free = { round: null };"
        "  done([roundNews(free, round(0), { me: 'b' }), roundNews(round(0), round(1), { me: 'c' }),"
        "        roundNews(round(1), round(1), { me: 'c' }), roundNews(round(1), round(2), { me: 'c' }),"
        "        roundNews(round(2), free, { me: 'a' }), roundNews(round(1), free, { me: 'a' }),"
        "        roundNews(free, free, { me: 'a' })]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [
        {"first": "A round has started: 3 people, 1:30 each", "last": "You are next in the round"},
        {"first": None, "last": "You are next in the round"},
        {"first": None, "last": None},  # the same turn again: said once
        {"first": None, "last": None},  # c speaks now: "You have the floor" says that
        {"first": "The round has finished", "last": None},
        {"first": "The round was stopped", "last": None},
        {"first": None, "last": None},
    ]
    assert browser_errors(driver) == []


def test_pages_reach_their_files_the_socket_and_the_api_relative_to_themselves(daemon, browsers):
    """A daemon behind a proxy under a path (`public_url = https://host/review`, README): every
    page loads its styles, scripts, WebSocket and API beside itself, never from the host's root."""
    absolute = re.compile(r'(?:href|src)="/(?!/)|fetch\(`/|\$\{location\.host\}/')
    offenders = [f"{path.name}: {line.strip()}"
                 for path in list((WEB / "js").glob("*.js")) + list(WEB.glob("*.html"))
                 for line in path.read_text().splitlines() if absolute.search(line)]
    assert offenders == []
    driver = browsers()
    urls = run_in_page(
        driver, daemon,
        "import('/js/connection.js').then((m) => done(["
        "  m.webSocketURL('wss', 'https://school.example/review/join#secret-token'),"
        "  m.webSocketURL('ws', 'http://127.0.0.1:8080/display#t'),"
        "  m.webSocketURL('ws', 'http://127.0.0.1:8080/console'),"
        "]), (e) => done(['import failed: ' + e]));")
    assert urls == ["wss://school.example/review/ws", "ws://127.0.0.1:8080/ws", "ws://127.0.0.1:8080/ws"]
    assert browser_errors(driver) == []


def test_a_running_phase_never_shows_more_time_than_it_has(daemon, browsers):
    """model.js + timefmt.js with an injected server clock: a page whose estimate of server time
    lags (or whose `endsAt` was stamped a moment ahead of it) showed "5:01 left" just after a
    5:00 phase started. Remaining time is capped by what the server sent with the clock."""
    driver = browsers()
    shown = run_in_page(
        driver, daemon,
        "Promise.all([import('/js/model.js'), import('/js/timefmt.js')]).then(([{ SessionModel }, f]) => {"
        "  const t0 = Date.parse('2026-12-01T09:00:00Z');"
        "  const iso = (ms) => new Date(ms).toISOString();"
        "  const m = new SessionModel();"
        "  const clock = (remaining, duration, at) => ({ status: 'live', phase: 0, phaseStartedAt: iso(at),"
        "    durationSec: duration, elapsedSec: duration - remaining, remainingSec: remaining, endsAt: iso(at + remaining * 1000) });"
        "  m.welcome({ serverTime: iso(t0), you: { id: 'r1' }, session: { participants: [], clock: clock(300, 300, t0) } });"
        "  const at = (ms) => f.formatCountdown(m.remainingSec(ms));"
        "  const out = { lagging: at(t0 - 400), justAfter: at(t0 + 500), later: at(t0 + 1200), raw: m.remainingSec(t0 - 400) };"
        # Resumed after a pause with 3:00 left; the page's clock is a quarter second behind.
        "  m.apply({ name: 'clock.changed', at: iso(t0 + 200000), data: { clock: clock(180, 300, t0 + 200000) } });"
        "  out.resumed = at(t0 + 200000 - 250);"
        "  out.over = at(t0 + 200000 + 181000);"
        "  done(out);"
        "}, (e) => done({ error: String(e) }));")
    assert shown == {"lagging": "5:00 left", "justAfter": "5:00 left", "later": "4:59 left", "raw": 300,
                     "resumed": "3:00 left", "over": "+0:01 overtime"}
    assert browser_errors(driver) == []


def test_the_clock_is_last_known_only_while_the_connection_is_lost_and_the_clock_ran(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "Promise.all([import('/js/room-rules.js'), import('/js/strings.js')]).then(([r, s]) => {"
        "  const states = ['connecting', 'online', 'reconnecting', 'offline'];"
        "  const clocks = ['scheduled', 'lobby', 'live', 'paused', 'ended'];"
        "  const stale = states.flatMap((c) => clocks.filter((k) => r.clockIsStale(c, { status: k })).map((k) => c + '/' + k));"
        "  done({ stale, none: r.clockIsStale('offline', null),"
        "    text: r.clockStatusText(s.t, { status: 'paused' }, true), plain: r.clockStatusText(s.t, { status: 'live' }, false) });"
        "}, (e) => done({ error: String(e) }));")
    assert result == {"stale": ["reconnecting/live", "reconnecting/paused", "offline/live", "offline/paused"],
                      "none": False, "text": "Last known: Paused", "plain": "Running"}
    assert browser_errors(driver) == []
