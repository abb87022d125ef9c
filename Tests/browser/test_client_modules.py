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


def test_a_workshops_lines_replace_lines_that_exist_and_only_while_the_page_is_a_workshops(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/strings.js').then((m) => {"
        "  const before = m.t('notice.ended.heading');"
        "  m.setWorkshop('s_review');"
        "  const during = [m.t('notice.ended.heading'), m.t('announce.startedBy', { name: 'Cy', phase: 'Close', length: '5 minutes' }),"
        "                  m.t('status.ended')];"
        "  m.setWorkshop(undefined);"
        "  done({ keys: m.keys, before, during, after: m.t('notice.ended.heading') }); })")
    workshop = [key for key in result["keys"] if key.endswith("@workshop")]
    assert len(workshop) > 20
    assert sorted(key for key in workshop if key.removesuffix("@workshop") not in result["keys"]) == []
    assert result["before"] == result["after"] == "This review has ended"
    assert result["during"] == ["This workshop has ended", "Cy started the workshop: the clock is running. Now: Close, 5 minutes", "Ended"]


def test_the_agenda_marks_a_phase_now_only_while_the_review_runs(daemon, browsers):
    """In the lobby the first phase was marked "now" before anything had started, and after the
    end the last one, beside "Ended" (a visual audit)."""
    driver = browsers()
    marked = run_in_page(driver, daemon, "import('/js/room-panels.js').then(({ agendaPanel }) => {"
                         "  const agenda = [{ title: 'A', durationSec: 60 }, { title: 'B', durationSec: 60 }];"
                         "  done(['lobby', 'scheduled', 'live', 'paused', 'ended'].map((status) => {"
                         "    const [, list] = agendaPanel({ agenda, clock: { status, phase: status === 'lobby' || status === 'scheduled' ? 0 : 1 } });"
                         "    return [...list.querySelectorAll('[aria-current=step]')].map((li) => li.textContent); }));"
                         "}, (e) => done({ error: String(e) }))")
    assert marked == [[], [], ["B 1 min now"], ["B 1 min now"], []], marked
    assert browser_errors(driver) == []


def test_time_formatting_and_zone_conversion(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/timefmt.js').then((m) => done({"
        "  left: m.formatCountdown(125.2), over: m.formatCountdown(-61), zero: m.formatCountdown(0),"
        "  long: m.formatDuration(3725),"
        "  agenda: [1200, 90, 70, 45, 3600.4].map(m.agendaLength),"
        "  london: m.zonedToUTC('2026-07-01', '09:30', 'Europe/London'),"
        "  winter: m.zonedToUTC('2026-12-01', '09:30', 'Europe/London'),"
        "  tokyo: m.zonedToUTC('2026-12-01', '09:30', 'Asia/Tokyo'),"
        "  instant: m.formatInstant('2026-12-01T09:30:00Z', 'Asia/Tokyo'),"
        "  since: [59999, 60000, 3599999, 3600000, 3900000, 2 * 86400000, -5000].map(m.timeSince),"
        "  late: ['09:30:30', '09:46:10', '09:29:00'].map((at) => m.startParts('2026-12-01T09:30:00Z', 'Europe/London',"
        "         Date.parse(`2026-12-01T${at}Z`), 'Europe/London')).map((p) => [p.ago, p.until]),"
        "  spoken: [12.002, 12.6, 0.4].map(m.formatElapsed), countdown: m.formatDuration(12.002),"
        "  changes: [['2027-03-28', '01:30', 'Europe/London'], ['2027-03-14', '02:30', 'America/New_York'],"
        "            ['2027-10-03', '02:30', 'Australia/Sydney'], ['2027-10-31', '01:30', 'Europe/London'],"
        "            ['2027-11-07', '01:30', 'America/New_York'], ['2027-04-04', '02:30', 'Australia/Sydney'],"
        "            ['2027-06-01', '09:30', 'America/New_York']].map((a) => m.zonedTime(...a)),"
        "  earlyYear: [m.zonedTime('0050-06-01', '09:30', 'UTC').iso, m.utcToZoned('0050-06-01T09:30:00Z', 'UTC')],"
        "}), (e) => done({error: String(e)}));")
    # Years 0-99 are not 1900-1999 (Date.UTC's reading): a start in 0050 was stored as 1950.
    assert result.pop("earlyYear") == ["0050-06-01T09:30:00.000Z", {"date": "0050-06-01", "time": "09:30"}]
    instant = result.pop("instant")
    # A start a minute or more past is late by whole minutes ("Due at", BrowserClient.md "Time").
    assert result.pop("since") == ["", "1 min ago", "59 min ago", "1 h ago", "1 h 5 min ago", "2 days ago", ""]
    assert result.pop("late") == [["", ""], ["16 min ago", ""], ["", "in 1 min"]]
    # Time spent is to the nearest second, as the record gives it; a countdown rounds up.
    assert (result.pop("spoken"), result.pop("countdown")) == (["0:12", "0:13", "0:00"], "0:13")
    # Around a clock change one rule in every zone: a skipped time moves later by the jump, a
    # repeated one is the first occurrence (a probe saw New York differ from London and Sydney).
    assert result.pop("changes") == [
        {"iso": "2027-03-28T01:30:00.000Z", "adjusted": "skipped"},   # 02:30 BST
        {"iso": "2027-03-14T07:30:00.000Z", "adjusted": "skipped"},   # 03:30 EDT
        {"iso": "2027-10-02T16:30:00.000Z", "adjusted": "skipped"},   # 03:30 AEDT
        {"iso": "2027-10-31T00:30:00.000Z", "adjusted": "twice"},     # 01:30 BST, the first
        {"iso": "2027-11-07T05:30:00.000Z", "adjusted": "twice"},     # 01:30 EDT, the first
        {"iso": "2027-04-03T15:30:00.000Z", "adjusted": "twice"},     # 02:30 AEDT, the first
        {"iso": "2027-06-01T13:30:00.000Z", "adjusted": None},
    ]
    assert "2026" in instant and ("18:30" in instant or "6:30" in instant), instant  # 09:30 UTC is 18:30 in Tokyo
    assert "GMT+9" in instant or "JST" in instant, instant  # the zone is named
    assert result == {
        "left": "2:06 left", "over": "+1:01 overtime", "zero": "0:00 left", "long": "1:02:05",
        "agenda": ["20 min", "1 min 30 s", "1 min 10 s", "45 s", "60 min"],
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


def test_what_a_plain_answer_from_the_websockets_url_says_about_the_network(daemon, browsers):
    # 426 is the daemon (the upgrade was dropped on the way); a redirect or another answer below
    # 500 is a sign-in page or filter; no answer, or a reverse proxy's 502, is an ordinary outage.
    driver = browsers()
    cases = [None, {"status": 426}, {"status": 0, "redirected": True}, {"status": 200}, {"status": 403},
             {"status": 502}, {"status": 503}]
    kinds = run_in_page(
        driver, daemon,
        "import('/js/connection.js').then((m) => done(arguments[0].map((a) => m.networkBlock(a))),"
        "  (e) => done(['import failed: ' + e]));", cases)
    assert kinds == [None, "blocked", "intercepted", "intercepted", "intercepted", None, None]


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


def test_someone_removed_from_the_session_keeps_their_name_on_the_page(daemon, browsers):
    """model.js: the signals a person sent are still listed after the facilitator revoked their
    link; they read "p_cE5nAPqU2fZ_eq1f: Please clarify" when the name went with the person (an
    audit). They keep the name they were shown under; an id never seen stays as it is."""
    driver = browsers()
    seen = run_in_page(
        driver, daemon,
        "import('/js/model.js').then(({ SessionModel }) => {"
        "  const m = new SessionModel();"
        "  const asha = { id: 'p1', name: 'Asha', role: 'reviewer' }, asha2 = { id: 'p2', name: 'Asha', role: 'host' },"
        "    ben = { id: 'p3', name: 'Ben', role: 'reviewer' };"
        "  m.welcome({ you: { id: 'p3' }, session: { participants: [asha, asha2, ben] } });"
        "  const before = [m.nameOf('p1'), m.nameOf('p2')];"
        "  m.apply({ name: 'participant.changed', data: { participants: [asha2, ben] } });"
        "  done([...before, m.nameOf('p1'), m.nameOf('p2'), m.nameOf('p9'), m.participant('p1')]);"
        "}, (e) => done(['import failed: ' + e]));")
    # The one removed keeps the name shown while they were there; the other Asha is alone now.
    assert seen == ["Asha (1)", "Asha (2)", "Asha (1)", "Asha", "p9", None]
    assert browser_errors(driver) == []


def test_the_catch_up_tells_the_speaker_what_is_left_of_a_turn_whose_end_moved(daemon, browsers):
    """room-news.js: after a drop during which the clock was paused and resumed under a timed
    turn (its end moved on), the speaker hears what is left, once, with the rest of the catch-up,
    as they would have live; not when the end did not move, and not someone else. One given the
    floor meanwhile hears what is left of a timed turn (a flaky Wi-Fi probe heard only "You have
    the floor"), and just that for an untimed one."""
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
        "        catchUpNews(room(was), room(moved), who('r1', null)),"
        "        catchUpNews(room(null), room(moved), who('r1', -75)),"
        "        catchUpNews(room(null), room(moved), who('r1', 30)),"
        "        catchUpNews(room(null), room({ ...moved, turnEndsAt: null }), who('r1', null)),"
        "        catchUpNews(room(null), room(null), { ...who('r1', null), hadFloorMeanwhile: true }),"
        "        catchUpNews(room(null), room(moved), { ...who('r2', null), hadFloorMeanwhile: true })]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [{"urgent": [], "polite": ["Your turn: 1 minute 40 seconds left"]}, {"urgent": [], "polite": []},
                    {"urgent": [], "polite": []}, {"urgent": [], "polite": []},
                    # Given the floor while away for a turn already over (a sleep probe): said so.
                    {"urgent": ["You were given the floor, and your turn time is over"], "polite": []},
                    # Given the floor while away for a turn still running: what is left of it.
                    {"urgent": ["You have the floor, 30 seconds left"], "polite": []},
                    {"urgent": ["You have the floor"], "polite": []},
                    # Given the floor and over again while away: nobody speaks now, or someone else does.
                    {"urgent": [], "polite": ["You were given the floor while you were away, and that turn has ended: raise your hand to speak."]},
                    {"urgent": [], "polite": ["r1 has the floor", "You were given the floor while you were away, and that turn has ended: raise your hand to speak."]}]
    assert browser_errors(driver) == []


def test_a_paste_taken_back_leaves_what_others_wrote_inside_it(daemon, browsers):
    """text-ranges.js: where a large paste went is followed through every later op, so a paste
    the note cannot hold is taken back whole. A paste probe: a reviewer's saved words written
    inside the paste while its pieces went out were taken back with it. Text inserted inside a
    range now splits it; deleted text leaves it."""
    driver = browsers()
    results = run_in_page(
        driver, daemon,
        "Promise.all([import('/js/text-ranges.js'), import('/js/text-operation.js')]).then(([r, { TextOperation }]) => {"
        "  const op = (parts) => parts.reduce((o, c) => typeof c === 'string' ? o.insert(c) : c > 0 ? o.retain(c) : o.delete(-c), new TextOperation());"
        "  const move = (ranges, parts) => r.moveRanges(ranges, op(parts));"
        "  const pasted = 'kept ' + 'p'.repeat(20);"
        "  const theirs = op([12, 'BILAL', 13]);"
        "  const ranges = r.moveRanges([{ from: 5, to: 25 }], theirs);"
        "  done([move([{ from: 5, to: 15 }], [10, 'XY', 10]), move([{ from: 5, to: 15 }], [5, 'XY', 15]),"
        "        move([{ from: 5, to: 15 }], [15, 'XY', 5]), move([{ from: 5, to: 15 }], [3, -4, 'ab', 13]),"
        "        move([{ from: 5, to: 15 }], [5, -10, 5]),"
        "        r.deletingRanges(theirs.apply(pasted), ranges).apply(theirs.apply(pasted))]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert results == [[{"from": 5, "to": 10}, {"from": 12, "to": 17}], [{"from": 7, "to": 17}],
                       [{"from": 5, "to": 15}], [{"from": 5, "to": 13}], [],
                       "kept BILAL"]
    assert browser_errors(driver) == []


def test_a_rounds_start_end_and_the_next_person_are_said(daemon, browsers):
    """floor-news.js: a round used to start and end without a word, and nobody heard their turn
    was coming. Now its start (how many, how long each, in words: "1:30" read as a time of day),
    its end (finished when the last person's turn ended, stopped otherwise), "You are next in the
    round" to the person after the speaker, once per move, and to a speaker a round starts with,
    that they speak first."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/floor-news.js').then(({ roundNews }) => {"
        "  const round = (index) => ({ round: { order: ['a', 'b', 'c'], index, secondsEach: 90, passed: [] } });"
        "  const free = { round: null };"
        "  done([roundNews(free, round(0), { me: 'b' }), roundNews(round(0), round(1), { me: 'c' }),"
        "        roundNews(round(1), round(1), { me: 'c' }), roundNews(round(1), round(2), { me: 'c' }),"
        "        roundNews(round(2), free, { me: 'a' }), roundNews(round(1), free, { me: 'a' }),"
        "        roundNews(free, free, { me: 'a' }),"
        "        roundNews({ round: null, speaker: 'a' }, { ...round(0), speaker: 'a' }, { me: 'a' }),"
        "        roundNews({ round: null, speaker: 'b' }, { ...round(0), speaker: 'a' }, { me: 'a' }),"
        "        roundNews(free, { round: { order: ['a'], index: 0, secondsEach: 60, passed: [] } }, { me: 'b' })]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [
        {"first": "A round has started: 3 people, 1 minute 30 seconds each", "last": "You are next in the round"},
        {"first": None, "last": "You are next in the round"},
        {"first": None, "last": None},  # the same turn again: said once
        {"first": None, "last": None},  # c speaks now: "You have the floor" says that
        {"first": "The round has finished", "last": None},
        {"first": "The round was stopped", "last": None},
        {"first": None, "last": None},
        # Speaking already and first in the order: a fresh turn "You have the floor" does not say.
        {"first": "A round has started: 3 people, 1 minute 30 seconds each",
         "last": "You speak first in the round, 1 minute 30 seconds"},
        # Given the floor by the round: "You have the floor for …" says it, not this.
        {"first": "A round has started: 3 people, 1 minute 30 seconds each", "last": None},
        # One person: not "1 people" (an audit).
        {"first": "A round has started: 1 person, 1 minute", "last": None},
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


# Real refusals of the server (ReviewRoomCore's messages, as a co-facilitator met them), with the
# command that drew each: refusal-text.js says what happened in the console's words.
REFUSALS = [
    ["floor.grant", {"participant": "p_sgsSFuF4KOePFo4i", "turnSec": 120}, "invalid_state",
     "floor.grant to 'p_sgsSFuF4KOePFo4i' during a round: the round decides who speaks; "
     "stop it with round.stop first, or move it on with floor.next"],
    ["session.end", {}, "session_ended", "session s_UXmSzoLHnmFhvS-E has ended: session.end cannot change it any more"],
    ["clock.extend", {"seconds": 60}, "session_ended", "session s_UXmSzoLHnmFhvS-E has ended: clock.extend cannot change it any more"],
    ["phase.next", {}, "invalid_state", 'phase.next at the last phase: phase 4 ("Reflection") is the last of 5'],
    ["phase.prev", {}, "invalid_state", 'phase.prev at the first phase: there is no phase before phase 0 ("Welcome")'],
    ["round.start", {"secondsEach": 90}, "invalid_state", "round.start while a round is in progress: stop it first with round.stop"],
    ["floor.release", {}, "forbidden", "Asha does not have the floor: only the speaker or a facilitator may release it"],
    ["prompt.show", {"prompt": "q3"}, "not_found", "prompt.show: the deck has no prompt 'q3'"],
    ["prompt.discussed", {"prompt": "q3", "discussed": True}, "not_found", "prompt.discussed: the deck has no prompt 'q3'"],
    ["phase.next", {}, "invalid_state", "phase.next needs a running session: session s_UXmSzoLHnmFhvS-E has not started yet"],
    ["hand.lower", {"participant": "p_gone1"}, "not_found", "hand.lower: participant 'p_gone1' is not in this session"],
    ["floor.grant", {"participant": "p_olga"}, "bad_request", "floor.grant: Olga is an observer and cannot take the floor"],
    ["prompt.add", {"text": "x"}, "bad_request", "prompt.add text has 1001 characters: at most 1000 fit"],
    ["signal", {"kind": "agree"}, "unauthorized", "participant 'p_x9' is not in session s_abc"],
    # Two facilitators pressed Next (phase, or speaker in a round) at once: the second is refused.
    ["phase.next", {"phase": 1}, "invalid_state",
     'phase.next was meant to move on from phase 1 ("Evidence"), but phase 2 ("Discussion") is current now: nothing was changed'],
    ["floor.next", {"speaker": "p_asha"}, "invalid_state", "floor.next was meant to move on from the turn of Asha ('p_asha'), "
     "but Eve ('p_sgsSFuF4KOePFo4i') has the floor now: nothing was changed"],
    ["floor.next", {"speaker": "p_asha"}, "invalid_state",
     "floor.next was meant to move on from the turn of Asha ('p_asha'), but nobody has the floor now: nothing was changed"],
    # "Next speaker" on a view a moment behind: the hand it showed first is not first any more.
    ["floor.next", {"next": "p_asha"}, "invalid_state", "floor.next was meant to give the floor to Asha ('p_asha'), "
     "but Eve ('p_sgsSFuF4KOePFo4i') would have it now: nothing was changed"],
    ["floor.next", {"next": "p_asha"}, "invalid_state",
     "floor.next was meant to give the floor to Asha ('p_asha'), but no hand is up now: nothing was changed"],
]


def test_refusals_are_said_in_plain_words_without_ids_or_command_names(daemon, browsers):
    """refusal-text.js: the console showed "Refused: floor.grant to 'p_sgs…' during a round: …
    stop it with round.stop first" and "Refused: phase.next at the last phase: phase 4 (…)". Each
    refusal now names the person and the console's buttons, counts phases from 1 as the console
    does, and says that an End pressed twice had already happened."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/refusal-text.js').then(({ refusalText }) => {"
        "  const names = { p_sgsSFuF4KOePFo4i: 'Eve', p_asha: 'Asha', p_olga: 'Olga' };"
        "  const titles = ['Welcome', 'Evidence', 'Discussion', 'Actions', 'Reflection'];"
        "  const context = (floor) => ({ me: 'p_fran', nameOf: (id) => names[id] ?? null, phaseTitle: (i) => titles[i],"
        "    clock: { status: 'live', phase: 4 }, floor });"
        "  const said = arguments[0].map(([type, fields, code, message]) =>"
        "    refusalText(type, fields, { code, message }, context({ speaker: null, queue: [] })));"
        # The reviewer's "Finish my turn" after the floor went to someone else meanwhile.
        "  said.push(refusalText('floor.release', {}, { code: 'forbidden', message: 'Asha does not have the floor: only the speaker or a facilitator may release it' },"
        "    { ...context({ speaker: 'p_sgsSFuF4KOePFo4i', queue: [] }), me: 'p_asha' }));"
        # The other facilitator's press gave Asha the floor a moment before.
        "  said.push(refusalText('floor.next', { next: 'p_asha' }, { code: 'invalid_state', message: \"floor.next was meant to give "
        "the floor to Asha ('p_asha'), but Eve ('p_sgsSFuF4KOePFo4i') would have it now: nothing was changed\" },"
        "    context({ speaker: 'p_asha', queue: [] })));"
        "  done(said);"
        "}, (e) => done(['import failed: ' + e]));", REFUSALS)
    assert said == [
        "A round is under way and it decides who speaks, so Eve was not given the floor. "
        "Use “Stop the round” first, or “Next speaker” to move the round on.",
        "The review had already been ended, so there was nothing more to do.",
        "The review has already ended, so nothing can be changed any more.",
        "This is already the last phase (5. Reflection): there is no next phase.",
        "This is already the first phase (1. Welcome): there is no previous phase.",
        "A round is already under way, so no new round was started. To start another, use “Stop the round” first.",
        "Nobody has the floor any more: the turn had already ended.",
        "That question was removed meanwhile, so it could not be shown.",
        "That question was removed meanwhile, so it could not be marked as discussed.",
        "Refused: the review has not started yet. Start it first with “Start session”.",
        "That person is no longer in this review.",
        # Nothing more specific: the server's sense, without the command's name.
        "Refused: Olga is an observer and cannot take the floor",
        "Refused: the question has 1001 characters: at most 1000 fit",
        "Refused: that person is not in the review",
        "The room had just moved to 3. Discussion, so your “Next phase” changed nothing (it was meant to move on from 2. Evidence).",
        "Eve had just been given the floor, so your “Next speaker” changed nothing: Eve’s turn goes on.",
        "Asha’s turn had just ended, so your “Next speaker” changed nothing.",
        "The queue had just changed, so your “Next speaker” changed nothing (it was meant for Asha): Eve is first now. "
        "Press it again to give Eve the floor.",
        "No hand is up any more, so your “Next speaker” changed nothing (it was meant for Asha).",
        "That turn had already ended: Eve has the floor now.",
        "Asha had just been given the floor, so your “Next speaker” changed nothing: Asha’s turn goes on.",
    ]
    for text in said:
        assert not re.search(r"\b[ps]_[A-Za-z0-9]", text), text
        assert not re.search(r"\b(session|clock|phase|hand|floor|round|prompt|note)\.[a-z]", text), text
        assert not re.search(r"\bphase \d", text), text  # 0-based numbers stay on the wire
    assert browser_errors(driver) == []


def test_a_direct_response_hand_is_said_as_one_to_the_facilitator(daemon, browsers):
    """floor-news.js: a `response` hand was said as "Eve raised a hand (1st)", like any other."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/floor-news.js').then(({ handNews }) => {"
        "  const names = { e: 'Eve', b: 'Ben' };"
        "  const who = { me: 'f', facilitator: true, nameOf: (id) => names[id] };"
        "  const hand = (participant, kind) => ({ participant, kind, raisedAt: '2026-12-01T09:00:00Z' });"
        "  const one = { speaker: null, queue: [hand('b', 'contribution')] };"
        "  done([handNews({ speaker: null, queue: [] }, one, who),"
        "        handNews(one, { speaker: null, queue: [hand('e', 'response'), hand('b', 'contribution')] }, who)]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [["Ben raised a hand (1st)"], ["Eve wants to respond directly (1st)"]]
    assert browser_errors(driver) == []


def test_shortcuts_are_alt_shift_with_a_letter_or_an_arrow_read_from_the_physical_key(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/room-rules.js').then((r) => {"
        "  const press = (code, key, mods = { altKey: true, shiftKey: true }) => r.shortcutOf({ code, key, ...mods });"
        "  done({ letters: ['KeyH', 'KeyR', 'KeyN', 'KeyP', 'KeyE', 'KeyC', 'KeyS'].map((c) => press(c, 'x')),"
        "    arrows: ['ArrowRight', 'ArrowLeft', 'ArrowDown', 'ArrowUp'].map((c) => press(c, c)),"
        "    macAlt: press('KeyN', '˜'), noCode: press('', 'n'), noCodeArrow: press('', 'ArrowDown'),"
        "    altOnly: press('KeyN', 'n', { altKey: true }), shiftOnly: press('ArrowRight', 'ArrowRight', { shiftKey: true }),"
        "    withCtrl: press('KeyN', 'n', { altKey: true, shiftKey: true, ctrlKey: true }),"
        "    aria: ['next', 'prev', 'nextSpeaker', 'endTurn', 'clock', 'hand'].map(r.keyShortcuts) });"
        "}, (e) => done({ error: String(e) }));")
    assert result == {
        "letters": ["hand", "respond", "next", "prev", "endTurn", "clock", None],
        "arrows": ["next", "prev", "nextSpeaker", None],
        "macAlt": "next", "noCode": "next", "noCodeArrow": "nextSpeaker",
        "altOnly": None, "shiftOnly": None, "withCtrl": None,
        "aria": ["Alt+Shift+N Alt+Shift+ArrowRight", "Alt+Shift+P Alt+Shift+ArrowLeft", "Alt+Shift+ArrowDown",
                 "Alt+Shift+E", "Alt+Shift+C", "Alt+Shift+H"]}
    assert browser_errors(driver) == []


def test_least_speaking_time_first_keeps_equals_in_their_places(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/round-order.js').then(({ RoundOrder }) => {"
        "  const order = new RoundOrder();"
        "  const people = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, role: 'reviewer' }));"
        "  order.sync(people, new Set(['a', 'b', 'c', 'd', 'e']));"
        "  order.include('e', false);"
        "  const spoken = { a: 30, b: 0, c: 30, d: 4.5, e: 0 };"
        "  order.leastSpokenFirst((id) => spoken[id]);"
        "  const sorted = order.entries.map((e) => e.id + (e.included ? '' : '-'));"
        "  order.sync(people, new Set(['a']));"  # arranged: presence no longer reorders
        "  done({ sorted, afterPresence: order.entries.map((e) => e.id), sent: order.order() });"
        "}, (e) => done({ error: String(e) }));")
    assert result == {"sorted": ["b", "e-", "d", "a", "c"], "afterPresence": ["b", "e", "d", "a", "c"],
                      "sent": ["b", "d", "a", "c"]}
    assert browser_errors(driver) == []


def test_the_consoles_addresses_name_its_views_both_ways(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/console-routes.js').then((m) => done({"
        "  parsed: ['', '#', '#schedule', '#session/s_1', '#session/s_1/edit', '#session/s_1/live',"
        "           '#session', '#session/', '#session/s_1/other', '#session/s_1/live/x', '#schedule/x',"
        "           '#session/%E0%A4', '#session/a%2Fb', '#cofacilitate', '#session/s_1/copy'].map(m.parseRoute),"
        "  hashes: [{ view: 'sessions' }, { view: 'schedule' }, { view: 'session', id: 's_1' },"
        "           { view: 'edit', id: 's_1' }, { view: 'live', id: 'a/b' }, { view: 'copy', id: 's_1' }].map(m.routeHash),"
        "}));")
    sessions = {"view": "sessions"}
    assert result["parsed"] == [
        sessions, sessions, {"view": "schedule"}, {"view": "session", "id": "s_1"},
        {"view": "edit", "id": "s_1"}, {"view": "live", "id": "s_1"},
        sessions, sessions, sessions, sessions, sessions,
        sessions, {"view": "session", "id": "a/b"}, sessions, {"view": "copy", "id": "s_1"}]
    assert result["hashes"] == ["", "#schedule", "#session/s_1", "#session/s_1/edit", "#session/a%2Fb/live", "#session/s_1/copy"]


def test_the_session_list_groups_by_where_sessions_stand_and_filters_by_words(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/session-list.js').then((m) => {"
        "  const s = (title, status, startsAt, hostSchool = 'Northfield') => ({ title, status, startsAt, hostSchool });"
        "  const list = [s('Old', 'ended', '2026-01-10T09:00:00Z'), s('Soon', 'lobby', '2026-12-01T09:00:00Z'),"
        "    s('Later', 'scheduled', '2027-02-01T09:00:00Z'), s('Now', 'live', '2026-11-30T09:00:00Z'),"
        "    s('Newer', 'ended', '2026-06-10T09:00:00Z'), s('Break', 'paused', '2026-11-29T09:00:00Z'),"
        "    s('Next', 'scheduled', '2026-12-20T09:00:00Z', 'École Sainte-Anne')];"
        "  const before = Date.parse('2026-11-30T12:00:00Z'), after = Date.parse('2026-12-01T09:11:00Z');"
        "  done({ groups: m.groupSessions(list, before).map((g) => [g.key, g.sessions.map((x) => x.title)]),"
        "    later: m.groupSessions(list, after).map((g) => [g.key, g.sessions.map((x) => x.title)]),"
        "    onlyEnded: m.groupSessions([list[0]], before).map((g) => g.key),"
        "    matches: ['ecole', 'ÉCOLE anne', 'sainte north', '', '  ', 'next ecole'].map((q) => m.sessionMatches(list[6], q)) });"
        "});")
    assert result["groups"] == [["running", ["Break", "Now"]], ["upcoming", ["Soon", "Next", "Later"]], ["ended", ["Newer", "Old"]]]
    # Eleven minutes past its start and not started, a review is due, not upcoming (a visual audit).
    assert result["later"] == [["running", ["Break", "Now"]], ["due", ["Soon"]], ["upcoming", ["Next", "Later"]],
                               ["ended", ["Newer", "Old"]]], result["later"]
    assert result["onlyEnded"] == ["ended"]
    assert result["matches"] == [True, True, False, True, True, True]


def test_the_changed_range_between_two_texts_is_one_replace_that_turns_one_into_the_other(daemon, browsers):
    driver = browsers()
    cases = [["aa", "aaa"], ["abc", "abc"], ["hello world", "hello brave world"], ["abcdef", "abf"], ["", "x"], ["x", ""],
             ["abab", "ab"], ["line\nline\n", "line\nnew\nline\n"]]
    result = run_in_page(
        driver, daemon,
        "import('/js/note-remote.js').then((m) => done(arguments[0].map(([a, b]) => {"
        "  const [from, oldTo, newTo] = m.changedRange(a, b);"
        "  return [from, oldTo, newTo, a.slice(0, from) + b.slice(from, newTo) + a.slice(oldTo) === b];"
        "})));", cases)
    assert [r[3] for r in result] == [True] * len(cases), result
    assert result[0][:3] == [2, 2, 3] and result[1][:3] == [3, 3, 3] and result[2][:3] == [6, 6, 12], result


def test_a_value_put_into_a_sentence_closes_the_direction_controls_it_leaves_open(daemon, browsers):
    """A session title with an unclosed right-to-left override (U+202E) reversed the words after
    it wherever it was put: the page's title, "Next: …", a confirmation (an injection audit)."""
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "Promise.all([import('/js/strings.js'), import('/js/names.js')]).then(([s, n]) => done({"
        "  next: s.t('display.next', { phase: 'Two\\u202e', length: '10 min' }),"
        "  plain: s.t('display.next', { phase: 'Two', length: '10 min' }),"
        "  nested: n.balancedDirection('a\\u202bb\\u2067c'),"
        "  closedAlready: n.balancedDirection('a\\u202eb\\u202c c'),"
        "  isolateClosesInner: n.balancedDirection('a\\u2066b\\u202ec\\u2069 d') }));")
    assert result["next"] == "Next: Two\u202e\u202c · 10 min", result
    assert result["plain"] == "Next: Two · 10 min", result
    assert result["nested"] == "a\u202bb\u2067c\u2069\u202c", result
    assert result["closedAlready"] == "a\u202eb\u202c c", result
    assert result["isolateClosesInner"] == "a\u2066b\u202ec\u2069 d", result


def test_download_names_say_the_sessions_date_and_title_and_suit_every_file_system(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/download-names.js').then((m) => {"
        "  const s = (title, startsAt = '2026-12-03T23:30:00Z', timeZone = 'Europe/Paris') => ({ id: 's_x1', title, startsAt, timeZone });"
        "  done({ record: m.recordFileName(s('Reading review'), 'md'), calendar: m.calendarFileName(s('Reading review')),"
        "    unsafe: m.sessionFileStem(s('Maths/Science: \"Y6\" <set 2>?')), dotted: m.sessionFileStem(s('..hidden\\nline')),"
        "    blank: m.sessionFileStem(s('///')), long: [...m.sessionFileStem(s('é'.repeat(200)))].length,"
        "    utc: m.sessionFileStem(s('Late', '2026-12-03T23:30:00Z', 'UTC')),"
        "    cutAtDot: m.sessionFileStem(s('a'.repeat(79) + '. b')),"
        "    invisible: m.recordFileName(s('Minutes \\u202efdp.'), 'html'),"
        "    zeroWidth: m.sessionFileStem(s('Re\\u200bading\\u2066 review\\ufeff\\uffff')),"
        "    flagAtCut: m.sessionFileStem(s('a'.repeat(79) + '\\u{1F1EC}\\u{1F1E7} x')),"
        "    markedSlash: m.sessionFileStem(s('Maths /\\u0307 x')) });"
        "});")
    # 23:30 UTC is already the 4th in Paris: the date the school reads on its calendar.
    assert result["record"] == "2026-12-04 Reading review - record.md"
    assert result["calendar"] == "2026-12-04 Reading review.ics"
    assert result["unsafe"] == "2026-12-04 Maths-Science- -Y6- -set 2"
    assert result["dotted"] == "2026-12-04 hidden-line"
    assert result["blank"] == "2026-12-04 s_x1"
    assert result["long"] == len("2026-12-04 ") + 80
    assert result["utc"] == "2026-12-03 Late"
    # Cut at 80 characters right after a dot, which Windows would drop from the name.
    assert result["cutAtDot"] == "2026-12-04 " + "a" * 79
    # As on the server: a right-to-left override or a zero-width character leaves the name.
    assert result["invisible"] == "2026-12-04 Minutes fdp - record.html"
    assert result["zeroWidth"] == "2026-12-04 Reading review"
    # Characters as a reader sees them, as on the server: the cut keeps a flag whole (its two
    # code points made the 80th and 81st), and a mark on a refused "/" goes with it.
    assert result["flagAtCut"] == "2026-12-04 " + "a" * 79 + "\U0001F1EC\U0001F1E7"
    assert result["markedSlash"] == "2026-12-04 Maths - x"


def test_a_gap_in_the_pages_timers_is_a_sleep_whose_backlog_is_caught_up_once(daemon, browsers):
    """wake-watch.js: events that come after the page's 250 ms timer has not run for over 10 s
    waited during a sleep or a freeze; they are held from being said until 1 s after the wake,
    when the timer says once that it is time to catch up. A quiet page is not a sleep."""
    driver = browsers()
    seen = run_in_page(
        driver, daemon,
        "import('/js/wake-watch.js').then(({ WakeWatch }) => {"
        "  const w = new WakeWatch(0), out = [];"
        "  for (let t = 250; t <= 5000; t += 250) out.push(w.beat(t));"  # awake: never time to catch up
        "  out.push(w.catchingUp(5100));"                                 # an event on a running page
        "  out.push(w.catchingUp(20000));"                                # first event after 15 s of nothing
        "  out.push(w.catchingUp(20010), w.beat(20020), w.beat(20500));"  # the backlog, the first beats
        "  out.push(w.beat(21020), w.beat(21270), w.catchingUp(21300));"  # caught up once, then live again
        "  done(out);"
        "}, (e) => done(['import failed: ' + e]));")
    assert seen == [False] * 20 + [False, True, True, False, False, True, False, False]
    assert browser_errors(driver) == []


def test_a_change_made_elsewhere_holds_presses_for_a_moment_by_the_given_clock(daemon, browsers):
    """just-changed.js with a made-up clock: a change counts from when it was seen, unless it was
    this console's own or the first look; it holds presses for `settleMs`, then no longer."""
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/just-changed.js').then(({ JustChanged }) => {"
        "  let now = 1000; const j = new JustChanged(() => now, 1000); const out = [];"
        "  j.observe('phase', 0); out.push(j.settling('phase'));"      # the first look: nothing to wait for
        "  now = 2000; j.observe('phase', 1); out.push(j.settling('phase'));"  # moved elsewhere: wait
        "  now = 2999; j.observe('phase', 1); out.push(j.settling('phase'));"  # unchanged since
        "  now = 3000; out.push(j.settling('phase'));"                   # a second on: meant
        "  j.observe('phase', 2, true); out.push(j.settling('phase'));"   # this console's own move
        "  out.push(j.settling('floor'));"                                 # never seen
        "  done(out);"
        "}, (e) => done({ error: String(e) }));")
    assert result == [False, True, True, False, False, False]
    assert browser_errors(driver) == []


def test_who_made_a_change_is_named_only_when_known(daemon, browsers):
    """`movers.js`: an event's `by` (a ReviewRoom addition) as the console names it: someone else
    by name, one's own other screen, the server by itself, or nobody when it is not known."""
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "Promise.all([import('/js/movers.js'), import('/js/recent-events.js')]).then(([m, r]) => {"
        "  const names = { p_cy: 'Cy' };"
        "  const of = (by) => m.moverOf(by, 'p_me', (id) => names[id]);"
        "  done({ other: of('p_cy'), self: of('p_me'), server: of(null), unknown: of(undefined), gone: of('p_gone'),"
        "    keys: [of('p_cy'), of('p_me'), of(null), of(undefined)].map((x) => m.moverKey('k', x)),"
        "    onlyOther: [of('p_me'), of(null)].map((x) => m.moverKey('k', x, ['other'])),"
        "    by: [r.byOf({ by: 'p_cy' }), r.byOf({}), r.byOf({ by: 7 })] });"
        "}, (e) => done({ error: String(e) }));")
    assert result == {"other": {"kind": "other", "name": "Cy"}, "self": {"kind": "self"}, "server": {"kind": "server"},
                      "unknown": None, "gone": None, "keys": ["kBy", "kSelf", "kServer", "k"], "onlyOther": ["k", "k"],
                      "by": ["p_cy", None, None]}, result
    assert browser_errors(driver) == []


def test_a_refusal_after_the_phase_moved_on_names_who_moved_it_when_known(daemon, browsers):
    """refusal-text.js with `phaseMover`: the phase had moved on because a co-facilitator moved it,
    or the server at time-up; the sentence says which, and names nobody when the move the page
    knows of is not a move to that phase (`phaseMover` gives null)."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/refusal-text.js').then(({ refusalText }) => {"
        "  const titles = ['Welcome', 'Evidence', 'Discussion'];"
        "  const movers = { other: { kind: 'other', name: 'Cy' }, server: { kind: 'server' }, none: null };"
        "  const next = { code: 'invalid_state', message: 'phase.next was meant to move on from phase 1 (\"Evidence\"), '"
        "    + 'but phase 2 (\"Discussion\") is current now: nothing was changed' };"
        "  const extend = { code: 'invalid_state', message: 'clock.extend was meant for phase 1 (\"Evidence\"), '"
        "    + 'but phase 2 (\"Discussion\") is current now: nothing was changed' };"
        "  const said = [];"
        "  for (const who of ['other', 'server', 'none']) {"
        "    const context = { me: 'p_fran', phaseTitle: (i) => titles[i], clock: { status: 'live', phase: 2 },"
        "      phaseMover: (index) => (index === 2 ? movers[who] : { kind: 'other', name: 'Wrong' }) };"
        "    said.push(refusalText('phase.next', { phase: 1 }, next, context));"
        "    said.push(refusalText('clock.extend', { seconds: 60, phase: 1 }, extend, context));"
        "  }"
        "  done(said);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [
        "Cy had just moved the room to 3. Discussion, so your “Next phase” changed nothing (it was meant to move on from 2. Evidence).",
        "Cy had just moved the room to 3. Discussion, so the time was not changed (it was meant for 2. Evidence).",
        "At time-up the room had just moved on by itself to 3. Discussion, so your “Next phase” changed nothing "
        "(it was meant to move on from 2. Evidence).",
        "At time-up the room had just moved on by itself to 3. Discussion, so the time was not changed (it was meant for 2. Evidence).",
        "The room had just moved to 3. Discussion, so your “Next phase” changed nothing (it was meant to move on from 2. Evidence).",
        "The phase had just changed to 3. Discussion, so the time was not changed (it was meant for 2. Evidence).",
    ], said
    assert browser_errors(driver) == []


def test_a_refusal_after_the_floor_changed_names_the_facilitator_who_gave_it(daemon, browsers):
    """refusal-text.js with `floorGiver`: "Next speaker" or "End the turn" landed after a
    co-facilitator gave someone else the floor; the sentence names them when known."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/refusal-text.js').then(({ refusalText }) => {"
        "  const names = { p_eve: 'Eve', p_asha: 'Asha' };"
        "  const next = { code: 'invalid_state', message: \"floor.next was meant to move on from the turn of Asha ('p_asha'), \""
        "    + \"but Eve ('p_eve') has the floor now: nothing was changed\" };"
        "  const release = { code: 'invalid_state', message: \"floor.release was meant for the turn of Asha ('p_asha'), \""
        "    + \"but Eve ('p_eve') has the floor now: nothing was changed\" };"
        "  const said = [];"
        "  for (const giver of [{ kind: 'other', name: 'Fran' }, null]) {"
        "    const context = { me: 'p_cy', nameOf: (id) => names[id] ?? null, floor: { speaker: 'p_eve', queue: [] },"
        "      floorGiver: (id) => (id === 'p_eve' ? giver : { kind: 'other', name: 'Wrong' }) };"
        "    said.push(refusalText('floor.next', { speaker: 'p_asha' }, next, context));"
        "    said.push(refusalText('floor.release', { participant: 'p_asha' }, release, context));"
        "  }"
        "  done(said);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [
        "Fran had just given the floor to Eve, so your “Next speaker” changed nothing: Eve’s turn goes on.",
        "Fran had just given the floor to Eve, so Asha’s turn had already ended and Eve’s goes on. To end it, use “End the turn” again.",
        "Eve had just been given the floor, so your “Next speaker” changed nothing: Eve’s turn goes on.",
        "Eve had just been given the floor, so Asha’s turn had already ended and Eve’s goes on. To end it, use “End the turn” again.",
    ], said
    assert browser_errors(driver) == []
