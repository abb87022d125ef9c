"""Keyboard focus survives the redraws that room events cause (BrowserClient.md, "Keyboard and
screen readers"): a reviewer's signal and "Finish my turn" buttons, and the console's controls
that have no id of their own (extend, per-hand buttons, "discussed" boxes); and when the review
ends and the hand and signal buttons go, focus moves to their panel's heading, never to <body>."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (start_live_review, command, focus_button, focused, invite_of, joined, open_live_console, participant_id,
                   queue_names, schedule_via_api, text_of, wait_js, wait_text, wait_until)

SIGNALS = "section[@aria-labelledby='signals-heading']"


def test_a_reviewers_focus_stays_on_signal_and_release_buttons(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Focus in the room", ["Asha", "Ben"])
    chair, asha, ben = browsers(), browsers(), browsers()
    for driver, url in ((chair, next(i["url"] for i in created["invites"] if i["participant"]["role"] == "facilitator")),
                        (asha, invite_of(created, "Asha")), (ben, invite_of(created, "Ben"))):
        driver.get(url)
        joined(driver)
    assert "error" not in command(chair, "session.start")

    # A signal from someone else redraws the signals panel: focus stays on the button it was on.
    focus_button(asha, "Agree", SIGNALS)
    ben.find_element(By.XPATH, f"//{SIGNALS}//button[normalize-space()='Slower, please']").click()
    wait_text(asha, ".signals", "Ben: Slower, please")
    assert focused(asha)["text"] == "Agree"

    # Asha has the floor; Ben raising his hand redraws the floor panel: focus stays on "Finish my turn".
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 120})
    wait_until(asha, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Finish my turn']"))
    focus_button(asha, "Finish my turn")
    ben.find_element(By.ID, "raise-hand").click()
    wait_until(asha, lambda d: queue_names(d) == ["Ben"])
    assert focused(asha)["text"] == "Finish my turn"
    # Pressing it with the keyboard gives the floor up (the button itself goes, as it should).
    asha.switch_to.active_element.send_keys(Keys.ENTER)
    wait_text(asha, "[data-testid=speaker]", "Nobody")
    assert browser_errors(asha) == [] and browser_errors(ben) == []


def test_console_focus_stays_on_controls_without_ids(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Focus in the console", ["Asha"])

    # "+1 min" pressed from the keyboard: the clock change redraws the controls, focus stays put.
    ends = console.execute_script("return window.reviewroom.model.session.clock.endsAt")
    focus_button(console, "+1 min")
    console.switch_to.active_element.send_keys(Keys.ENTER)
    wait_js(console, "return window.reviewroom.model.session.clock.endsAt !== arguments[0]", ends)
    assert focused(console)["text"] == "+1 min"

    # The per-hand button keeps focus while other events arrive.
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(console, lambda d: queue_names(d) == ["Asha"])
    focus_button(console, "Give Asha the floor")
    ends = console.execute_script("return window.reviewroom.model.session.clock.endsAt")
    assert "error" not in command(console, "clock.extend", {"seconds": 60})
    wait_js(console, "return window.reviewroom.model.session.clock.endsAt !== arguments[0]", ends)
    assert focused(console)["text"] == "Give Asha the floor"

    # A "discussed" box ticked with Space keeps focus after the change comes back from the server.
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    first = created["session"]["prompts"]["deck"][0]
    box = console.find_element(By.CSS_SELECTOR, ".prompt-list li input[type=checkbox]")
    console.execute_script("arguments[0].focus();", box)
    box.send_keys(Keys.SPACE)
    wait_js(console, "return (window.reviewroom.model.session.prompts.discussed || []).includes(arguments[0])", first["id"])
    now = focused(console)
    assert now["tag"] == "input" and now["checked"] is True, now
    assert console.execute_script("return document.activeElement.closest('li').innerText").startswith(first["text"])
    assert text_of(console, "#controls-heading") == "Run the session"
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_when_the_review_ends_focus_on_a_button_that_goes_moves_to_its_panels_heading(daemon, facilitator, api_ready, browsers):
    for button, heading in (("signal-time", "signals-heading"), ("raise-hand", "floor-heading")):
        created, chair, asha = start_live_review(daemon, facilitator, browsers, f"Ends while on {button}", ["Asha"])
        asha.execute_script("document.getElementById(arguments[0]).focus()", button)
        assert focused(asha)["id"] == button
        assert "error" not in command(chair, "session.end")
        wait_js(asha, "return window.reviewroom.model.session.clock.status === 'ended'")
        wait_until(asha, lambda d: focused(d)["id"] == heading,
                   message=f"focus on {button} went to {focused(asha)} when the review ended")
        assert asha.find_elements(By.ID, button) == []
        assert browser_errors(asha) == []


def test_a_hand_gone_by_someone_elses_doing_leaves_focus_on_the_hands_heading(daemon, facilitator, api_ready, browsers):
    """A keyboard-only facilitator rests on "Lower Asha's hand" when Asha lowers it herself: focus
    used to move onto Bo's same button, and the Enter meant for Asha lowered Bo's hand. Now it
    goes to the "Hands up" heading; the console's own press still moves on to the next hand's
    button (working down the list)."""
    title = "Hands lowered under the focus"
    created = schedule_via_api(daemon, facilitator, title, ["Asha", "Bo", "Cy"])
    console, asha = browsers(), browsers()
    open_live_console(console, daemon.base, facilitator, title)
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    assert "error" not in command(console, "session.start")
    ids = {name: participant_id(created, name) for name in ("Asha", "Bo", "Cy")}
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    for name in ("Bo", "Cy"):
        assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": ids[name]})
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-lower-{ids['Cy']}"))

    console.execute_script("document.getElementById(arguments[0]).focus()", f"control-lower-{ids['Asha']}")
    assert "error" not in command(asha, "hand.lower", {"participant": ids["Asha"]})
    wait_until(console, lambda d: not d.find_elements(By.ID, f"control-lower-{ids['Asha']}"))
    assert focused(console)["id"] == "control-hands-heading", focused(console)
    assert queue_names(console) == ["Bo", "Cy"]

    # Pressed here, the button's going moves focus on to the next hand's same button.
    console.execute_script("document.getElementById(arguments[0]).focus()", f"control-lower-{ids['Bo']}")
    console.switch_to.active_element.send_keys(Keys.ENTER)
    wait_until(console, lambda d: not d.find_elements(By.ID, f"control-lower-{ids['Bo']}"))
    wait_until(console, lambda d: focused(d)["id"] == f"control-lower-{ids['Cy']}",
               message=f"focus went to {focused(console)} after pressing Lower Bo's hand")
    assert browser_errors(console) == [] and browser_errors(asha) == []
