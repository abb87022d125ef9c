"""At a deadline the server acts on by itself (an advancing phase's time-up, a round's turn),
a facilitator's "Next phase" / "Next speaker" that lands just after the server's own move
would skip a phase or a person: the console does not send it then, and says why."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import hold_events, release_events, settle_for
from pages import click_when_ready, command, open_live_console, participant_id, schedule_via_api, wait_js, wait_until
from room_helpers import said_log, settled

AGENDA = [{"title": "Briefing", "kind": "briefing", "durationSec": 600, "onTimeUp": "advance"},
          {"title": "Evidence", "kind": "evidence", "durationSec": 600, "onTimeUp": "overtime"},
          {"title": "Round", "kind": "round", "durationSec": 600, "onTimeUp": "overtime"}]


def live_console(daemon, facilitator, browsers, title, people):
    created = schedule_via_api(daemon, facilitator, title, people, agenda=AGENDA)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, title)
    assert "error" not in command(console, "session.start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console


def held(console, script):
    """Waits until an event the console holds back matches `script` (a test on `e`)."""
    wait_js(console, f"return (window.heldEvents || []).some((e) => {script})", timeout=30)


def refusal_says(console, text):
    wait_js(console, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.innerText.includes(arguments[0])", text, message=f"the console never said {text!r}")


def test_next_phase_at_an_advancing_phases_time_up_skips_nothing(daemon, facilitator, api_ready, browsers):
    created, console = live_console(daemon, facilitator, browsers, "Time-up advance", ["Asha"])
    left = console.execute_script("const r = window.reviewroom; return r.model.remainingSec(r.connection.serverNow())")
    assert "error" not in command(console, "clock.extend", {"seconds": -(int(left) - 2)})
    # The server moves on to Evidence at time-up; the facilitator, not having seen it yet, presses Next phase.
    hold_events(console)
    held(console, "e.name === 'clock.changed' && e.data.clock.phase === 1")
    click_when_ready(console, "control-next")
    refusal_says(console, "This phase moves on by itself at time-up")
    release_events(console)
    settled(console)
    assert console.execute_script("return window.reviewroom.model.session.clock.phase") == 1
    assert browser_errors(console) == []


def test_next_speaker_at_the_end_of_a_round_turn_skips_nobody(daemon, facilitator, api_ready, browsers):
    created, console = live_console(daemon, facilitator, browsers, "Round turn ends", ["Asha", "Bo", "Cai"])
    order = [participant_id(created, name) for name in ("Asha", "Bo", "Cai")]
    assert "error" not in command(console, "round.start", {"order": order, "secondsEach": 10})
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-stop"))
    # The round moves on to Bo when Asha's 10 s are over; the facilitator presses Next speaker just then.
    hold_events(console)
    held(console, "e.name === 'floor.changed' && e.data.floor.round && e.data.floor.round.index === 1")
    click_when_ready(console, "control-next-speaker")
    refusal_says(console, "the round moves on by itself now")
    release_events(console)
    settled(console)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert floor["speaker"] == order[1] and floor["round"]["index"] == 1, floor
    assert browser_errors(console) == []


def test_minutes_added_just_after_an_advance_change_nothing_and_say_so(daemon, facilitator, api_ready, browsers):
    """The ±minutes carry the phase shown: pressed as the phase runs out and landing after the
    server moved on, they are refused, not given to the next phase (where "−5 min" ended a
    five-minute break at once and skipped it: a co-facilitation audit)."""
    created, console = live_console(daemon, facilitator, browsers, "Late extension", ["Asha"])
    left = console.execute_script("const r = window.reviewroom; return r.model.remainingSec(r.connection.serverNow())")
    assert "error" not in command(console, "clock.extend", {"seconds": -(int(left) - 2)})
    # "+1 min!" as the Briefing runs out, but the server has already moved on to Evidence.
    hold_events(console)
    held(console, "e.name === 'clock.changed' && e.data.clock.phase === 1")
    click_when_ready(console, "control-extend-plus-60")
    # Read before the held events go in: the refusal's wording names who moved the phase once the
    # console has seen the move (the server, at time-up), and the reply raced the release.
    refusal_says(console, "The phase had just changed to 2. Evidence, so the time was not changed (it was meant for 1. Briefing).")
    release_events(console)
    settled(console)
    clock = console.execute_script("return window.reviewroom.model.session.clock")
    assert clock["phase"] == 1 and clock["durationSec"] == 600
    assert browser_errors(console) == []


def test_a_press_just_after_the_advance_at_time_up_says_the_room_moved_on_by_itself(daemon, facilitator, api_ready, browsers):
    """The server's own move carries no `by`: the console's wait after it says the room moved on
    by itself, not that someone did (the wait's sentence names a co-facilitator who moved it)."""
    created, console = live_console(daemon, facilitator, browsers, "Advance then press", ["Asha"])
    settle_for(console, 60_000)
    left = console.execute_script("const r = window.reviewroom; return r.model.remainingSec(r.connection.serverNow())")
    assert "error" not in command(console, "clock.extend", {"seconds": -(int(left) - 2)})
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 1", timeout=30)
    click_when_ready(console, "control-extend-plus-60")
    refusal_says(console, "At time-up the room had just moved on by itself to 2. Evidence, so your “+1 min” was not sent")
    settled(console)
    assert console.execute_script("return window.reviewroom.model.session.clock.durationSec") == 600
    assert not [line for line in said_log(console) if "(by " in line], said_log(console)
    assert browser_errors(console) == []
