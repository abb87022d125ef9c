"""The countdown's warnings on screen (BrowserClient.md, "Clock warnings"): "1 min left" in the
last minute of a phase longer than a minute and "Time is up" after it, in words, on the
reviewer page and the room display; the display also says them, drops the overtime style once
the review has ended, tells of phases that move on by themselves and what comes next, fits 320
CSS px, and keeps its clock column on a 720p projector."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, command, invite_of, joined, schedule_via_api, text_of, wait_js, wait_text, wait_until
from room_helpers import open_pages, wait_said

AGENDA = [{"title": "Warm-up round", "kind": "briefing", "durationSec": 61},
          {"title": "Evidence walk", "kind": "evidence", "durationSec": 600, "onTimeUp": "advance"}]


def alert_of(driver):
    return text_of(driver, "[data-testid=clock-alert]")


def test_one_minute_and_time_up_show_on_the_reviewer_page_and_the_display(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Warnings on screen", [], agenda=AGENDA,
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    chair, (asha, room) = open_pages(created, browsers, ["Asha", "Room"])
    # Before the start: no warning.
    assert alert_of(asha) == "" and alert_of(room) == ""

    # A 61 s phase is in its last minute within a second of the start.
    assert "error" not in command(chair, "session.start")
    for driver in (chair, asha, room):
        wait_text(driver, "[data-testid=clock-alert]", "1 min left")
    assert room.execute_script("return parseFloat(getComputedStyle(document.querySelector('.display-alert')).fontSize)") >= 32
    assert axe_problems(asha) == [] and axe_problems(room) == []

    # Taken back by a minute, the phase is over: "Time is up" everywhere, and the display says it.
    assert "error" not in command(chair, "clock.extend", {"seconds": -60})
    for driver in (chair, asha, room):
        wait_text(driver, "[data-testid=clock-alert]", "Time is up")
    wait_said(room, "Time is up for Warm-up round")
    wait_said(room, "One minute left in Warm-up round")
    assert axe_problems(room) == []

    # The next phase moves on by itself at time-up: the reviewer page and the display say so.
    assert "error" not in command(chair, "phase.next")
    for driver in (asha, room):
        wait_text(driver, "[data-testid=advances]", "Moves on by itself at time-up")
    wait_until(asha, lambda d: alert_of(d) == "", message="a 10-minute phase just started shows a warning")
    # The line added above the status leaves the status and the timer as they were.
    assert asha.execute_script("return [...document.querySelectorAll('.clock-panel .status, .clock-panel [role=timer]')]"
                               ".map((n) => n.className)") == ["status status-live", "countdown"]

    # Ended: "Review ended" without the overtime style, and no warning.
    assert "error" not in command(chair, "clock.extend", {"seconds": -599})
    wait_js(room, "return document.querySelector('.display-countdown').classList.contains('overtime')")
    assert "error" not in command(chair, "session.end")
    wait_text(room, ".display-countdown", "Review ended")
    wait_until(room, lambda d: not d.execute_script("return document.querySelector('.display-countdown').classList.contains('overtime')"),
               message="the display kept the overtime style after the end")
    assert alert_of(room) == "" and alert_of(asha) == ""
    assert browser_errors(asha) == [] and browser_errors(room) == [] and browser_errors(chair) == []


def test_the_display_fits_320_px_and_its_banner_reads_across_a_room(daemon, facilitator, api_ready, browsers):
    agenda = [{"title": "Schoolimprovementplanningconversationwithgovernors", "kind": "discussion", "durationSec": 600}]
    created = schedule_via_api(daemon, facilitator, "Narrow display", [], agenda=agenda,
                               participants=[{"name": "Room", "role": "display"}])
    room = browsers()
    room.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False})
    room.get(invite_of(created, "Room"))
    joined(room)
    wait_text(room, "[data-testid=phase-title]", "Schoolimprovement")
    overflow = room.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the display is {overflow}px wider than a 320px screen"
    assert room.execute_script("return parseFloat(getComputedStyle(document.getElementById('connection-banner')).fontSize)") >= 32
    assert room.find_element(By.ID, "connection-banner").get_attribute("hidden") is None
    assert browser_errors(room) == []


def test_a_paused_clock_reads_as_paused_across_a_room(daemon, facilitator, api_ready, browsers):
    """The display's "Paused" was a 25.6 px word under a 192 px countdown: from the back of a room a
    paused clock looked like a running one. Now the word is as large as a warning, boxed with a
    dashed line, the countdown's label says the clock is paused and the stopped time is faded;
    the queue's kind labels are sized with the queue."""
    created = schedule_via_api(daemon, facilitator, "A paused display", [], agenda=AGENDA,
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    chair, (asha, room) = open_pages(created, browsers, ["Asha", "Room"])
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "hand.raise", {"kind": "response", "participant": asha.execute_script("return window.reviewroom.model.you.id")})
    wait_js(room, "return window.reviewroom.model.session.clock.status === 'live'")
    size = lambda selector: room.execute_script("return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", selector)  # noqa: E731
    running = size(".display-status")
    assert text_of(room, ".display-countdown-label") == "left"
    assert "error" not in command(chair, "clock.pause")
    wait_text(room, ".display-status", "Paused")
    wait_text(room, ".display-countdown-label", "left – clock paused")
    assert size(".display-status") >= 32 > running
    assert room.execute_script("return getComputedStyle(document.querySelector('.display-status')).borderTopStyle") == "dashed"
    assert float(room.execute_script("return getComputedStyle(document.querySelector('.display-countdown-time')).opacity")) < 1
    assert size(".display-queue .badge") >= 0.8 * size(".display-queue")
    assert "error" not in command(chair, "clock.resume")
    wait_text(room, ".display-countdown-label", "left")
    wait_until(room, lambda d: size(".display-status") == running, message="the display still looks paused after the resume")
    assert axe_problems(room) == []
    assert browser_errors(room) == [] and browser_errors(asha) == []


def projector_at_720p(daemon, facilitator, browsers, title, agenda):
    """A session of `agenda` with only a room display, shown at 1280x720: the chair's page and the room's."""
    created = schedule_via_api(daemon, facilitator, title, [], agenda=agenda, participants=[{"name": "Room", "role": "display"}])
    chair, (room,) = open_pages(created, browsers, ["Room"])
    room.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    return chair, room


def test_the_display_says_what_comes_next_and_keeps_its_clock_column_on_a_720p_screen(daemon, facilitator, api_ready, browsers):
    """On a 1280x720 projector a two-line phase title with its purpose left the dashed "Paused"
    cut off at the bottom (a projector cannot scroll); the column's type is now scaled down
    together until it fits, the countdown still its largest. The room, which has no agenda to
    look at, reads what comes after this phase."""
    chair, room = projector_at_720p(daemon, facilitator, browsers, "Fits a projector", [
        {"title": "Evidence and enquiry questions", "kind": "evidence", "durationSec": 61,
         "purpose": "Explore what is happening through the enquiry questions; note what you hear and see."},
        {"title": "Coaching conversation", "kind": "discussion", "durationSec": 600}])
    # Before the start the first phase is the headline and nothing is "next" (a visual audit).
    wait_text(room, "[data-testid=phase-title]", "Evidence and enquiry questions")
    assert text_of(room, "[data-testid=up-next]") == ""
    assert "error" not in command(chair, "session.start")
    wait_text(room, "[data-testid=up-next]", "Next: Coaching conversation · 10 min")
    wait_text(room, "[data-testid=clock-alert]", "1 min left")
    assert "error" not in command(chair, "clock.pause")
    wait_text(room, ".display-status", "Paused")
    size = lambda selector: room.execute_script("return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize)", selector)  # noqa: E731
    wait_until(room, lambda d: d.execute_script(
        "return document.querySelector('.display-clock').getBoundingClientRect().bottom <= innerHeight"),
        message="the clock column runs off a 720p screen")
    assert room.execute_script("return document.documentElement.scrollHeight <= innerHeight"), "the display scrolls"
    assert size(".display-countdown-time") > max(size(".display-status"), size(".display-alert"), size(".display-phase"))
    assert size(".display-phase") >= 24 and size("[data-testid=up-next]") >= 11
    fitted = room.execute_script("return document.querySelector('.display-clock').style.getPropertyValue('--clock-fit')")
    assert fitted and 0.5 <= float(fitted) < 1, fitted
    # On a 1080p screen the same column fits at full size.
    room.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1920, "height": 1080, "deviceScaleFactor": 1, "mobile": False})
    wait_until(room, lambda d: d.execute_script("return document.querySelector('.display-clock').style.getPropertyValue('--clock-fit') === ''"),
               message="a 1080p screen kept the type scaled down")
    # The last phase has nothing after it.
    assert "error" not in command(chair, "phase.next")
    wait_until(room, lambda d: text_of(d, "[data-testid=up-next]") == "", message="the last phase still names a next one")
    assert axe_problems(room) == []
    assert browser_errors(room) == [] and browser_errors(chair) == []


# Counts the layout reads (`getBoundingClientRect`) the page makes from now on.
COUNT_MEASURES = ("window.measures = 0; const measure = Element.prototype.getBoundingClientRect;"
                  "Element.prototype.getBoundingClientRect = function () { window.measures += 1; return measure.call(this); };")


def test_overtime_on_a_720p_display_keeps_to_the_screen_and_reads_as_overtime_when_paused(daemon, facilitator, api_ready, browsers):
    """In plain overtime the rapid review's first phase (a two-line purpose) made the 720p
    display 730 px high: its clock column ended above the screen's foot, so it was not fitted,
    but the page's padding below it scrolled. Paused in overtime, it read "+0:04 left – clock
    paused", as if there were time to spare."""
    chair, room = projector_at_720p(daemon, facilitator, browsers, "Overtime on a projector", [
        {"title": "Welcome and ground rules", "kind": "briefing", "durationSec": 300,
         "purpose": "Agree how we work today: curious, non-judgemental, coaching rather than grading."},
        {"title": "Host context and enquiry focus", "kind": "briefing", "durationSec": 900}])
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "clock.extend", {"seconds": -299.5})
    wait_text(room, ".display-countdown-label", "overtime")
    wait_text(room, "[data-testid=clock-alert]", "Time is up")
    assert room.execute_script("return document.documentElement.scrollHeight <= innerHeight"), "the display scrolls in overtime"
    assert "error" not in command(chair, "clock.pause")
    wait_text(room, ".display-countdown-label", "overtime – clock paused")
    assert room.execute_script("return document.documentElement.scrollHeight <= innerHeight"), "the display scrolls paused in overtime"
    assert text_of(room, ".display-countdown-time").startswith("+")
    assert browser_errors(room) == []


def test_a_busy_note_leaves_the_display_alone(daemon, facilitator, api_ready, browsers):
    """The room's screen shows no notes, yet every keystroke in one redrew it and measured both
    columns again (two forced layouts per keystroke, on what is often the room's oldest laptop)."""
    created = schedule_via_api(daemon, facilitator, "Typing near the projector", [], agenda=AGENDA,
                               participants=[{"name": "Room", "role": "display"}])
    chair, (room,) = open_pages(created, browsers, ["Room"])
    assert "error" not in command(chair, "session.start")
    # Paused, so that no tick changes what the clock column says (a minute's turn, on a slow
    # machine, refitted it in the middle of the edits): only the edits could measure anything.
    assert "error" not in command(chair, "clock.pause")
    wait_text(room, ".display-status", "Paused")
    room.execute_async_script("requestAnimationFrame(() => setTimeout(arguments[0], 0))")
    room.execute_script(COUNT_MEASURES)
    for rev in range(20):
        op = ["x"] if rev == 0 else [rev, "x"]
        assert command(chair, "note.edit", {"note": "evidence", "rev": rev, "opId": f"busy-{rev}", "op": op}).get("type") == "ack"
    wait_js(room, "return window.reviewroom.model.session.notes.find((n) => n.id === 'evidence').rev === 20")
    assert room.execute_script("return window.measures") == 0
    # A change the display shows is still drawn (and measured).
    assert "error" not in command(chair, "clock.resume")
    wait_js(room, "return window.reviewroom.model.session.clock.status === 'live'")
    wait_js(room, "return window.measures > 0", message="the resumed clock was not drawn")
    assert browser_errors(room) == [] and browser_errors(chair) == []
