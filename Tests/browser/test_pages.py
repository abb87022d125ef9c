"""Pages that need no session: they load without console errors or CSP violations, pass axe,
and show the right notice for missing and unknown links."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors, screenshot
from pages import axe_problems, wait_text, wait_until


def test_front_page_and_console_sign_in_are_clean(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/")
    wait_text(driver, "h1", "ReviewRoom")
    assert axe_problems(driver) == []
    driver.get(daemon.base + "/console")
    wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"))
    screenshot(driver, "console-sign-in")
    assert axe_problems(driver) == []
    # Keyboard focus is visible: tabbing from the token field reaches the button, outlined.
    driver.find_element(By.ID, "facilitator-token").send_keys(Keys.TAB)
    focused = driver.execute_script(
        "const n = document.activeElement; const st = getComputedStyle(n);"
        "return [n.id, st.outlineStyle, parseFloat(st.outlineWidth)];")
    assert focused[0] == "sign-in" and focused[1] == "solid" and focused[2] >= 2
    assert browser_errors(driver) == []


def test_console_refuses_a_wrong_token_and_stays_signed_out(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/console")
    wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"))[0].send_keys("not-a-real-token")
    driver.find_element(By.ID, "sign-in").click()
    status = wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".form-status").text)
    assert status  # a refusal is shown
    assert driver.find_elements(By.ID, "new-session") == []
    assert driver.execute_script("return sessionStorage.getItem('reviewroom.console.token')") is None


def test_a_second_wrong_token_in_a_row_is_said_again_and_the_field_names_it(daemon, browsers):
    """The refusal line is a live region: set to the same text, a screen reader hears nothing,
    so a second rejected token in a row seemed to do nothing. The line is emptied first (as the
    room's announcer does), and the field is marked invalid and described by the line."""
    driver = browsers()
    driver.get(daemon.base + "/console")
    field = wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"))[0]
    driver.execute_script(
        "window.__said = []; new MutationObserver(() => { window.__said.push(document.querySelector('.form-status').textContent); })"
        ".observe(document.querySelector('.form-status'), {childList: true, characterData: true, subtree: true});")
    for attempt in (1, 2):
        field.send_keys("not-a-real-token", Keys.ENTER)
        wait_until(driver, lambda d: [t for t in d.execute_script("return window.__said") if t].__len__() == attempt,
                   message=f"attempt {attempt}: the refusal line said {driver.execute_script('return window.__said')}")
    refused = "That token was not accepted. Check it and try again."
    said = driver.execute_script("return window.__said")
    # Emptied between the two refusals, so the second is a change a screen reader reads out.
    assert said[said.index(refused) + 1:] == ["", refused], said
    assert field.get_attribute("aria-invalid") == "true"
    assert "sign-in-status" in field.get_attribute("aria-describedby").split()
    assert [e for e in browser_errors(driver) if "401 (Unauthorized)" not in e] == []


def test_join_without_a_link_explains_what_to_do(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    wait_text(driver, "#notice-heading", "No invite link")
    # Someone who bookmarked the room page after joining (the page takes the code off the
    # address bar) is told why the bookmark does not join.
    assert "A bookmark or a typed address of this page does not keep that code" in driver.find_element(By.CSS_SELECTOR, "main").text
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []


def test_unknown_link_shows_its_page_and_leaves_the_address_bar(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join#unknown-token-123")
    wait_text(driver, "#notice-heading", "This link no longer works")
    assert "#" not in driver.current_url and "unknown-token-123" not in driver.current_url
    screenshot(driver, "join-unknown-link")
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []
    driver.get(daemon.base + "/display#unknown-token-456")
    wait_text(driver, "#notice-heading", "This link no longer works")
    assert "unknown-token-456" not in driver.current_url
    assert axe_problems(driver) == []
    # The display asks whose link it is before joining (GET /api/v1/invite): Chromium logs the
    # 401 an unknown link gets there; nothing else may be logged.
    assert [e for e in browser_errors(driver) if "401 (Unauthorized)" not in e] == []


def test_a_page_asked_for_with_a_trailing_slash_opens_with_its_fragment(daemon, browsers):
    """`/console/` and `/join/#token` (typed, or pasted by a mail client that adds a slash) go to
    their page (308 to `../console`); the invite's fragment is kept across the redirect."""
    driver = browsers()
    driver.get(daemon.base + "/console/")
    wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"))
    assert driver.current_url == daemon.base + "/console"
    driver.get(daemon.base + "/join/#unknown-token-789")
    # The page ran with the token from the fragment (and took it out of the address bar).
    wait_text(driver, "#notice-heading", "This link no longer works")
    assert driver.current_url == daemon.base + "/join"
    assert browser_errors(driver) == []
