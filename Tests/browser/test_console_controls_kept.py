"""The console's controls are merged into the page at every room event, not rebuilt (a keyboard-
only probe, M4): with every hand raised or person joining, the control under focus was replaced
by a fresh copy, focus put on it (a screen reader may read it out again), and "New question"
lost what Ctrl+Z could take back. Now the control that is still there is the same element,
and a click on it acts on the room as it is now (its handler is the latest rendering's)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import browser_errors
from pages import command, focused, invite_of, joined, open_live_console, participant_id, schedule_via_api, wait_js, wait_until


def live_console_with(daemon, facilitator, browsers, title, names):
    created = schedule_via_api(daemon, facilitator, title, names)
    console, reviewer = browsers(), browsers()
    open_live_console(console, daemon.base, facilitator, title)
    reviewer.get(invite_of(created, names[0]))
    joined(reviewer)
    assert "error" not in command(console, "session.start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console, reviewer


def mark_focused(driver):
    """Tags the focused element with a property a fresh copy would not have."""
    driver.execute_script("document.activeElement.keptProbe = true")


def focus_is_marked(driver):
    return driver.execute_script("return document.activeElement.keptProbe === true")


def test_the_focused_button_and_a_typed_question_are_kept_through_room_events(daemon, facilitator, api_ready, browsers):
    created, console, asha = live_console_with(daemon, facilitator, browsers, "Controls kept", ["Asha", "Bo"])
    asha_id = participant_id(created, "Asha")

    console.execute_script("document.getElementById('control-next-speaker').focus()")
    mark_focused(console)
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-grant-{asha_id}"))
    assert focused(console)["id"] == "control-next-speaker"
    assert focus_is_marked(console), "the focused Next speaker button was replaced by a copy"
    # The kept button acts on the room as it is now: Asha's hand, raised after it was drawn.
    console.switch_to.active_element.send_keys(Keys.ENTER)
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)

    # Typed into "New question", then a hand goes up: Ctrl+Z still takes the typing back.
    console.find_element(By.ID, "control-questions").click()
    field = console.find_element(By.ID, "control-new-question")
    field.click()
    field.send_keys("Why now")
    mark_focused(console)
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-lower-{asha_id}"))
    assert focus_is_marked(console), "the New question field was replaced by a copy"
    console.switch_to.active_element.send_keys(Keys.CONTROL, "z")
    wait_until(console, lambda d: d.find_element(By.ID, "control-new-question").get_attribute("value") == "",
               message="Ctrl+Z no longer took back what was typed before the hand went up: "
                       + console.find_element(By.ID, "control-new-question").get_attribute("value"))
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_a_choice_made_after_a_redraw_is_the_one_sent(daemon, facilitator, api_ready, browsers):
    """The "Give the floor to" list is kept too, so Give the floor reads the choice on the page,
    not the one the list had when the controls were last drawn (Asha, the first reviewer)."""
    created, console, asha = live_console_with(daemon, facilitator, browsers, "Choice kept", ["Asha", "Bo"])
    asha_id, bo_id = participant_id(created, "Asha"), participant_id(created, "Bo")
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-grant-{asha_id}"))
    # A redraw (Asha lowers her hand), then the choice, then the press with no redraw between.
    assert "error" not in command(asha, "hand.lower", {"participant": asha_id})
    wait_until(console, lambda d: d.find_elements(By.ID, "control-no-hands"))
    Select(console.find_element(By.ID, "control-grant-who")).select_by_visible_text("Bo")
    console.find_element(By.ID, "control-grant").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", bo_id)
    assert browser_errors(console) == [] and browser_errors(asha) == []
