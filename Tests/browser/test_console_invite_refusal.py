"""The console's invite form says the server's refusal of an invite in its own status line and
keeps what was typed, with focus back in the name field; the refusal used to replace the whole
session page with an error page."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, schedule_via_api, sign_in, wait_text, wait_until


def test_a_refused_invite_is_said_in_the_form_which_keeps_what_was_typed(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Invite refusal", ["Asha"])
    session_id = created["session"]["id"]
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Invite refusal']"))[0].click()
    field = wait_until(driver, lambda d: d.find_element(By.ID, "invite-name"))
    too_long = "Asha " + "x" * 200
    field.send_keys(too_long)
    field.submit()
    wait_text(driver, ".form-status", "The server refused: name is 205 characters long: at most 200 are allowed")
    assert driver.find_elements(By.ID, "session-heading"), "the session page was replaced"
    assert not driver.find_elements(By.CSS_SELECTOR, "[data-testid='erases-at']"), "a server that keeps sessions names an erasure"
    assert field.get_attribute("value") == too_long
    assert driver.execute_script("return document.activeElement.id") == "invite-name"
    assert axe_problems(driver) == []
    status, session = daemon.api("GET", f"/sessions/{session_id}", facilitator)
    assert status == 200 and [p["name"] for p in session["participants"] if p["role"] == "reviewer"] == ["Asha"]
    # Chromium logs the refused request itself; nothing else may be logged.
    assert [e for e in browser_errors(driver) if "status of 400" not in e] == []
