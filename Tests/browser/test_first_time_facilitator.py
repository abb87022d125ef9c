"""A facilitator's first time in the console (BrowserClient.md, "The schedule form" and "The
session page"): a probe that used the console with no training found a cleared date making the
Schedule button do nothing (a RangeError), a 0-minute phase saved as 1 minute, a start in the
past taken without a word, refusals shown only at the foot of a long form in the server's
0-based numbering, a stray template choice wiping the tailored agenda, "−5 min" ending a phase
with one click, "Run live session" before the lobby opened saying only "Could not join", and an
ended review deleted by a "Cancel session" button whose question did not mention its record."""
import json
import urllib.request

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from conftest import browser_errors
from pages import click_when_ready, joined, run_in_page, schedule_via_api, set_value_of, sign_in, wait_js, wait_text, wait_until


def open_form(driver, daemon, facilitator):
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-title"))
    driver.find_element(By.ID, "schedule-title").send_keys("First time")
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("Reading stamina")


def session_titles(daemon, facilitator):
    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions", headers={"Authorization": f"Bearer {facilitator}"})
    with urllib.request.urlopen(request, timeout=15) as response:
        return [s["title"] for s in json.load(response)]


def error_under(driver, field_id):
    """The message shown under the field, if it is marked invalid and names it."""
    return driver.execute_script(
        "const n = document.getElementById(arguments[0]), e = document.getElementById(arguments[0] + '-error');"
        "return n.getAttribute('aria-invalid') === 'true' && e && (n.getAttribute('aria-describedby') || '').includes(e.id)"
        "  ? e.textContent : null;", field_id)


def test_mistakes_in_the_schedule_form_are_said_under_their_fields_and_nothing_is_saved(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    open_form(driver, daemon, facilitator)
    before = session_titles(daemon, facilitator)
    set_value_of(driver, "schedule-date", "")
    minutes = driver.find_elements(By.CSS_SELECTOR, "[data-phase-minutes]")
    set_value_of(driver, minutes[1].get_attribute("id"), "0")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: error_under(d, "schedule-date"), message="the cleared date was not named")
    assert "Give the date" in error_under(driver, "schedule-date")
    assert error_under(driver, minutes[1].get_attribute("id")) == "Phase 2 needs a length from 1 to 600 minutes."
    assert driver.execute_script("return document.activeElement.id") == "schedule-date"
    set_value_of(driver, minutes[1].get_attribute("id"), "700")
    set_value_of(driver, "schedule-date", "2020-01-06")
    set_value_of(driver, "schedule-time", "09:30")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: error_under(d, minutes[1].get_attribute("id")), message="700 minutes was taken")
    assert error_under(driver, "schedule-date") is None
    assert session_titles(daemon, facilitator) == before, "a refused form saved something"
    # A start in the past is said, and taken only when the same start is sent again.
    set_value_of(driver, minutes[1].get_attribute("id"), "12")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: "has already passed" in (error_under(d, "schedule-date") or ""),
               message="a start in 2020 was taken without a word")
    assert session_titles(daemon, facilitator) == before
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "session-heading"), message="the second press did not schedule")
    assert len(session_titles(daemon, facilitator)) == len(before) + 1
    assert browser_errors(driver) == []


def test_another_template_asks_before_throwing_away_a_tailored_agenda(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    open_form(driver, daemon, facilitator)
    title = driver.find_element(By.CSS_SELECTOR, "[data-phase-title='0']")
    title.clear()
    title.send_keys("Our own welcome")
    # The renamed phase's row buttons say its new name; the agenda's length is shown as tailored.
    assert "Our own welcome" in driver.find_element(
        By.CSS_SELECTOR, "ol.edit-list li:first-child [data-row-action=remove]").get_attribute("aria-label")
    total = driver.find_element(By.ID, "agenda-total").text
    minutes = driver.find_element(By.CSS_SELECTOR, "[data-phase-minutes='0']")
    set_value_of(driver, minutes.get_attribute("id"), str(int(minutes.get_attribute("value")) + 5))
    wait_until(driver, lambda d: d.find_element(By.ID, "agenda-total").text != total, message=f"the total stayed {total!r}")
    assert driver.find_element(By.ID, "agenda-total").text.startswith("The agenda runs ")
    template = Select(driver.find_element(By.ID, "schedule-template"))
    chosen = template.first_selected_option.get_attribute("value")
    other = next(o.get_attribute("value") for o in template.options if o.get_attribute("value") != chosen)
    template.select_by_value(other)
    alert = driver.switch_to.alert
    assert "Your changes to them will be lost" in alert.text, alert.text
    alert.dismiss()
    assert driver.find_element(By.CSS_SELECTOR, "[data-phase-title='0']").get_attribute("value") == "Our own welcome"
    assert Select(driver.find_element(By.ID, "schedule-template")).first_selected_option.get_attribute("value") == chosen
    Select(driver.find_element(By.ID, "schedule-template")).select_by_value(other)
    driver.switch_to.alert.accept()
    wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-phase-title='0']").get_attribute("value") != "Our own welcome")
    # Untailored, a choice replaces the phases without asking.
    Select(driver.find_element(By.ID, "schedule-template")).select_by_value(chosen)
    wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, "[data-phase-title='0']").get_attribute("value"))
    assert browser_errors(driver) == []


def test_server_refusals_are_numbered_as_the_form_numbers_its_rows(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/schedule-form.js').then((m) => done(['agenda[2].title is empty: give some text',"
        "  'the agenda edit changes phase 0 (\"Welcome\"), which is current: once the session is live only the phases after phase 0 can change',"
        "  'prompts[4].text is too long', 'participants[2].name is 204 characters long'].map((text) => m.formsNumbering(text)).concat("
        "  ['prompts[12].text is 2004 characters long', 'participants[2].name is 204 characters long']"
        "    .map((text) => m.formsNumbering(text, { prompts: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13], participants: [1, 3, 4] })))),"
        "  (e) => done(['import failed: ' + e]));")
    assert result == [
        "Phase 3 title is empty: give some text",
        'the agenda edit changes Phase 1 ("Welcome"), which is current: once the session is live only the phases after Phase 1 can change',
        "Question 5 is too long",
        "Person 3 name is 204 characters long",
        # Blank rows are not sent: the server's places are mapped to the form's rows (a paste probe).
        "Question 14 is 2004 characters long",
        "Person 5 name is 204 characters long",
    ], result


@pytest.mark.full_chromium
def test_run_live_before_the_lobby_opens_says_when_it_opens_and_deleting_a_review_names_its_record(daemon, facilitator, api_ready, browsers):
    schedule_via_api(daemon, facilitator, "Next week's review", ["Asha"], minutes=7 * 24 * 60)
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()=\"Next week's review\"]"))[0].click()
    wait_until(driver, lambda d: d.find_element(By.ID, "run-live")).click()
    wait_text(driver, ".form-status", "The live controls work once the lobby opens, at")
    # Not run yet: cancelled, and the question says so.
    delete = wait_until(driver, lambda d: d.find_element(By.ID, "delete-session"))
    assert delete.get_attribute("textContent") == "Cancel session"
    # An ended review is deleted with its record, and the question says what goes.
    schedule_via_api(daemon, facilitator, "Finished review", ["Asha"])
    driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Finished review']"))[0].click()
    wait_until(driver, lambda d: d.find_element(By.ID, "run-live")).click()
    joined(driver)
    wait_until(driver, lambda d: d.find_element(By.ID, "control-start")).click()
    wait_js(driver, "return window.reviewroom.model.session.clock.status === 'live'")
    # Running: deleting it takes what has been recorded, so it is not "Cancel session", which read
    # as "stop" beside a running review (a usability audit).
    driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Finished review']"))[0].click()
    wait_js(driver, "return document.title.includes('Finished review') && !!document.getElementById('delete-session')")
    assert driver.find_element(By.ID, "delete-session").get_attribute("textContent") == "Delete session and its record"
    click_when_ready(driver, "run-live")
    joined(driver)
    driver.find_element(By.ID, "control-end").click()
    driver.switch_to.alert.accept()
    wait_js(driver, "return window.reviewroom.model.session.clock.status === 'ended'")
    # Ended: the record is offered right there, above the greyed controls (a usability audit
    # found it three pages away).
    wait_until(driver, lambda d: d.find_element(By.ID, "control-record-md")).click()
    wait_until(driver, lambda d: any(p.name.endswith("Finished review - record.md") for p in d.download_dir.iterdir()),
               message="the record was not downloaded from the ended live view")
    assert "This session has ended. Its record:" in driver.find_element(By.ID, "control-record").text
    driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Finished review']"))[0].click()
    delete = wait_until(driver, lambda d: d.find_element(By.ID, "delete-session"))
    assert delete.get_attribute("textContent") == "Delete session and its record"
    delete.click()
    alert = driver.switch_to.alert
    assert "Its whole record goes with it" in alert.text and "Download the record first" in alert.text, alert.text
    alert.accept()
    wait_text(driver, "#sessions-status", "“Finished review” was deleted.")
    assert "Finished review" not in session_titles(daemon, facilitator)
    assert browser_errors(driver) == []


def test_leaving_a_half_filled_form_asks_first_and_the_facilitators_own_link_says_to_keep_it(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    open_form(driver, daemon, facilitator)
    assert driver.execute_script(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;"), \
        "a reload would drop the half-filled form without asking"
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "session-heading"))
    assert not driver.execute_script(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;"), \
        "the form, sent, still held the page"
    keep = driver.find_elements(By.CSS_SELECTOR, ".invite-row .hint")
    assert [k.text for k in keep] == ["A facilitator’s link: it runs the review. Keep it, do not send it to reviewers."], [k.text for k in keep]
    assert browser_errors(driver) == []


def test_enter_in_a_persons_name_goes_on_to_the_next_person_instead_of_sending_the_form(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    open_form(driver, daemon, facilitator)
    before = session_titles(daemon, facilitator)
    names = driver.find_elements(By.CSS_SELECTOR, ".person-name")
    names[0].send_keys("Asha Patel" + Keys.ENTER)
    wait_until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".person-name")) == len(names) + 1,
               message="Enter did not add a row for the next person")
    assert driver.execute_script("return document.activeElement.classList.contains('person-name') && document.activeElement.value === ''")
    driver.switch_to.active_element.send_keys("Ben Okafor" + Keys.ENTER)
    wait_until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".person-name")) == len(names) + 2)
    # On an empty last row Enter does nothing: the form is sent by its button.
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    assert len(driver.find_elements(By.CSS_SELECTOR, ".person-name")) == len(names) + 2
    assert session_titles(daemon, facilitator) == before, "Enter in a name sent the form"
    assert browser_errors(driver) == []


def test_too_long_details_and_a_five_digit_year_are_said_under_their_fields(daemon, facilitator, api_ready, browsers):
    """A console audit: a 5,000-character title, host school or focus, and a year typed with five
    digits, were sent and came back as the API's words at the foot of the form ("hostSchool …",
    "'+020277-01-01…' is not an RFC 3339 date-time"), with no field marked."""
    driver = browsers()
    open_form(driver, daemon, facilitator)
    before = session_titles(daemon, facilitator)
    set_value_of(driver, "schedule-title", "T" * 201)
    set_value_of(driver, "schedule-host", "H" * 300)
    set_value_of(driver, "schedule-focus", "F" * 2001)
    set_value_of(driver, "schedule-date", "20277-01-01")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: error_under(d, "schedule-title"), message="the long title was not named")
    assert error_under(driver, "schedule-title") == "Title is 201 characters long: at most 200 fit."
    assert error_under(driver, "schedule-host") == "Host school is 300 characters long: at most 200 fit."
    assert error_under(driver, "schedule-focus") == "Enquiry focus is 2001 characters long: at most 2000 fit."
    if driver.find_element(By.ID, "schedule-date").get_attribute("value") == "20277-01-01":
        assert "Give the date" in (error_under(driver, "schedule-date") or "")
    assert driver.execute_script("return document.activeElement.id") == "schedule-title"
    assert session_titles(daemon, facilitator) == before
    assert browser_errors(driver) == []


def test_rows_changed_only_with_buttons_still_ask_before_leaving(daemon, facilitator, api_ready, browsers):
    """A console audit removed a phase and moved another up with their buttons, typed nothing,
    and pressed Sessions: the form was dropped without "Leave this form?"."""
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-title"))
    assert not driver.execute_script(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;")
    driver.find_element(By.CSS_SELECTOR, "ol.edit-list li:nth-child(2) [data-row-action=up]").click()
    assert driver.execute_script(
        "const e = new Event('beforeunload', { cancelable: true }); window.dispatchEvent(e); return e.defaultPrevented;"), \
        "a phase moved by its button would be dropped without asking"
    assert browser_errors(driver) == []


OFFLINE = {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
ONLINE = {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}


def test_a_dropped_connection_is_called_that_and_keeps_the_page(daemon, facilitator, api_ready, browsers):
    """A console audit went offline: scheduling said "The server refused: network" (blaming the
    server for the Wi-Fi), and a record download replaced the session's page with "Something went
    wrong". The connection is named now, and the page stays."""
    driver = browsers()
    open_form(driver, daemon, facilitator)
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", OFFLINE)
    try:
        driver.find_element(By.ID, "schedule-submit").click()
        wait_text(driver, ".form-status", "Could not reach ReviewRoom: check the connection, then try again. Nothing was changed.")
        assert driver.find_element(By.ID, "schedule-title").get_attribute("value") == "First time"
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", ONLINE)
        driver.find_element(By.ID, "schedule-submit").click()
        wait_until(driver, lambda d: d.find_elements(By.ID, "session-heading"), message="the form did not schedule once back online")
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", OFFLINE)
        driver.find_element(By.XPATH, "//button[normalize-space()='Download record (Markdown text)']").click()
        wait_text(driver, "#network-failure", "Could not reach ReviewRoom")
        assert driver.find_elements(By.ID, "session-heading"), "the session's page was replaced"
    finally:
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", ONLINE)
