"""The console's own shortcuts (BrowserClient.md, "Keyboard and screen readers"): Alt+Shift+Down
arrow is "Next speaker", Alt+Shift+E ends the turn, Alt+Shift+C pauses and resumes the clock, and
Alt+Shift+Right/Left arrow move the phase as Alt+Shift+N/P do (which ChromeOS keeps for itself).
Each presses its button, so a key with no button to press says why and sends nothing. Pressed on
a select list or a checkbox the keys work too; in a text field they are typing."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (axe_problems, command, joined, open_live_console, participant_id, schedule_via_api, text_of, wait_js,
                   wait_until)
from room_helpers import ALT_SHIFT, facilitator_invite, press, refusal, said_log, settled
from console_helpers import no_control_held, started_console


def session_of(driver):
    return driver.execute_script("return window.reviewroom.model.session")


def refused_with(driver, words):
    wait_until(driver, lambda d: words in ((refusal(d) or {}).get("text") or ""),
               message=f"the refusal line never said {words!r} (says {refusal(driver)!r})")


def test_floor_clock_and_phase_keys_press_the_consoles_buttons(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Console keys", ["Asha", "Bo"])
    asha = participant_id(created, "Asha")

    # Nobody has the floor: Alt+Shift+E sends nothing and says why.
    press(console, ALT_SHIFT + "e")
    refused_with(console, "Nobody has the floor")

    # Asha's hand is up: Alt+Shift+Down arrow gives her the floor, Alt+Shift+E takes it back.
    assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": asha})
    wait_js(console, "return window.reviewroom.model.session.floor.queue.length === 1")
    press(console, ALT_SHIFT + Keys.ARROW_DOWN)
    wait_until(console, lambda d: session_of(d)["floor"]["speaker"] == asha, message="Alt+Shift+Down arrow gave nobody the floor")
    no_control_held(console)
    press(console, ALT_SHIFT + "e")
    wait_until(console, lambda d: session_of(d)["floor"]["speaker"] is None, message="Alt+Shift+E did not end the turn")

    # Alt+Shift+C pauses the clock, and again resumes it.
    press(console, ALT_SHIFT + "c")
    wait_until(console, lambda d: session_of(d)["clock"]["status"] == "paused", message="Alt+Shift+C did not pause")
    no_control_held(console)
    press(console, ALT_SHIFT + "c")
    wait_until(console, lambda d: session_of(d)["clock"]["status"] == "live", message="Alt+Shift+C did not resume")

    # The arrows move the phase on and back, held like the buttons.
    press(console, ALT_SHIFT + Keys.ARROW_RIGHT)
    wait_until(console, lambda d: session_of(d)["clock"]["phase"] == 1, message="Alt+Shift+Right arrow did not move on")
    no_control_held(console)
    press(console, ALT_SHIFT + Keys.ARROW_LEFT)
    wait_until(console, lambda d: session_of(d)["clock"]["phase"] == 0, message="Alt+Shift+Left arrow did not move back")

    # On a select list (where nothing is typed) a chord is the console's: a keyboard-only probe
    # pressed Alt+Shift+C on "Give the floor to" and nothing happened, without a word.
    console.execute_script("document.getElementById('control-grant-who').focus()")
    press(console, ALT_SHIFT + "c")
    wait_until(console, lambda d: session_of(d)["clock"]["status"] == "paused", message="Alt+Shift+C on a select list did not pause")
    no_control_held(console)
    console.execute_script("document.getElementById('control-grant-who').focus()")
    press(console, ALT_SHIFT + "c")
    wait_until(console, lambda d: session_of(d)["clock"]["status"] == "live", message="Alt+Shift+C on a select list did not resume")

    # Typed in a field, the same chord is typing: the clock keeps running.
    console.find_element(By.ID, "control-turn").click()
    press(console, ALT_SHIFT + "c")
    settled(console)
    assert session_of(console)["clock"]["status"] == "live"

    # The shortcuts panel names every chord in words, and each button says its keys.
    keys = "".join(text_of(console, ".shortcuts").split())
    for chord in ["Alt+Shift+DownarrowNextspeaker", "Alt+Shift+E", "Alt+Shift+C", "Alt+Shift+NorAlt+Shift+Rightarrow"]:
        assert chord in keys, keys
    assert console.find_element(By.ID, "control-next-speaker").get_attribute("aria-keyshortcuts") == "Alt+Shift+ArrowDown"
    assert console.find_element(By.ID, "control-pause").get_attribute("aria-keyshortcuts") == "Alt+Shift+C"
    assert console.find_element(By.ID, "control-next").get_attribute("aria-keyshortcuts") == "Alt+Shift+N Alt+Shift+ArrowRight"
    assert axe_problems(console) == []
    assert browser_errors(console) == []


def test_the_clock_key_never_starts_a_review_and_the_room_page_has_no_console_keys(daemon, facilitator, api_ready, browsers):
    title = "Console keys before the start"
    created = schedule_via_api(daemon, facilitator, title, ["Asha"])
    console = browsers()
    open_live_console(console, daemon.base, facilitator, title)
    wait_js(console, "return !!(window.reviewroom && window.reviewroom.model.session)")
    press(console, ALT_SHIFT + "c")
    refused_with(console, "The clock has not started yet")
    assert session_of(console)["clock"]["status"] in ("scheduled", "lobby")

    # The facilitator's room page moves phases by key but has no Next speaker or clock buttons:
    # those keys do nothing there and are not listed.
    assert "error" not in command(console, "session.start")
    chair = browsers()
    chair.get(facilitator_invite(created))
    joined(chair)
    assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": participant_id(created, "Asha")})
    wait_js(chair, "return window.reviewroom.model.session.floor.queue.length === 1")
    press(chair, ALT_SHIFT + Keys.ARROW_DOWN)
    press(chair, ALT_SHIFT + "c")
    settled(chair)
    assert session_of(chair)["floor"]["speaker"] is None and session_of(chair)["clock"]["status"] == "live"
    listed = text_of(chair, ".shortcuts")
    assert "Right arrow" in listed and "Next speaker" not in listed and "Pause" not in listed, listed
    press(chair, ALT_SHIFT + Keys.ARROW_RIGHT)
    wait_until(chair, lambda d: session_of(d)["clock"]["phase"] == 1, message="Alt+Shift+Right arrow did not move the room page's phase")
    assert browser_errors(console) == [] and browser_errors(chair) == []


def test_alt_shift_z_takes_the_undo_offer_from_wherever_focus_is(daemon, facilitator, api_ready, browsers):
    """The Undo after a phase move is offered for 15 s ten Tab stops from Pause: a keyboard-only
    probe moving at a screen reader's pace got there after it had gone. Alt+Shift+Z presses it
    from anywhere; with nothing offered it says why and sends nothing."""
    _, console = started_console(daemon, facilitator, browsers, "Undo by key", ["Asha"])
    press(console, ALT_SHIFT + "z")
    refused_with(console, "There is no phase move to undo")
    assert session_of(console)["clock"]["phase"] == 0

    console.execute_script("document.getElementById('control-pause').focus()")  # far from the offer
    press(console, ALT_SHIFT + Keys.ARROW_RIGHT)
    wait_until(console, lambda d: d.find_elements(By.ID, "control-undo-phase"), message="no Undo offered after the move")
    assert session_of(console)["clock"]["phase"] == 1
    # Read in one script: the controls are redrawn as the move's events come.
    assert console.execute_script("return document.getElementById('control-undo-phase').getAttribute('aria-keyshortcuts')") == "Alt+Shift+Z"
    assert "Alt+Shift+Z" in " ".join(said_log(console))
    no_control_held(console)
    press(console, ALT_SHIFT + "z")
    wait_until(console, lambda d: session_of(d)["clock"]["phase"] == 0, message="Alt+Shift+Z did not undo the move")
    wait_until(console, lambda d: not d.find_elements(By.ID, "control-undo-phase"))
    assert "Undo a phase move" in "".join(text_of(console, ".shortcuts"))
    assert browser_errors(console) == []
