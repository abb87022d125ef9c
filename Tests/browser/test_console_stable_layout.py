"""A facilitator running the review from a tablet, by touch (a probe): the console's controls
moved under her finger. After "Next phase" the Undo offer was inserted above the floor controls,
so her next tap, meant for "Next speaker", undid the phase move; each raised hand added a row
above the round and question controls; a refusal line pushed every control down and, five
seconds later, back up. Now the Undo offer and the refusal line keep their places empty and the
hands' list comes last, so what she taps stays where it was. The room's clock, floor and queue,
a screen below the buttons on a tablet, are summed up in a line above them."""
import re

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from console_helpers import co_facilitator_room, no_control_held, settle_for, started_console
from pages import (click_when_ready, command, invite_of, joined, open_live_console, participant_id, run_in_page, schedule_via_api,
                   wait_js, wait_until)
from room_helpers import refusal

PLACES = "return Object.fromEntries(arguments[0].map((id) => [id, Math.round(document.getElementById(id).getBoundingClientRect().top + scrollY)]))"
STILL = ["control-next", "control-next-speaker", "control-grant", "control-round-start", "control-add-question"]

# Whether the element is wholly inside the window and the controls panel's scrolled box.
IN_VIEW = """
const r = arguments[0].getBoundingClientRect(), p = document.querySelector('.controls').getBoundingClientRect();
return r.height > 0 && r.top >= Math.max(0, p.top) && r.bottom <= Math.min(innerHeight, p.bottom);
"""


def test_the_controls_stay_put_when_undo_a_refusal_or_hands_appear(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Run from a tablet", ["Asha", "Ben", "Cai"])
    console.set_window_size(1024, 768)
    ids = [i for i in STILL if console.find_elements("id", i)]
    assert len(ids) >= 4, ids
    before = console.execute_script(PLACES, ids)

    click_when_ready(console, "control-next")
    wait_until(console, lambda d: d.find_elements("id", "control-undo-phase"), message="no Undo offer after Next phase")
    assert console.execute_script(PLACES, ids) == before, "the Undo offer moved the controls"

    no_control_held(console)
    click_when_ready(console, "control-next-speaker")  # nobody's hand is up: a refusal line says so
    wait_until(console, lambda d: refusal(d)["text"] != "", message="no refusal line for Next speaker with no hands")
    assert console.execute_script(PLACES, ids) == before, "the refusal line moved the controls"

    for name in ["Asha", "Ben", "Cai"]:
        assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": participant_id(created, name)})
    wait_until(console, lambda d: len(d.find_elements("css selector", "[id^=control-lower-]")) == 3)
    assert console.execute_script(PLACES, ids) == before, "raised hands moved the controls"
    glance = lambda d: d.find_element("id", "controls-glance").text  # noqa: E731
    wait_until(console, lambda d: re.fullmatch(r"2\. Phase 2 · \d{1,2}:\d\d left · Floor: nobody · 3 hands up", glance(d)),
               message=f"the glance line reads {glance(console)!r}")
    assert "error" not in command(console, "floor.grant", {"participant": participant_id(created, "Ben")})
    assert "error" not in command(console, "clock.pause")
    wait_until(console, lambda d: re.fullmatch(r"2\. Phase 2 · \d{1,2}:\d\d left \(paused\) · Floor: Ben · 2 hands up", glance(d)),
               message=f"the glance line reads {glance(console)!r}")
    assert console.execute_script(PLACES, ids) == before, "the floor and the pause moved the controls"
    assert browser_errors(console) == []


def test_before_the_start_the_glance_line_says_when_it_is_due_and_who_has_joined(daemon, facilitator, api_ready, browsers):
    """A facilitator waiting in the lobby on a tablet read "Not started yet" and scrolled a screen
    down to see the start time and who had come: the glance line now says both."""
    created = schedule_via_api(daemon, facilitator, "Waiting in the lobby", ["Asha", "Ben", "Cai"], minutes=5)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Waiting in the lobby")
    glance = lambda d: d.find_element("id", "controls-glance").text  # noqa: E731
    # A start on another day than today names its day (CI ran this at 23:55, the start at 00:00).
    shape = r"Not started yet · starts (?:\w+, \w+ \d{1,2}, )?\d{1,2}:\d\d [AP]M GMT, in [45] min · (\d) of 4 joined"
    first = wait_until(console, lambda d: re.fullmatch(shape, glance(d)), message=f"the glance line reads {glance(console)!r}")
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    wait_until(console, lambda d: (lambda m: m and int(m[1]) == int(first[1]) + 1)(re.fullmatch(shape, glance(d))),
               message=f"Asha's arrival is not counted: {glance(console)!r}")
    # Late, and a display is not counted among the people (pure: `controlsGlance`).
    lines = run_in_page(console, daemon, "import('/js/controls-glance.js').then(({ controlsGlance }) => {"
                        "  const s = { startsAt: '2026-12-01T09:30:00Z', timeZone: 'Europe/London', clock: { status: 'lobby' },"
                        "    participants: [{ id: 'a', role: 'facilitator' }, { id: 'b', role: 'reviewer' }, { id: 'c', role: 'display' }] };"
                        "  const at = (iso, online) => controlsGlance(s, { now: Date.parse(iso), online: new Set(online) });"
                        "  done([at('2026-12-01T09:46:10Z', ['a', 'c']), at('2026-12-01T09:29:30Z', []), at('2026-12-01T09:30:20Z', ['a', 'b'])]); })")
    assert lines == ["Not started yet · due 9:30 AM GMT, 16 min ago · 1 of 2 joined",
                     "Not started yet · starts 9:30 AM GMT, in under a minute · 0 of 2 joined",
                     "Not started yet · starts 9:30 AM GMT · 2 of 2 joined"], lines
    assert browser_errors(console) == []


def test_a_refusal_is_brought_into_view_when_the_controls_panel_is_scrolled(daemon, facilitator, api_ready, browsers):
    """A usability audit: with the controls panel scrolled down to "Next speaker", its refusal
    ("No hand is up…") was drawn 260 px above, out of sight, and the press looked lost. The panel
    now scrolls just enough to show it; focus stays on the button."""
    created, console = started_console(daemon, facilitator, browsers, "Scrolled controls", ["Asha", "Ben"])
    console.set_window_size(1366, 768)
    # The panel scrolls (wide layout): put "Next speaker" at its top edge, the refusal line above it.
    console.execute_script("document.getElementById('control-next-speaker').scrollIntoView({block: 'start'})")
    assert console.execute_script("return document.querySelector('.controls').scrollTop") > 0, "the panel did not scroll"
    no_control_held(console)
    console.execute_script("const b = document.getElementById('control-next-speaker'); b.focus(); b.click()")
    wait_until(console, lambda d: "“Person”, then “Give the floor”" in refusal(d)["text"],
               message=f"refusal said: {refusal(console)['text']!r}")
    in_view = ("const panel = document.querySelector('.controls').getBoundingClientRect();"
               "const box = document.querySelector('.controls [data-testid=refusal]').getBoundingClientRect();"
               "return box.top >= panel.top - 1 && box.bottom <= panel.bottom + 1;")
    wait_until(console, lambda d: d.execute_script(in_view), message="the refusal stayed out of the panel's view")
    assert console.execute_script("return document.activeElement.id") == "control-next-speaker"
    assert browser_errors(console) == []


LONG_NAME = "Maximiliana Featherstonehaugh-Cholmondeley"
# Where each control is on the screen, and whether the refusal line shows all of its text on the
# screen, on top of whatever is under it.
SCREEN = "return Object.fromEntries(arguments[0].map((id) => [id, Math.round(document.getElementById(id).getBoundingClientRect().top)]))"
REFUSAL_SHOWN = ("const line = document.querySelector('.controls [data-testid=refusal]'); const r = line.getBoundingClientRect();"
                 "const seen = (y) => line.contains(document.elementFromPoint(r.left + 8, y));"
                 "return {inView: r.top >= 0 && r.bottom <= innerHeight, onTop: seen(r.top + 4) && seen(r.bottom - 4),"
                 "        whole: line.scrollHeight <= line.clientHeight + 1, placed: 'grow' in line.parentElement.dataset,"
                 # Where the glance line stays at the top of the screen, it stays in sight too.
                 "        glance: ((g) => getComputedStyle(g).position !== 'sticky' || ((b) => g.contains("
                 "          document.elementFromPoint(b.left + 8, b.top + b.height / 2)))(g.getBoundingClientRect()))"
                 "          (document.getElementById('controls-glance'))};")


@pytest.mark.parametrize("width,height,scrolled", [(1366, 768, False), (1366, 768, True), (1024, 768, True), (390, 844, True)])
def test_a_long_named_refusal_leaves_every_control_where_it_was(daemon, facilitator, api_ready, browsers, width, height, scrolled):
    """A co-facilitation audit: the one-second wait's sentence, naming a co-facilitator with a long
    name, took five lines at 1366 px, and "Next phase" moved 92 px down under the facilitator's
    pointer; a second audit saw a refusal scrolled into view move it 236-400 px on one column and
    in a scrolled panel, so the next tap hit Next speaker's or End session's place. The line now
    sticks in sight above the controls and lies over the heading or the controls instead."""
    created, console = started_console(daemon, facilitator, browsers, f"Long names {width} {scrolled}", ["Asha"])
    console.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    wait_js(console, "return innerWidth === arguments[0]", width)
    cy = browsers()
    co_facilitator_room(daemon, facilitator, created, cy, LONG_NAME)
    settle_for(console, 60_000)
    if scrolled:  # "Next phase" near the top of the screen (or of the panel), the slot above it out of sight
        console.execute_script("document.getElementById('control-next').scrollIntoView({block: 'start'})")
    ids = [i for i in STILL if console.find_elements("id", i)]
    before = console.execute_script(SCREEN, ids)
    assert "error" not in command(cy, "phase.next")
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 1")
    no_control_held(console)
    console.execute_script("const b = document.getElementById('control-next'); b.focus(); b.click()")
    wait_until(console, lambda d: f"{LONG_NAME} had just moved the room to" in refusal(d)["text"],
               message=f"refusal said: {refusal(console)['text']!r}")
    wait_until(console, lambda d: d.execute_script(REFUSAL_SHOWN) == {"inView": True, "onTop": True, "whole": True, "placed": True, "glance": True},
               message=f"the refusal is not all in sight: {console.execute_script(REFUSAL_SHOWN)}")
    assert console.execute_script(SCREEN, ids) == before, "the long refusal moved the controls"
    assert console.execute_script("return document.activeElement.id") == "control-next"
    assert console.execute_script("return window.reviewroom.model.session.clock.phase") == 1, "the press was sent"
    # A tap on the line puts it away (it may lie over a control for its ten seconds).
    console.find_element("css selector", ".controls [data-testid=refusal]").click()
    wait_until(console, lambda d: refusal(d)["text"] == "", message="a tap did not put the refusal away")
    assert console.execute_script(SCREEN, ids) == before
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_ending_while_scrolled_down_brings_the_record_into_sight(daemon, facilitator, api_ready, browsers):
    """At 1366 px the controls scroll in a panel of their own. Ended while it was scrolled down to
    the hands, the panel kept its scroll: the "Open the record" block at its top stayed out of
    sight, and the facilitator saw only greyed controls (a visual audit)."""
    _, console = started_console(daemon, facilitator, browsers, "Ended scrolled down", ["Asha"])
    console.set_window_size(1366, 768)
    console.execute_script("document.getElementById('control-hands-heading').scrollIntoView({block: 'end'})")
    assert console.execute_script("return document.querySelector('.controls').scrollTop") > 0, "the panel does not scroll: nothing to test"
    assert "error" not in command(console, "session.end")
    wait_until(console, lambda d: d.find_elements("id", "control-record"), message="no record offer after the end")
    record = console.find_element("id", "control-record")
    wait_js(console, IN_VIEW, record, message="the record offer is out of sight after the end")
    assert browser_errors(console) == []


# Each control's top in the window (not the page): what is under the pointer.
ON_SCREEN = "return Object.fromEntries(arguments[0].map((id) => [id, Math.round(document.getElementById(id).getBoundingClientRect().top)]))"


def test_at_1366_the_controls_end_at_the_windows_foot_and_a_phase_move_scrolls_nothing(daemon, facilitator, api_ready, browsers):
    """The sticky controls were the window's height from the start though they start below the
    title: their last 220 px ("Next speaker") were below the window on arrival, and bringing the
    Undo offer into sight scrolled the whole page 117 px under the pointer at every phase move
    (a visual audit at 1366 x 768)."""
    _, console = started_console(daemon, facilitator, browsers, "Run at 1366", ["Asha", "Ben"])
    console.set_window_size(1366, 768)
    console.execute_script("window.scrollTo(0, 0)")
    bottom = "const p = document.querySelector('.controls').getBoundingClientRect(); return [p.top, p.bottom, innerHeight]"
    wait_until(console, lambda d: (lambda top, end, height: top > 50 and end <= height)(*d.execute_script(bottom)),
               message=f"the controls run past the window's foot: {console.execute_script(bottom)}")
    ids = [i for i in STILL if console.find_elements("id", i)]
    before = console.execute_script(ON_SCREEN, ids)
    click_when_ready(console, "control-next")
    wait_until(console, lambda d: d.find_elements("id", "control-undo-phase"), message="no Undo offer after Next phase")
    # Its first line in sight, above the controls' edge (the rest is a scroll away).
    first_line = ("const r = document.getElementById('phase-undo').getBoundingClientRect(),"
                  " p = document.querySelector('.controls').getBoundingClientRect();"
                  "return r.top >= p.top && r.top + 32 <= Math.min(p.bottom, innerHeight)")
    wait_js(console, first_line, message="the Undo offer is out of sight")
    assert console.execute_script("return scrollY") == 0, "the phase move scrolled the page"
    assert console.execute_script(ON_SCREEN, ids) == before, "the phase move moved the controls under the pointer"
    # Scrolled, the page takes the panel up to the window's top, and it still ends at the foot.
    console.execute_script("window.scrollTo(0, 400)")
    wait_until(console, lambda d: (lambda top, end, height: top < 20 and height - 20 < end <= height)(*d.execute_script(bottom)),
               message=f"scrolled, the controls do not end at the window's foot: {console.execute_script(bottom)}")
    assert browser_errors(console) == []


# The top of each question's row in the controls, in the page.
QUESTION_ROWS = "return [...document.querySelectorAll('.controls .prompt-list > li')].map((li) => Math.round(li.getBoundingClientRect().top + scrollY + li.closest('.controls').scrollTop))"


@pytest.mark.parametrize("width", [1366, 1024, 390])
def test_showing_a_question_moves_no_other_questions_controls(daemon, facilitator, api_ready, browsers, width):
    """"Hide" is shorter than "Show to everyone", and the shown row's bold type: the row's Reword
    came up beside it, the row lost a line of buttons, and every question below moved 51 px up
    under the pointer (a visual audit at 1366 px)."""
    _, console = started_console(daemon, facilitator, browsers, f"Showing questions at {width} px", ["Asha"])
    console.set_window_size(width, 768)
    console.find_element("id", "control-questions").click()
    before = wait_until(console, lambda d: (lambda rows: rows if len(rows) >= 4 else None)(d.execute_script(QUESTION_ROWS)))
    second = console.find_elements("css selector", ".controls .prompt-list > li")[1]
    console.execute_script("arguments[0].scrollIntoView({block: 'center'})", second)
    no_control_held(console)
    second.find_element("css selector", "button").click()
    wait_until(console, lambda d: d.find_elements("css selector", ".controls .prompt-list > li.current"), message="no question shown")
    assert console.execute_script(QUESTION_ROWS) == before, "showing question 2 moved the questions after it"
    assert browser_errors(console) == []


def test_a_phase_key_pressed_far_down_the_controls_keeps_the_focused_control_in_sight(daemon, facilitator, api_ready, browsers):
    """With focus on a question's "Hide" far down the controls, Alt+Shift+N scrolled them up to
    the Undo offer and "Hide" out of sight, where the next Enter would act on it unseen (a
    keyboard audit at 1366 px). The offer is then not scrolled to; the move is said anyway."""
    created, console = started_console(daemon, facilitator, browsers, "Keys far down", ["Asha"])
    console.set_window_size(1366, 768)
    console.find_element("id", "control-questions").click()
    last = wait_until(console, lambda d: d.find_elements("css selector", ".controls .prompt-list > li"))[-1]
    button = last.find_element("css selector", "button")
    console.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", button)
    assert console.execute_script(IN_VIEW, button), "the question's button is not in sight: nothing to test"
    no_control_held(console)
    button.send_keys(Keys.ALT + Keys.SHIFT + "n")
    wait_until(console, lambda d: d.find_elements("id", "control-undo-phase"), message="no Undo offer after Alt+Shift+N")
    assert console.execute_script("return document.activeElement") == button
    assert console.execute_script(IN_VIEW, button), "the focused control was scrolled out of sight"
    assert browser_errors(console) == []
