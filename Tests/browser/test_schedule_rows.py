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

    # Questions: the message names the one moved or removed by the start of its words.
    questions = len(driver.find_elements(By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li"))
    second, third = question_names(driver)[1:3]
    assert press_button(driver, f"Move question 2 ({second}) down") == f"Move question 3 ({second}) down"
    wait_text(driver, ".form-status", f"Question “{second}” moved to position 3 of {questions}")
    first_question, next_question = question_names(driver)[:2]
    assert press_button(driver, f"Remove question 1 ({first_question})") == f"Remove question 1 ({next_question})"
    wait_text(driver, ".form-status", f"Question “{first_question}” removed")

    # The last person removed: focus goes to "Add a person".
    assert press_button(driver, "Remove person 1") == "Add a person"
    wait_text(driver, ".form-status", "Person 1 removed")
    assert browser_errors(driver) == []


def question_names(driver):
    """How each question row's Remove button names its question ("question 2 (How do…)" gives "How do…")."""
    labels = driver.execute_script(
        "return [...document.querySelectorAll('ol.edit-list[aria-label=Questions] > li [data-row-action=remove]')]"
        ".map((n) => n.getAttribute('aria-label'));")
    return [label.split(" (", 1)[1][:-1] for label in labels]


def status_said(driver):
    """Every text the form's status line has shown since `watch_status`, in order."""
    return driver.execute_script("return window.__said.filter((text) => text);")


def watch_status(driver):
    driver.execute_script(
        "window.__said = []; const line = document.querySelector('.form-status');"
        "new MutationObserver(() => window.__said.push(line.textContent))"
        ".observe(line, {childList: true, characterData: true, subtree: true});")


def type_over(driver, element, text):
    """Puts the keyboard in `element`, selects what it holds and types `text` over it."""
    driver.execute_script("arguments[0].focus();", element)
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(text)


def agenda_total(driver):
    """The agenda's length as the line under the phases gives it ("The agenda runs 85 min in all." gives "85 min")."""
    return driver.find_element(By.ID, "agenda-total").text.removeprefix("The agenda runs ").removesuffix(" in all.")


def open_new_form(driver, daemon, facilitator):
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: len(phase_titles(d)) >= 4, message="no template agenda")


def test_a_phase_renamed_then_removed_is_said_by_its_new_title(daemon, facilitator, api_ready, browsers):
    """An audit: "Add a phase", "Workshop close" typed over "New phase", then Enter on "Remove phase
    10 (Workshop close)" said "Phase “New phase” removed", a title no row had any more: the message
    was made when the rows were drawn."""
    driver = browsers()
    open_new_form(driver, daemon, facilitator)
    driver.execute_script("arguments[0].focus();", driver.find_element(By.ID, "add-phase"))
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    added = driver.switch_to.active_element
    assert added.get_attribute("value") == "New phase"
    type_over(driver, added, "Workshop close")
    n = len(phase_titles(driver))
    watch_status(driver)
    press_button(driver, f"Remove phase {n} (Workshop close)")
    wait_text(driver, ".form-status", "Phase “Workshop close” removed")
    assert not any("New phase" in text for text in status_said(driver)), status_said(driver)
    assert browser_errors(driver) == []


def test_question_and_person_rows_name_their_words_as_typed(daemon, facilitator, api_ready, browsers):
    """An audit: every question's buttons were "Move question 2 up", "Remove question 2"…, and
    after removing question 2 a screen reader heard "Question 2 removed" with focus on "Remove
    question 2", by then the old question 3. A person's was "Remove person 2", without the name.
    They now name the question by its first words (cut at about 40 characters) and the person by
    name, kept as typed, and the message says which was removed."""
    driver = browsers()
    open_new_form(driver, daemon, facilitator)
    area = driver.find_element(By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li:first-child textarea")
    type_over(driver, area, "How do pupils know what good writing looks like in Year 6?")
    short = "How do pupils know what good writing…"
    assert [b.get_attribute("aria-label") for b in driver.find_elements(
        By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li:first-child button")] == [
        f"Move question 1 ({short}) up", f"Move question 1 ({short}) down", f"Remove question 1 ({short})"]
    # A short question is named whole; removing the second says its words, and the focused
    # Remove names the question that took its place.
    area = driver.find_element(By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li:nth-child(2) textarea")
    type_over(driver, area, "What changed?")
    third = question_names(driver)[2]
    assert third and driver.find_element(
        By.CSS_SELECTOR, "ol.edit-list[aria-label=Questions] > li:nth-child(3) textarea").get_attribute("value").startswith(third.rstrip("…"))
    assert press_button(driver, "Remove question 2 (What changed?)") == f"Remove question 2 ({third})"
    wait_text(driver, ".form-status", "Question “What changed?” removed")
    assert press_button(driver, f"Move question 1 ({short}) down") == f"Move question 2 ({short}) down"
    wait_text(driver, ".form-status", f"Question “{short}” moved to position 2 of")

    # People: the name as typed, and the removed one said by name.
    first = driver.find_element(By.CSS_SELECTOR, "input.person-name")
    type_over(driver, first, "Asha")
    first.send_keys(Keys.ENTER)  # on to a new person
    wait_until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, "input.person-name")) == 2)
    driver.switch_to.active_element.send_keys("Ben")
    assert press_button(driver, "Remove person 1 (Asha)") == "Remove person 1 (Ben)"
    wait_text(driver, ".form-status", "Asha removed")
    assert browser_errors(driver) == []


def test_adding_removing_and_retiming_phases_say_the_agendas_new_length(daemon, facilitator, api_ready, browsers):
    """An audit: the length under the phases is not a live region (it would speak at every
    keystroke in a length), and nothing said it, so a screen reader user who added or removed a
    phase never heard the new length. The row's message now ends with it, and a changed length
    says it once, when the field is left."""
    driver = browsers()
    open_new_form(driver, daemon, facilitator)
    total = driver.find_element(By.ID, "agenda-total")
    assert (total.get_attribute("aria-live"), total.get_attribute("role")) == (None, None)
    driver.execute_script("arguments[0].focus();", driver.find_element(By.ID, "add-phase"))
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    n = len(phase_titles(driver))
    wait_text(driver, ".form-status", f"Phase {n} added. Agenda now {agenda_total(driver)}.")

    last = phase_titles(driver)[-2]
    press_button(driver, f"Remove phase {n - 1} ({last})")
    wait_text(driver, ".form-status", f"Phase “{last}” removed. Agenda now {agenda_total(driver)}.")

    watch_status(driver)
    before = agenda_total(driver)
    minutes = driver.find_element(By.CSS_SELECTOR, "[data-phase-minutes='0']")
    type_over(driver, minutes, "25")
    assert agenda_total(driver) != before
    minutes.send_keys(Keys.TAB)
    wait_text(driver, ".form-status", f"Agenda now {agenda_total(driver)}.")
    # Said once, on leaving the field: not at each keystroke.
    assert status_said(driver) == [f"Agenda now {agenda_total(driver)}."]
    assert browser_errors(driver) == []


def test_phase_titles_take_the_rows_spare_width_and_are_not_cut(daemon, facilitator, api_ready, browsers):
    """A usability audit: at 1366 px the template's titles were cut ("Welcome and ground rul",
    "Evidence and enquiry qu") while 115 px stayed empty at each row's end."""
    driver = browsers()
    driver.set_window_size(1366, 768)
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: len(phase_titles(d)) >= 4, message="no template agenda")
    cut = driver.execute_script(
        "return [...document.querySelectorAll('ol.edit-list[aria-label=Agenda] > li input[type=text]')]"
        ".filter((n) => n.scrollWidth > n.clientWidth).map((n) => n.value)")
    assert cut == [], f"titles cut short: {cut}"
    assert browser_errors(driver) == []
