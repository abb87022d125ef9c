"""The console's controls are merged into the page at every room event, not rebuilt (a keyboard-
only probe, M4): with every hand raised or person joining, the control under focus was replaced
by a fresh copy, focus put on it (a screen reader may read it out again), and "New question"
lost what Ctrl+Z could take back. Now the control that is still there is the same element,
and a click on it acts on the room as it is now (its handler is the latest rendering's).
A second keyboard probe, on the merged controls, found focus falling to the page when a
co-facilitator started a round or ended the review, a "Discussed" box unticked by an event
while its own command was on its way, a question reworded while the host removed it vanishing
with the typing, and everything after the round's controls rebuilt as a round started."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import browser_errors
from console_helpers import co_facilitator_room, no_control_held, started_console
from pages import command, focused, invite_of, joined, participant_id, wait_js, wait_until


def live_console_with(daemon, facilitator, browsers, title, names):
    """A started console (`started_console`) and the first of `names` in the room."""
    created, console = started_console(daemon, facilitator, browsers, title, names)
    reviewer = browsers()
    reviewer.get(invite_of(created, names[0]))
    joined(reviewer)
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
    # What did not change is not written again ("Go to phase"'s options were, at every event).
    console.execute_script("window.gotoWrites = 0; new MutationObserver((m) => { window.gotoWrites += m.length; })"
                           ".observe(document.getElementById('control-goto'), {attributes: true, subtree: true, childList: true});")
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-grant-{asha_id}"))
    assert focused(console)["id"] == "control-next-speaker"
    assert console.execute_script("return window.gotoWrites") == 0
    assert focus_is_marked(console), "the focused Next speaker button was replaced by a copy"
    # The kept button acts on the room as it is now: Asha's hand, raised after it was drawn.
    console.switch_to.active_element.send_keys(Keys.ENTER)
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    # The pause after Next speaker's answer ends with a redraw; landing mid-typing on a slow CI
    # run, it split the typing into two undo steps (Ctrl+Z left "W"). The test is about a room
    # event after the typing, so it types once that is over.
    no_control_held(console)

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


def focus_on(driver, element_id):
    driver.execute_script("document.getElementById(arguments[0]).focus()", element_id)
    assert focused(driver)["id"] == element_id


def test_a_co_facilitators_round_or_end_leaves_focus_on_a_control_and_the_typing_undoable(daemon, facilitator, api_ready, browsers):
    """A round started by someone else takes away the round order, "Seconds each" and "Give the
    floor": focus on one of them fell to the page. The round's part is one element whatever it
    holds, so what comes after it (New question) is kept, not rebuilt, as the round starts."""
    created, console, asha = live_console_with(daemon, facilitator, browsers, "Round by another", ["Asha", "Bo"])
    dan = browsers()
    co_facilitator_room(daemon, facilitator, created, dan, name="Dan")
    asha_id = participant_id(created, "Asha")

    console.find_element(By.ID, "control-round-order-summary").click()
    focus_on(console, f"round-include-{asha_id}")
    assert "error" not in command(dan, "round.start", {"secondsEach": 90})
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-stop"))
    assert focused(console)["id"] == "control-round-stop", focused(console)

    assert "error" not in command(dan, "round.stop")
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-start"))
    focus_on(console, "control-round-secs")
    assert "error" not in command(dan, "round.start", {"secondsEach": 90})
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-stop"))
    assert focused(console)["id"] == "control-round-stop", focused(console)

    assert "error" not in command(dan, "round.stop")
    wait_until(console, lambda d: not d.find_element(By.ID, "control-grant").get_attribute("disabled"))
    focus_on(console, "control-grant")
    assert "error" not in command(dan, "round.start", {"secondsEach": 90})
    wait_until(console, lambda d: d.find_element(By.ID, "control-grant").get_attribute("disabled"))
    assert focused(console)["id"] == "control-grant-who", focused(console)

    # Typed into New question; the round stops: Ctrl+Z still takes the typing back.
    console.find_element(By.ID, "control-questions").click()
    console.find_element(By.ID, "control-new-question").click()
    console.switch_to.active_element.send_keys("Who decides")
    mark_focused(console)
    assert "error" not in command(dan, "round.stop")
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-start"))
    assert focus_is_marked(console), "New question was rebuilt as the round stopped"
    console.switch_to.active_element.send_keys(Keys.CONTROL, "z")
    wait_until(console, lambda d: d.find_element(By.ID, "control-new-question").get_attribute("value") == "",
               message="Ctrl+Z did not take back what was typed before the round stopped")

    # Dan ends the review under the facilitator's Pause: focus goes to the controls' heading.
    focus_on(console, "control-pause")
    assert "error" not in command(dan, "session.end")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'ended'")
    wait_until(console, lambda d: focused(d)["id"] == "controls-heading", message=f"focus on {focused(console)}")
    assert browser_errors(console) == []


def test_a_discussed_box_shows_what_was_pressed_until_its_answer(daemon, facilitator, api_ready, browsers):
    """Another event landing while "Discussed" is on its way drew the box from the room, so it
    read "not checked" under the facilitator's focus until the answer came."""
    created, console, asha = live_console_with(daemon, facilitator, browsers, "Discussed in flight", ["Asha", "Bo"])
    prompt = created["session"]["prompts"]["deck"][1]["id"]
    # The console's "discussed" command waits until the test lets it go.
    console.execute_script(
        "const c = window.reviewroom.connection, real = c.command.bind(c);"
        "c.command = (type, fields) => type !== 'prompt.discussed' ? real(type, fields)"
        "  : new Promise((go) => { window.sendDiscussed = () => go(real(type, fields)); });")
    console.find_element(By.ID, "control-questions").click()
    box = console.find_element(By.CSS_SELECTOR, f'[data-focus-key="discussed:{prompt}"]')
    box.send_keys(Keys.SPACE)
    wait_js(console, "return typeof window.sendDiscussed === 'function'")
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-lower-{participant_id(created, 'Asha')}"))
    assert console.execute_script("return document.activeElement.checked") is True, "the box was drawn unticked meanwhile"
    console.execute_script("window.sendDiscussed()")
    wait_js(console, "return window.reviewroom.model.session.prompts.discussed.includes(arguments[0])", prompt)
    assert console.execute_script("return document.activeElement.checked") is True
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_a_question_removed_while_reworded_puts_the_wording_in_new_question(daemon, facilitator, api_ready, browsers):
    """The host removed the question being reworded: the form vanished with the typing and focus
    fell to the page. Now, as when Save finds it gone, the wording goes to New question, focused,
    and the refusal line says why."""
    created, console, asha = live_console_with(daemon, facilitator, browsers, "Reworded and removed", ["Asha"])
    session_id = created["session"]["id"]
    deck = created["session"]["prompts"]["deck"]
    gone_id = deck[2]["id"]
    console.find_element(By.ID, "control-questions").click()
    console.find_element(By.ID, f"control-reword-{gone_id}").click()
    wait_until(console, lambda d: focused(d)["id"] == f"control-reword-text-{gone_id}")
    console.switch_to.active_element.send_keys(Keys.END, " today")
    wording = deck[2]["text"] + " today"
    status, _ = daemon.api("PATCH", f"/sessions/{session_id}", facilitator,
                           {"prompts": [p for p in deck if p["id"] != gone_id]})
    assert status == 200
    wait_until(console, lambda d: focused(d)["id"] == "control-new-question",
               message=f"focus on {focused(console)} after the question went")
    assert console.find_element(By.ID, "control-new-question").get_attribute("value") == wording
    wait_until(console, lambda d: "Question 3 was removed meanwhile" in d.find_element(By.CSS_SELECTOR, ".controls .refusal").text)
    assert browser_errors(console) == []
