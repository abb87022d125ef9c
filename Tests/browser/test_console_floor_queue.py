"""A first-time facilitator's walk-through: in the live console the Floor panel listed the hands
up with no button, and giving someone the floor meant finding their name again in "Hands up" at
the foot of the controls. Each waiting hand's row in the Floor panel now gives the floor, named
for whom, with the turn length set in the controls; its rows stay put under a resting pointer as
hands come and go, and focus never lands on another person's button by someone else's doing.
On a phone the controls run over two screens and the room's countdown comes after them: the
glance line stays in sight over the controls there."""
import re

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from console_helpers import no_control_held, started_console
from pages import axe_problems, click_when_ready, command, focused, participant_id, set_value_of, wait_js, wait_until
from room_helpers import refusal

# The rows of the Floor panel's queue as drawn: whose row, and what it says.
ROWS = ("return [...document.querySelectorAll('[data-testid=queue] li')]"
        ".map((li) => [li.dataset.participant, li.querySelector('.queue-who').textContent])")
# Where an element is on the screen now.
BOX = "const r = document.getElementById(arguments[0]).getBoundingClientRect(); return [r.left, r.top, r.width, r.height];"
# The id of the button under the middle of an element's box (what a click there lands on).
UNDER = ("const [x, y, w, h] = arguments[0]; const n = document.elementFromPoint(x + w / 2, y + h / 2);"
         "return n && n.closest('button') ? n.closest('button').id : null;")


def raise_hands(console, created, names, kind="contribution"):
    for name in names:
        assert "error" not in command(console, "hand.raise", {"kind": kind, "participant": participant_id(created, name)})


def test_the_floor_panels_rows_give_the_floor_named_for_whom_and_keep_focus_sensible(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Floor panel buttons", ["Asha", "Bo", "Cy"])
    ids = {name: participant_id(created, name) for name in ("Asha", "Bo", "Cy")}
    raise_hands(console, created, ["Asha", "Bo", "Cy"])
    wait_until(console, lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=queue] button[id^=floor-grant-]")) == 3)
    for name, pid in ids.items():
        button = console.find_element(By.ID, f"floor-grant-{pid}")
        assert (button.text, button.accessible_name) == ("Give the floor", f"Give the floor to {name}")

    # The turn length set in the controls goes with it, as with "Hands up"; pressed from the
    # keyboard, focus goes on to the next waiting person's button.
    set_value_of(console, "control-turn", "90")
    console.execute_script("document.getElementById(arguments[0]).focus()", f"floor-grant-{ids['Asha']}")
    console.switch_to.active_element.send_keys(Keys.ENTER)
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", ids["Asha"])
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    turn = console.execute_script("return (Date.parse(arguments[0]) - Date.parse(arguments[1])) / 1000", floor["turnEndsAt"], floor["since"])
    assert 89 <= turn <= 90, turn
    wait_until(console, lambda d: focused(d)["id"] == f"floor-grant-{ids['Bo']}", message=f"focus went to {focused(console)}")
    assert console.switch_to.active_element.accessible_name == "Give the floor to Bo"

    # Bo's hand goes by someone else's doing: focus goes to the queue's heading, not onto Cy's button.
    assert "error" not in command(console, "hand.lower", {"participant": ids["Bo"]})
    wait_until(console, lambda d: not d.find_elements(By.ID, f"floor-grant-{ids['Bo']}"))
    assert focused(console)["id"] == "floor-queue-heading", focused(console)
    assert console.execute_script(ROWS) == [[ids["Cy"], "1. Cy contribution"]]
    assert axe_problems(console) == []
    assert browser_errors(console) == []


def test_the_rows_stay_under_a_resting_pointer_as_hands_come_and_go(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Rows under the pointer", ["Asha", "Bo", "Cy", "Dan"])
    ids = {name: participant_id(created, name) for name in ("Asha", "Bo", "Cy", "Dan")}
    console.set_window_size(1366, 768)
    raise_hands(console, created, ["Asha", "Bo", "Cy"])
    bo = f"floor-grant-{ids['Bo']}"
    wait_until(console, lambda d: d.find_elements(By.ID, f"floor-grant-{ids['Cy']}"))
    console.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", bo)
    ActionChains(console).move_to_element(console.find_element(By.ID, bo)).perform()
    place = console.execute_script(BOX, bo)

    # Asha lowers her hand, Dan's direct response goes first in the queue, Cy gets a timed turn:
    # each would have moved Bo's button from under the pointer.
    # (Each step waits until the panel shows it: the hand's button gone, or Dan's come, and the turn line.)
    button = "document.getElementById('floor-grant-' + arguments[0])"
    steps = [("hand.lower", {"participant": ids["Asha"]}, f"return !{button}", ids["Asha"]),
             ("hand.raise", {"kind": "response", "participant": ids["Dan"]}, f"return !!{button}", ids["Dan"]),
             ("floor.grant", {"participant": ids["Cy"], "turnSec": 60},
              f"return !{button} && document.querySelector('.live-room .turn-countdown').textContent !== ''", ids["Cy"])]
    for type_, fields, drawn, whose in steps:
        assert "error" not in command(console, type_, fields)
        wait_js(console, drawn, whose)
        assert console.execute_script(BOX, bo) == place, f"Bo's button moved after {type_}"
        assert console.execute_script(UNDER, place) == bo
    # The rows say what became of each hand; Dan's, added at the foot, says his place.
    assert console.execute_script(ROWS) == [[ids["Asha"], "Asha no longer waiting"], [ids["Bo"], "2. Bo contribution"],
                                            [ids["Cy"], "Cy has the floor"], [ids["Dan"], "1. Dan direct response"]]

    # A click where the pointer rests gives Bo the floor; once it leaves, the queue is drawn in its order.
    ActionChains(console).click().perform()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", ids["Bo"])
    ActionChains(console).move_to_element(console.find_element(By.ID, "controls-heading")).perform()
    wait_until(console, lambda d: d.execute_script(ROWS) == [[ids["Dan"], "1. Dan direct response"]],
               message=f"the queue reads {console.execute_script(ROWS)}")
    assert browser_errors(console) == []


def test_on_a_phone_the_glance_line_stays_in_sight_over_the_controls(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Run from a phone", ["Asha", "Bo"])
    metrics = lambda w, h, scale=1: console.execute_cdp_cmd(  # noqa: E731
        "Emulation.setDeviceMetricsOverride", {"width": w, "height": h, "deviceScaleFactor": scale, "mobile": False})
    metrics(390, 844)
    wait_js(console, "return innerWidth === 390")
    glance = lambda: console.execute_script(BOX, "controls-glance")  # noqa: E731
    for control in ("control-next-speaker", "control-round-start", "control-hands-heading"):
        console.execute_script("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", control)
        left, top, width, height = glance()
        assert top >= 0 and top + height <= console.execute_script("return innerHeight"), (control, top)
        assert top + height <= console.execute_script(BOX, control)[1], f"the glance line covers {control}"
    assert re.fullmatch(r"1\. Phase 1 · \d{1,2}:\d\d left · Floor: nobody · 0 hands up", console.find_element(By.ID, "controls-glance").text)

    # Focus moved by the keyboard onto a control above the screen is brought into view clear of it.
    console.execute_script("scrollTo(0, document.documentElement.scrollHeight)")
    console.execute_script("document.getElementById('control-extend-plus-60').focus()")
    assert console.execute_script(BOX, "control-extend-plus-60")[1] >= sum(glance()[1::2]) - 1, "focus went under the glance line"

    # A refusal brought into view from "Next speaker" is not hidden under it.
    no_control_held(console)
    console.execute_script("document.getElementById('control-next-speaker').scrollIntoView({block: 'center'})")
    click_when_ready(console, "control-next-speaker")
    wait_until(console, lambda d: refusal(d)["text"] != "", message="no refusal line for Next speaker with no hands")
    line = "document.querySelector('.controls [data-testid=refusal]')"
    wait_js(console, f"const r = {line}.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight")
    # Nothing covers it: a long line grows upwards from its slot over the glance line's own place,
    # or is brought below the glance line where that stays at the top of the screen.
    on_top = (f"const n = {line}; const r = n.getBoundingClientRect();"
              "return [r.top + 4, r.bottom - 4].every((y) => n.contains(document.elementFromPoint(r.left + 8, y)));")
    assert console.execute_script(on_top), "the refusal is under the glance line"

    # While a lost connection keeps the header at the top, the header is there instead (it would
    # cover the line); beside the room on a wide screen, and on a short one (400 % zoom), the line
    # keeps its place in the controls.
    position = "return getComputedStyle(document.getElementById('controls-glance')).position"
    assert console.execute_script(position) == "sticky"
    console.execute_script("const b = document.getElementById('connection-banner'); b.hidden = false;"
                           "b.dataset.state = 'reconnecting'; b.textContent = 'Connection lost – reconnecting…';")
    assert console.execute_script(position) == "static"
    console.execute_script("const b = document.getElementById('connection-banner'); b.dataset.state = 'online'; b.textContent = '';")
    assert console.execute_script(position) == "sticky"
    for size in ((1366, 768), (320, 200, 4)):
        metrics(*size)
        wait_js(console, "return innerWidth === arguments[0]", size[0])
        assert console.execute_script(position) == "static", size
    console.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert browser_errors(console) == []
