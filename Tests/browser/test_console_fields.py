"""The console's turn and round lengths keep what the facilitator types through every redraw and
are checked only when sent (a bad value is shown as a field error and not sent); "Start a round"
sends the order the facilitator arranged."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (axe_problems, command, focused, invite_of, joined, participant_id, queue_names,
                   start_live_review, wait_js, wait_text, wait_until)
from room_helpers import said_log


def test_a_length_field_keeps_typing_and_a_bad_value_is_shown_not_sent(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Typed lengths", ["Asha", "Ben"])
    turn = console.find_element(By.ID, "control-turn")
    turn.send_keys(Keys.CONTROL, "a")
    turn.send_keys(Keys.BACKSPACE)
    # A hand goes up while the field is empty: the redraw leaves it empty (it used to refill 120).
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(console, lambda d: queue_names(d) == ["Asha"])
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Give Asha the floor']"))
    assert focused(console)["id"] == "control-turn"
    console.find_element(By.ID, "control-turn").send_keys("45")
    assert console.execute_script("return document.getElementById('control-turn').value") == "45"
    console.find_element(By.ID, "control-next-speaker").click()
    asha_id = participant_id(created, "Asha")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert 40 <= (console.execute_script("return Date.parse(arguments[0]) - Date.parse(arguments[1])", floor["turnEndsAt"], floor["since"]) / 1000) <= 45

    # 5 seconds is too short: the field says so, is described by the message, and nothing is sent.
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    field = console.find_element(By.ID, "control-turn")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("5")
    ben = participant_id(created, "Ben")
    console.execute_script("const s = document.getElementById('control-grant-who'); s.value = arguments[0];"
                           "s.dispatchEvent(new Event('change', {bubbles: true}));", ben)
    console.find_element(By.ID, "control-grant").click()
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-turn-error"))[0]
    assert "from 10 to 1800" in error.text and "“5”" in error.text and error.is_displayed()
    field = console.find_element(By.ID, "control-turn")
    assert field.get_attribute("aria-describedby") == "control-turn-error" and field.get_attribute("aria-invalid") == "true"
    assert focused(console)["id"] == "control-turn"
    assert console.execute_script("return window.reviewroom.model.session.floor.speaker") == asha_id
    assert axe_problems(console) == []
    # Typing again takes the complaint away; a good value is sent.
    field.send_keys(Keys.BACKSPACE, "60")
    assert console.find_elements(By.ID, "control-turn-error") == [] and field.get_attribute("aria-invalid") is None
    console.find_element(By.ID, "control-grant").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", ben)

    # The round's length: letters are refused in the field, not sent as NaN.
    console.find_element(By.ID, "control-release").click()
    secs = console.find_element(By.ID, "control-round-secs")
    secs.send_keys(Keys.CONTROL, "a")
    secs.send_keys(Keys.BACKSPACE)
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    console.find_element(By.ID, "control-round-start").click()
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-round-secs-error"))[0]
    # Said to be empty, not quoted back as "“” is not".
    assert error.text == "Seconds each is empty: type a whole number of seconds from 10 to 1800.", error.text
    assert console.execute_script("return window.reviewroom.model.session.floor.round") is None
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_start_a_round_sends_the_arranged_order(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Round order", ["Asha", "Ben", "Cai"])
    ids = {name: participant_id(created, name) for name in ("Asha", "Ben", "Cai")}
    # Present people first: Asha and Cai are online, Ben is not; Ben and the facilitator are offered
    # unticked (ticked, an offline reviewer who never joined was given the floor; a usability audit).
    cai = browsers()
    cai.get(invite_of(created, "Cai"))
    joined(cai)
    wait_js(console, "return window.reviewroom.model.online.has(arguments[0])", ids["Cai"])
    # Folded until opened, its summary counting who is ticked.
    summary = console.find_element(By.ID, "control-round-order-summary")
    assert summary.text == "Round order: 2 of 4 ticked"
    assert not console.find_element(By.ID, f"round-include-{ids['Ben']}").is_displayed()
    summary.click()
    listed = lambda: console.execute_script(  # noqa: E731
        "return [...document.querySelectorAll('#control-round-order input[type=checkbox]')].map((b) => [b.id.slice(14), b.checked])")
    wait_until(console, lambda d: [i for i, _ in listed()][:3] == [ids["Asha"], ids["Cai"], ids["Ben"]],
               message=f"order shown: {listed()}")
    assert [c for _, c in listed()] == [True, True, False, False]

    # Tick Ben and take him out again, move Cai up; presence changes no longer reorder the arranged list.
    console.find_element(By.ID, f"round-include-{ids['Ben']}").click()
    wait_text(console, "#control-round-order-summary", "Round order: 3 of 4 ticked")
    console.find_element(By.ID, f"round-include-{ids['Ben']}").click()
    console.find_element(By.ID, f"round-up-{ids['Cai']}").click()
    # At the top, "Move Cai up" goes disabled: focus is on his checkbox, not on "Move Cai down",
    # where Enter pressed again moved him straight back; the move is said.
    wait_js(console, "return document.activeElement.id === arguments[0]", f"round-include-{ids['Cai']}")
    assert "Cai moved to 1 of 4" in said_log(console), said_log(console)
    cai.quit()
    wait_js(console, "return !window.reviewroom.model.online.has(arguments[0])", ids["Cai"])
    assert [i for i, c in listed() if c] == [ids["Cai"], ids["Asha"]]
    assert console.find_element(By.ID, f"round-up-{ids['Cai']}").get_attribute("disabled") is not None
    # The length comes before the button that reads it, in reading and Tab order.
    assert console.execute_script("return !!(document.getElementById('control-round-secs').compareDocumentPosition("
                                  "document.getElementById('control-round-start')) & Node.DOCUMENT_POSITION_FOLLOWING)")
    console.find_element(By.ID, "control-round-start").click()
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    round_ = console.execute_script("return window.reviewroom.model.session.floor.round")
    assert round_["order"] == [ids["Cai"], ids["Asha"]]
    assert console.execute_script("return window.reviewroom.model.session.floor.speaker") == ids["Cai"]

    # Nobody ticked: "Start a round" is not offered and says why.
    assert command(console, "round.stop").get("error") is None
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-start"))
    for pid in (ids["Cai"], ids["Asha"]):
        console.find_element(By.ID, f"round-include-{pid}").click()
    wait_until(console, lambda d: d.find_elements(By.ID, "round-order-empty"))
    assert console.find_element(By.ID, "control-round-start").get_attribute("disabled") is not None
    assert axe_problems(console) == []
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_a_blank_turn_gives_an_untimed_turn_and_another_press_takes_a_fields_complaint_away(daemon, facilitator, api_ready, browsers):
    """PROTOCOL §3.2: `turnSec` is optional. A blank "Turn" field gives the floor with no time limit
    (it was refused as not a number); a complaint about the field goes with the next press of any
    other button (it stayed beside the field through phase moves and the end)."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "An untimed turn", ["Asha", "Ben"])
    asha_id = participant_id(created, "Asha")
    field = console.find_element(By.ID, "control-turn")
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(Keys.BACKSPACE)
    # Until someone is chosen, "Give the floor to" offers the first reviewer, not the facilitator
    # listed first (a keyboard-only probe gave the floor to themselves).
    roles = console.execute_script("return window.reviewroom.model.session.participants.map((p) => p.role)")
    assert roles[0] == "facilitator", roles
    assert console.execute_script("return document.getElementById('control-grant-who').value") == asha_id
    console.find_element(By.ID, "control-grant").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    assert console.execute_script("return window.reviewroom.model.session.floor.turnEndsAt") is None
    assert console.find_elements(By.ID, "control-turn-error") == []

    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    field = console.find_element(By.ID, "control-turn")
    field.send_keys("12020")
    console.find_element(By.ID, "control-grant").click()
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-turn-error"))[0]
    assert "or blank for no limit" in error.text and "“12020”" in error.text
    console.find_element(By.ID, "control-next").click()
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 1")
    wait_until(console, lambda d: d.find_elements(By.ID, "control-turn-error") == [],
               message="the turn field's complaint outlived another button's press")
    assert console.find_element(By.ID, "control-turn").get_attribute("aria-invalid") is None
    assert console.execute_script("return document.getElementById('control-turn').value") == "12020"
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_starting_a_round_while_someone_speaks_asks_first(daemon, facilitator, api_ready, browsers):
    """A usability audit: "Start a round" ended the turn under way without a word."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Round over a turn", ["Asha", "Ben"])
    asha_id = participant_id(created, "Asha")
    assert "error" not in command(console, "floor.grant", {"participant": asha_id})
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    console.find_element(By.ID, "control-round-start").click()
    alert = wait_until(console, lambda d: d.switch_to.alert)
    assert "Asha’s turn ends now" in alert.text, alert.text
    alert.dismiss()
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    assert console.execute_script("return window.reviewroom.model.session.floor.round") is None
    assert console.execute_script("return window.reviewroom.model.session.floor.speaker") == asha_id
    console.find_element(By.ID, "control-round-start").click()
    wait_until(console, lambda d: d.switch_to.alert).accept()
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_enter_in_seconds_each_starts_the_round_and_a_bad_value_is_not_sent(daemon, facilitator, api_ready, browsers):
    """A keyboard audit: "Seconds each", then Enter, did nothing; the round's one button reads it,
    so Enter presses that button (checked as a press is). Enter in "Turn" still sends nothing:
    two buttons read it."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Enter starts a round", ["Asha", "Ben"])
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    turn = console.find_element(By.ID, "control-turn")
    turn.send_keys(Keys.CONTROL, "a")
    turn.send_keys("45", Keys.ENTER)
    secs = console.find_element(By.ID, "control-round-secs")
    secs.send_keys(Keys.CONTROL, "a")
    secs.send_keys("5", Keys.ENTER)
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-round-secs-error"))[0]
    assert "“5”" in error.text, error.text
    assert focused(console)["id"] == "control-round-secs"
    assert console.execute_script("return window.reviewroom.model.session.floor.round") is None
    secs = console.find_element(By.ID, "control-round-secs")
    secs.send_keys(Keys.BACKSPACE, "30", Keys.ENTER)
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    assert console.execute_script("return window.reviewroom.model.session.floor.round.secondsEach") == 30
    # Had the Turn field's Enter given Asha the floor, the round would have asked first (an alert,
    # and no round until it was answered).
    assert console.execute_script("return window.reviewroom.model.session.floor.round.order") == [participant_id(created, "Asha")]
    # Where "Start a round" is not offered (nobody ticked), Enter says why: it did nothing.
    assert command(console, "round.stop").get("error") is None
    wait_until(console, lambda d: d.find_elements(By.ID, "control-round-start"))
    console.find_element(By.ID, "control-round-order-summary").click()
    console.find_element(By.ID, f"round-include-{participant_id(created, 'Asha')}").click()
    wait_until(console, lambda d: d.find_elements(By.ID, "round-order-empty"))
    console.find_element(By.ID, "control-round-secs").send_keys(Keys.ENTER)
    wait_js(console, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return !!n && n.innerText === 'Tick at least one person to start a round.'",
            message="Enter with nobody ticked said nothing")
    assert browser_errors(console) == [] and browser_errors(asha) == []
