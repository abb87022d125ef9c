"""The console's views have addresses (BrowserClient.md, "Tokens"): Back and Forward move between
them (Back used to leave the console, and a facilitator pressing it mid-review lost the live
controls), a reload keeps the view, a session's page can be bookmarked, a half-filled form asks
before Back leaves it, and a session that is gone opens the list with a word of why."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import joined, schedule_via_api, sign_in, wait_js, wait_until

HEADING = "const h = document.querySelector('main h1'); return h ? h.textContent.trim() : null;"


def heading_becomes(driver, text):
    wait_until(driver, lambda d: d.execute_script(HEADING) == text,
               message=f"the page's heading is {driver.execute_script(HEADING)!r}, not {text!r}")


def fragment(driver):
    return driver.execute_script("return location.hash")


def test_back_forward_and_reload_keep_to_the_consoles_views(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Addressed review", ["Asha"])
    session = created["session"]["id"]
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    assert fragment(driver) == ""
    wait_until(driver, lambda d: d.find_element(By.XPATH, "//main//button[normalize-space()='Addressed review']")).click()
    heading_becomes(driver, "Addressed review")
    assert fragment(driver) == f"#session/{session}"
    driver.find_element(By.ID, "run-live").click()
    joined(driver)
    assert fragment(driver) == f"#session/{session}/live"

    # Back from the live controls: the session's page, and the live connection is closed.
    driver.back()
    wait_until(driver, lambda d: d.find_elements(By.ID, "run-live"), message="Back did not lead to the session's page")
    heading_becomes(driver, "Addressed review")
    assert driver.execute_script("return window.reviewroom === undefined")
    driver.back()
    wait_until(driver, lambda d: d.find_elements(By.ID, "sessions-heading"), message="Back did not lead to the list")
    assert driver.current_url == daemon.base + "/console"
    driver.forward()
    heading_becomes(driver, "Addressed review")
    driver.forward()
    joined(driver)

    # A reload in the middle of the review comes straight back to the live controls.
    driver.refresh()
    joined(driver)
    assert fragment(driver) == f"#session/{session}/live"
    assert driver.find_elements(By.ID, "room-heading")
    assert browser_errors(driver) == []


def test_a_bookmarked_session_page_opens_after_sign_in_and_a_gone_one_says_so(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Bookmarked review", ["Asha"])
    session = created["session"]["id"]
    driver = browsers()
    # A new tab has no sign-in: the token first, then the bookmarked page.
    driver.get(f"{daemon.base}/console#session/{session}")
    field = wait_until(driver, lambda d: d.find_element(By.ID, "facilitator-token"))
    field.send_keys(facilitator, Keys.ENTER)
    heading_becomes(driver, "Bookmarked review")
    assert fragment(driver) == f"#session/{session}"

    driver.get(f"{daemon.base}/console#session/{session}/edit")
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-submit"), message="the edit address did not open the form")
    assert driver.title == "Edit Bookmarked review – facilitator console"

    # A fragment that names no view is the list, and is cleared rather than kept.
    driver.get(f"{daemon.base}/console#session")
    wait_until(driver, lambda d: d.find_elements(By.ID, "sessions-heading"))
    assert fragment(driver) == ""

    status, _ = daemon.api("DELETE", f"/sessions/{session}", facilitator)
    assert status == 204
    driver.get(f"{daemon.base}/console#session/{session}")
    wait_until(driver, lambda d: d.find_elements(By.ID, "sessions-heading"), message="a deleted session's address did not open the list")
    wait_js(driver, "return document.getElementById('sessions-status').textContent.includes('not here any more')",
            message="the list did not say why")
    assert fragment(driver) == ""
    assert [e for e in browser_errors(driver) if "404" not in e] == []

    # Sign out clears the address: whoever signs in next starts at their own list.
    driver.get(f"{daemon.base}/console#schedule")
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-submit"))
    driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sign out']").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"))
    assert fragment(driver) == ""


def test_back_from_a_half_filled_form_asks_and_staying_keeps_what_was_typed(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    title = wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title"))
    assert fragment(driver) == "#schedule"
    title.send_keys("Half typed")

    driver.back()
    alert = wait_until(driver, lambda d: d.switch_to.alert, message="Back left the form without asking")
    assert "has not been saved" in alert.text, alert.text
    alert.dismiss()
    assert fragment(driver) == "#schedule"
    assert driver.find_element(By.ID, "schedule-title").get_attribute("value") == "Half typed"

    # The console's own buttons ask too; staying keeps the form, leaving goes.
    driver.find_element(By.ID, "nav-sessions").click()
    wait_until(driver, lambda d: d.switch_to.alert).dismiss()
    assert driver.find_element(By.ID, "schedule-title").get_attribute("value") == "Half typed"
    driver.back()
    wait_until(driver, lambda d: d.switch_to.alert).accept()
    wait_until(driver, lambda d: d.find_elements(By.ID, "sessions-heading"), message="accepting did not leave the form")
    assert fragment(driver) == ""

    # A sent form's entry is replaced by the new session's page: Back does not offer it again.
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title")).send_keys("Sent once")
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("Reading")
    driver.find_element(By.CSS_SELECTOR, ".person-name").send_keys("Asha")
    driver.find_element(By.ID, "schedule-submit").click()
    heading_becomes(driver, "Sent once")
    assert fragment(driver).startswith("#session/")
    driver.back()
    wait_until(driver, lambda d: d.find_elements(By.ID, "sessions-heading"), message="Back from a new session did not lead to the list")
    assert browser_errors(driver) == []
