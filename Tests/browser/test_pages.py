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


def test_join_without_a_link_explains_what_to_do(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    wait_text(driver, "#notice-heading", "No invite link")
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []


def test_unknown_link_shows_its_page_and_leaves_the_address_bar(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join#unknown-token-123")
    wait_text(driver, "#notice-heading", "This link no longer works")
    assert "#" not in driver.current_url and "unknown-token-123" not in driver.current_url
    screenshot(driver, "join-unknown-link")
    assert axe_problems(driver) == []
    driver.get(daemon.base + "/display#unknown-token-456")
    wait_text(driver, "#notice-heading", "This link no longer works")
    assert "unknown-token-456" not in driver.current_url
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []
