"""Moving between the console's views with the keyboard: the view that replaces the one a button
was in takes focus on its h1 (the button is gone; focus used to fall to <body>, and a screen
reader said nothing), and the nav button of the open view is `aria-current="page"`."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import joined, schedule_via_api, wait_until

FOCUSED = "const n = document.activeElement; return n.tagName.toLowerCase() + ':' + n.textContent.trim();"
CURRENT = "return [...document.querySelectorAll('#console-nav [aria-current=page]')].map((n) => n.textContent)"


def enter_on(driver, element):
    """Focuses `element` and presses Enter from the keyboard, as a keyboard user would."""
    driver.execute_script("arguments[0].focus();", element)
    driver.switch_to.active_element.send_keys(Keys.ENTER)


def focus_lands_on(driver, expected):
    wait_until(driver, lambda d: d.execute_script(FOCUSED) == expected,
               message=f"focus is on {driver.execute_script(FOCUSED)!r}, not {expected!r}")


def test_each_view_takes_focus_on_its_heading_and_the_nav_marks_the_open_one(daemon, facilitator, api_ready, browsers):
    schedule_via_api(daemon, facilitator, "Navigation focus", ["Asha"])
    driver = browsers()
    driver.get(daemon.base + "/console")
    field = wait_until(driver, lambda d: d.find_element(By.ID, "facilitator-token"))
    field.send_keys(facilitator, Keys.ENTER)
    focus_lands_on(driver, "h1:Sessions")
    assert driver.execute_script(CURRENT) == ["Sessions"]

    enter_on(driver, driver.find_element(By.XPATH, "//main//button[normalize-space()='Navigation focus']"))
    focus_lands_on(driver, "h1:Navigation focus")
    assert driver.execute_script(CURRENT) == []

    enter_on(driver, driver.find_element(By.ID, "run-live"))
    joined(driver)
    focus_lands_on(driver, "h1:Navigation focus")
    assert driver.execute_script("return document.activeElement.id") == "room-heading"

    enter_on(driver, driver.find_element(By.ID, "nav-sessions"))
    focus_lands_on(driver, "h1:Sessions")
    enter_on(driver, driver.find_element(By.ID, "new-session"))
    wait_until(driver, lambda d: d.execute_script(CURRENT) == ["Schedule a session"])
    assert browser_errors(driver) == []


def test_each_console_view_names_itself_in_the_tab_and_an_error_takes_focus(daemon, facilitator, api_ready, browsers):
    """The schedule and edit forms kept the tab's previous title (after the live view, "Ended – …"
    of a room no longer shown), and the error view left focus on <body>."""
    created = schedule_via_api(daemon, facilitator, "Tab titles", ["Asha"])
    driver = browsers()
    driver.get(daemon.base + "/console")
    field = wait_until(driver, lambda d: d.find_element(By.ID, "facilitator-token"))
    field.send_keys(facilitator, Keys.ENTER)
    focus_lands_on(driver, "h1:Sessions")
    enter_on(driver, driver.find_element(By.XPATH, "//main//button[normalize-space()='Tab titles']"))
    focus_lands_on(driver, "h1:Tab titles")
    enter_on(driver, driver.find_element(By.ID, "edit-session"))
    wait_until(driver, lambda d: d.title == "Edit Tab titles – facilitator console", message=f"the tab says {driver.title!r}")
    enter_on(driver, driver.find_element(By.ID, "nav-sessions"))
    focus_lands_on(driver, "h1:Sessions")
    enter_on(driver, driver.find_element(By.ID, "new-session"))
    wait_until(driver, lambda d: d.title == "Schedule a session – facilitator console", message=f"the tab says {driver.title!r}")

    # The session is deleted behind the console's back: opening it leads back to the list,
    # which says why and takes focus.
    enter_on(driver, driver.find_element(By.ID, "nav-sessions"))
    focus_lands_on(driver, "h1:Sessions")
    status, _ = daemon.api("DELETE", f"/sessions/{created['session']['id']}", facilitator)
    assert status == 204
    enter_on(driver, driver.find_element(By.XPATH, "//main//button[normalize-space()='Tab titles']"))
    wait_until(driver, lambda d: "not here any more" in d.find_element(By.ID, "sessions-status").text,
               message="the list did not say the session is gone")
    focus_lands_on(driver, "h1:Sessions")
    assert driver.title == "Facilitator console – ReviewRoom"
    assert not driver.find_elements(By.XPATH, "//main//button[normalize-space()='Tab titles']")

    # Any other failure is the error view, with focus on its heading (a server that could not be
    # reached at all keeps the page instead: test_first_time_facilitator.py).
    driver.execute_script("window.fetch = () => Promise.resolve(new Response("
                          "JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'boom' }),"
                          "{ status: 500, headers: { 'Content-Type': 'application/problem+json' } }));")
    enter_on(driver, driver.find_element(By.ID, "new-session"))
    wait_until(driver, lambda d: d.execute_script(CURRENT) == ["Schedule a session"])
    enter_on(driver, driver.find_element(By.ID, "nav-sessions"))
    focus_lands_on(driver, "h1:Something went wrong")
    assert driver.title == "Something went wrong – facilitator console"
    assert [e for e in browser_errors(driver) if "404" not in e and "500" not in e] == []


def test_a_token_copied_with_its_sentence_signs_in_and_an_invite_link_is_told_where_it_goes(daemon, facilitator, api_ready, browsers):
    """A usability audit: the demo prints "(sign in with token …)", and a token copied with its
    closing bracket was "not accepted"; an invite link pasted into the field got the same words.
    The page now also says how to get back to a running review from one's own invite link."""
    created = schedule_via_api(daemon, facilitator, "Pasted token", ["Asha"])
    driver = browsers()
    driver.get(daemon.base + "/console")
    field = wait_until(driver, lambda d: d.find_element(By.ID, "facilitator-token"))
    assert "open your own facilitator invite link" in driver.find_element(By.TAG_NAME, "main").text
    field.send_keys(created["invites"][1]["url"])
    driver.find_element(By.ID, "sign-in").click()
    wait_until(driver, lambda d: "That is an invite link, not a facilitator token" in d.find_element(By.ID, "sign-in-status").text)
    assert field.get_attribute("aria-invalid") == "true"
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(f"“{facilitator}).")
    driver.find_element(By.ID, "sign-in").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "new-session"), message="the token with its punctuation was refused")
    assert browser_errors(driver) == []
