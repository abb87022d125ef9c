"""What the facilitator has chosen or half typed in the console's controls survives the redraw
that every room event causes: the new question (with its selection), the "Go to" phase and the
person chosen for "Give the floor"."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import browser_errors
from pages import (start_live_review, focused, invite_of, joined, open_live_console, participant_id, queue_names,
                   schedule_via_api, set_value_of, wait_js, wait_until)


def test_console_keeps_unsent_choices_and_text_when_a_hand_goes_up(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Choices survive", ["Asha", "Ben"])

    ben = participant_id(created, "Ben")
    set_value_of(console, "control-goto", "2")
    set_value_of(console, "control-grant-who", ben)
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    field = console.find_element(By.ID, "control-new-question")
    field.send_keys("What would help most")
    field.send_keys(Keys.SHIFT + Keys.ARROW_LEFT * 4)  # "most" selected, as if about to retype it

    # Someone raises a hand: the controls are redrawn around the facilitator's work.
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(console, lambda d: queue_names(d) == ["Asha"])
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Give Asha the floor']"))
    now = focused(console)
    assert (now["id"], now["value"], now["selection"]) == ("control-new-question", "What would help most", [16, 20]), now
    assert Select(console.find_element(By.ID, "control-goto")).first_selected_option.get_attribute("value") == "2"
    assert Select(console.find_element(By.ID, "control-grant-who")).first_selected_option.get_attribute("value") == ben

    # The kept choices are the ones sent: "Give the floor" goes to Ben, "Go to phase" to the third phase.
    console.find_element(By.XPATH, "//button[normalize-space()='Give the floor']").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", ben)
    console.find_element(By.XPATH, "//button[normalize-space()='Go to phase']").click()
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 2")
    # The question is added once, then the field empties (it stayed typed through every redraw).
    console.find_element(By.ID, "control-new-question").send_keys(Keys.END, " now?", Keys.ENTER)
    wait_js(console, "return window.reviewroom.model.session.prompts.deck.some((q) => q.text === 'What would help most now?')")
    wait_js(console, "return document.getElementById('control-new-question').value === ''")
    # ... and said, as a reword is (the field only emptied, which a screen reader does not tell).
    number = console.execute_script("return window.reviewroom.model.session.prompts.deck.length")
    wait_js(console, "return window.reviewroom.announcer.log.includes(arguments[0])", f"Question {number} added.")
    assert browser_errors(console) == [] and browser_errors(asha) == []
