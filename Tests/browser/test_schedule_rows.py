"""The schedule form's Up, Down and Remove buttons (phases, questions, people) keep keyboard focus
in the list and say what they did: the list is redrawn under the pressed button, and focus used to
fall to <body> (the next Tab went back to the top of the agenda) with nothing said."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import sign_in, wait_text, wait_until

FOCUSED_LABEL = "const n = document.activeElement; return n.getAttribute('aria-label') || n.textContent;"


def press_button(driver, label):
    """Presses the button named `label` with Enter from the keyboard; returns the name of what has focus after."""
    button = driver.find_element(By.CSS_SELECTOR, f"button[aria-label='{label}']")
    driver.execute_script("arguments[0].focus();", button)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    return driver.execute_script(FOCUSED_LABEL)


def phase_titles(driver):
    return driver.execute_script("return [...document.querySelectorAll('ol.edit-list[aria-label=Agenda] > li input[type=text]')].map((n) => n.value)")


def test_moving_and_removing_rows_keeps_focus_on_the_row_and_says_what_happened(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: len(phase_titles(d)) >= 4, message="no template agenda")
    first, second, third, fourth = phase_titles(driver)[:4]
    count = len(phase_titles(driver))

    # Up to the top: the moved row's Up is disabled there, so its Down takes focus.
    assert press_button(driver, f"Move phase 2 ({second}) up") == f"Move phase 1 ({second}) down"
    wait_text(driver, ".form-status", f"Phase “{second}” moved to position 1 of {count}")
    # Down twice in a row from the keyboard: focus rides along with the row.
    assert press_button(driver, f"Move phase 2 ({first}) down") == f"Move phase 3 ({first}) down"
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert driver.execute_script(FOCUSED_LABEL) == f"Move phase 4 ({first}) down"
    wait_text(driver, ".form-status", f"Phase “{first}” moved to position 4 of {count}")
    assert phase_titles(driver)[:4] == [second, third, fourth, first]

    # Remove: the row that takes its place gets focus; at the end of the list, the row before.
    assert press_button(driver, f"Remove phase 2 ({third})") == f"Remove phase 2 ({fourth})"
    wait_text(driver, ".form-status", f"Phase “{third}” removed")
    last = phase_titles(driver)[-1]
    n = len(phase_titles(driver))
    assert press_button(driver, f"Remove phase {n} ({last})") == f"Remove phase {n - 1} ({phase_titles(driver)[-1]})"

    # Questions are numbered: the message names the one moved or removed by its number before.
    questions = len(driver.find_elements(By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li"))
    assert press_button(driver, "Move question 2 down") == "Move question 3 down"
    wait_text(driver, ".form-status", f"Question 2 moved to position 3 of {questions}")
    assert press_button(driver, "Remove question 1") == "Remove question 1"
    wait_text(driver, ".form-status", "Question 1 removed")

    # The last person removed: focus goes to "Add a person".
    assert press_button(driver, "Remove person 1") == "Add a person"
    wait_text(driver, ".form-status", "Person 1 removed")
    assert browser_errors(driver) == []
