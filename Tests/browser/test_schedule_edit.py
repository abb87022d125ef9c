"""Editing an API-made session in the console keeps what the form does not show: each phase's
linked question ids. During a live session the phases up to the furthest one that has started
must come back unchanged, or the server refuses the whole edit (409): the form shows them
read-only, saying why (it offered their fields, and Save met the 409); so is a start moved once
live, so the form does not offer it."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import browser_errors
from pages import (click_when_ready, command, open_live_console, schedule_via_api, set_value, set_value_of, sign_in, wait_js,
                   wait_text, wait_until)

AGENDA = [
    {"title": "Briefing", "kind": "briefing", "durationSec": 300, "turnMode": "open", "onTimeUp": "overtime", "prompts": ["q-a"]},
    {"title": "Enquiry", "kind": "enquiry", "durationSec": 600, "turnMode": "queue", "onTimeUp": "overtime",
     "prompts": ["q-a", "q-b"], "purpose": "Test the evidence"},
    {"title": "Actions", "kind": "actions", "durationSec": 300, "turnMode": "queue", "onTimeUp": "overtime"},
]
PROMPTS = [{"id": "q-a", "text": "What changed?"}, {"id": "q-b", "text": "How do you know?"}]


def test_editing_a_live_api_agenda_keeps_the_phases_question_links(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Linked questions", ["Asha"], agenda=AGENDA, prompts=PROMPTS)
    session = created["session"]["id"]
    driver = browsers()
    open_live_console(driver, daemon.base, facilitator, "Linked questions")
    wait_until(driver, lambda d: d.find_element(By.XPATH, "//button[normalize-space()='Start session']")).click()
    wait_js(driver, "return window.reviewroom.model.session.clock.status === 'live'")
    assert "error" not in command(driver, "phase.next")
    wait_js(driver, "return window.reviewroom.model.session.clock.phase === 1")

    # Back to the session page, then lengthen the last phase (the first two have started).
    driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Linked questions']"))[0].click()
    click_when_ready(driver, "edit-session")
    minutes = wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "ol.edit-list li input[type=number]"))
    started = driver.find_elements(By.CSS_SELECTOR, "ol.edit-list li[data-started-phase]")
    assert [row.text.split("\n")[0] for row in started] == ["Phase 1: Briefing · 5 min", "Phase 2: Enquiry · 10 min"]
    assert all("can no longer change" in row.text for row in started)
    assert len(minutes) == 1
    # The last phase cannot move above the started ones, and no template can replace them.
    assert not driver.find_element(By.CSS_SELECTOR, "ol.edit-list li:last-child [data-row-action=up]").is_enabled()
    assert not driver.find_element(By.ID, "schedule-template").is_enabled()
    # Nor a deck: a new one drops the questions the started phases link to (a console audit met
    # a refusal that spoke of the agenda).
    assert not driver.find_element(By.ID, "schedule-deck").is_enabled()
    # And they say what the form holds: the session's own (a workshop audit met "Rapid remote review").
    assert driver.execute_script("return [document.getElementById('schedule-template'), document.getElementById('schedule-deck')]"
                                 ".map((s) => s.selectedOptions[0].textContent)") == [
        "This session’s agenda, as it is", "This session’s questions, as they are"]
    set_value(driver, minutes[0], "7")
    # The start has passed: its date and time cannot be changed, and another zone keeps the instant.
    assert not driver.find_element(By.ID, "schedule-date").is_enabled()
    assert not driver.find_element(By.ID, "schedule-time").is_enabled()
    assert "cannot move" in driver.find_element(By.ID, "schedule-date-hint").text
    Select(driver.find_element(By.ID, "schedule-zone")).select_by_value("Asia/Tokyo")
    # Nothing moves, so the form does not say the start moves.
    assert driver.find_element(By.ID, "schedule-clock-change").text == ""
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Changes saved.")

    status, after = daemon.api("GET", f"/sessions/{session}", facilitator)
    assert status == 200
    assert [p.get("prompts") for p in after["agenda"]] == [["q-a"], ["q-a", "q-b"], []]
    assert after["agenda"][1]["purpose"] == "Test the evidence"
    assert [p["durationSec"] for p in after["agenda"]] == [300, 600, 420]
    assert (after["startsAt"], after["timeZone"]) == (created["session"]["startsAt"], "Asia/Tokyo")
    assert browser_errors(driver) == []


def test_an_edit_that_leaves_the_date_and_time_alone_keeps_the_start_exactly(daemon, facilitator, api_ready, browsers):
    """The form rebuilt the start from its date and time fields on every save: a start with
    seconds lost them, and one in the second of an autumn's repeated hours (01:30 EST, after
    01:30 EDT) moved an hour earlier when only the title was edited (a console audit)."""
    # A past start in a repeated hour's second occurrence was asked about as "already passed",
    # naming the first occurrence (a time audit): fields as loaded are the loaded start.
    starts = {"Repeated hour": ("2027-11-07T06:30:00.000Z", "America/New_York"),
              "With seconds": ("2027-03-10T09:30:45.000Z", "Europe/London"),
              "Past repeated hour": ("2025-11-02T06:30:00.000Z", "America/New_York")}
    made = {}
    for title, (at, zone) in starts.items():
        status, created = daemon.api("POST", "/sessions", facilitator, {
            "title": title, "hostSchool": "Northfield", "focus": "Reading", "startsAt": at, "timeZone": zone,
            "template": "rapid-remote-90", "promptDeck": "covid-recovery", "participants": []})
        assert status == 201, created
        made[title] = created["session"]["id"]
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    for title, (at, zone) in starts.items():
        driver.execute_script("location.hash = arguments[0]", f"#session/{made[title]}")
        # This session's page, not the one before it still on screen (its Edit button went stale).
        wait_js(driver, "return document.title.includes(arguments[0]) && !!document.getElementById('edit-session')", title)
        click_when_ready(driver, "edit-session")
        wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title"))
        set_value_of(driver, "schedule-title", f"{title}, renamed")
        driver.find_element(By.ID, "schedule-submit").click()
        wait_text(driver, ".form-status", "Changes saved.")
        status, after = daemon.api("GET", f"/sessions/{made[title]}", facilitator)
        assert status == 200 and after["title"] == f"{title}, renamed", after
        assert (after["startsAt"], after["timeZone"]) == (at, zone), (title, after["startsAt"])
    assert browser_errors(driver) == []


def test_a_new_zone_that_moves_the_start_says_so_before_saving(daemon, facilitator, api_ready, browsers):
    """The date and time fields keep their reading when the zone changes, so moving a London
    session to Europe/Paris moved it an hour without a word (a time audit). The form now says
    where the review moves to, and from where; saving does as it said."""
    status, created = daemon.api("POST", "/sessions", facilitator, {
        "title": "Zone change", "hostSchool": "Northfield", "focus": "Reading", "startsAt": "2027-03-10T09:30:00.000Z",
        "timeZone": "Europe/London", "template": "rapid-remote-90", "promptDeck": "covid-recovery", "participants": []})
    assert status == 201, created
    session = created["session"]["id"]
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.execute_script("location.hash = arguments[0]", f"#session/{session}")
    click_when_ready(driver, "edit-session")
    wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title"))
    assert driver.find_element(By.ID, "schedule-clock-change").get_attribute("hidden") is not None
    Select(driver.find_element(By.ID, "schedule-zone")).select_by_value("Europe/Paris")
    said = wait_until(driver, lambda d: d.find_element(By.ID, "schedule-clock-change").text)
    assert "now read in Europe/Paris" in said and "moves the review" in said and "it was at" in said, said
    assert driver.find_element(By.ID, "schedule-clock-change").get_attribute("aria-live") == "polite"
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Changes saved.")
    status, after = daemon.api("GET", f"/sessions/{session}", facilitator)
    # 09:30 on the clock in Paris (UTC+1 in March): an hour earlier than 09:30 London (UTC).
    assert (after["startsAt"], after["timeZone"]) == ("2027-03-10T08:30:00.000Z", "Europe/Paris"), after
    assert browser_errors(driver) == []


def test_a_question_added_live_is_not_undone_by_an_edit_form_opened_before_it(daemon, facilitator, api_ready, browsers):
    """A console audit opened the edit form, a co-facilitator added a question live, and a save
    of only the title deleted that question for everyone: the form sent the questions as it
    had loaded them. Unchanged questions and agenda are not sent now, and changed ones are not
    sent over a change made meanwhile (the form says so, and nothing is saved)."""
    created = schedule_via_api(daemon, facilitator, "Live question kept", ["Asha"], agenda=AGENDA, prompts=PROMPTS)
    session = created["session"]["id"]
    live = browsers()
    open_live_console(live, daemon.base, facilitator, "Live question kept")
    form = browsers()
    sign_in(form, daemon.base, facilitator)
    form.execute_script("location.hash = arguments[0]", f"#session/{session}")
    click_when_ready(form, "edit-session")
    wait_until(form, lambda d: d.find_element(By.ID, "schedule-title"))
    assert "error" not in command(live, "prompt.add", {"text": "Added live by the co-facilitator"})

    set_value_of(form, "schedule-title", "Live question kept, renamed")
    form.find_element(By.ID, "schedule-submit").click()
    wait_text(form, ".form-status", "Changes saved.")
    status, after = daemon.api("GET", f"/sessions/{session}", facilitator)
    assert after["title"] == "Live question kept, renamed"
    assert "Added live by the co-facilitator" in [p["text"] for p in after["prompts"]["deck"]], after["prompts"]

    # A form opened before another live question, changing the questions itself, saves nothing.
    form.execute_script("location.hash = arguments[0]", f"#session/{session}")
    click_when_ready(form, "edit-session")
    areas = wait_until(form, lambda d: d.find_elements(By.CSS_SELECTOR, "ol.edit-list textarea"))
    assert "error" not in command(live, "prompt.add", {"text": "A second one added live"})
    set_value(form, areas[0], "What changed, reworded?")
    form.find_element(By.ID, "schedule-submit").click()
    wait_until(form, lambda d: "changed while this form was open" in d.find_element(By.CSS_SELECTOR, ".form-status").text,
               message="the form saved over a question added live")
    status, unchanged = daemon.api("GET", f"/sessions/{session}", facilitator)
    texts = [p["text"] for p in unchanged["prompts"]["deck"]]
    assert "A second one added live" in texts and "What changed?" in texts, texts
    assert browser_errors(form) == []


def test_a_phase_of_part_minutes_shows_its_length_and_keeps_it(daemon, facilitator, api_ready, browsers):
    """A 90-second phase showed "2" in its minutes field (the total said 11 min 30 s): anyone
    typing back what they saw made it 120 s (a console audit)."""
    agenda = [dict(AGENDA[0], durationSec=90), AGENDA[2]]
    created = schedule_via_api(daemon, facilitator, "Part minutes", ["Asha"], agenda=agenda, prompts=PROMPTS)
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.execute_script("location.hash = arguments[0]", f"#session/{created['session']['id']}")
    click_when_ready(driver, "edit-session")
    minutes = wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-phase-minutes]"))
    assert [m.get_attribute("value") for m in minutes] == ["1.5", "5"]
    set_value(driver, minutes[0], "1.5")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Changes saved.")
    status, after = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator)
    assert [p["durationSec"] for p in after["agenda"]] == [90, 300]
    assert browser_errors(driver) == []


def test_a_phase_added_mid_agenda_gets_no_other_phases_purpose_or_questions(daemon, facilitator, api_ready, browsers):
    """PATCH matches phases by position and keeps a phase's purpose and linked questions when they
    are left out: a phase added and moved up took the purpose ("Test the evidence") and questions
    of the phase that had been at its place, shown to everyone and in the record (a console
    usability audit). The form now sends both for every phase."""
    created = schedule_via_api(daemon, facilitator, "Mid agenda", ["Asha"], agenda=AGENDA, prompts=PROMPTS)
    session = created["session"]["id"]
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.execute_script("location.hash = arguments[0]", f"#session/{session}")
    wait_js(driver, "return document.title.includes('Mid agenda') && !!document.getElementById('edit-session')")
    click_when_ready(driver, "edit-session")
    wait_until(driver, lambda d: d.find_element(By.ID, "add-phase")).click()
    set_value(driver, driver.switch_to.active_element, "Pupil voice panel")
    for row in (4, 3):  # up from fourth to second
        driver.find_element(By.CSS_SELECTOR, f"ol.edit-list li:nth-child({row}) [data-row-action=up]").click()
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Changes saved.")

    status, after = daemon.api("GET", f"/sessions/{session}", facilitator)
    assert status == 200
    assert [p["title"] for p in after["agenda"]] == ["Briefing", "Pupil voice panel", "Enquiry", "Actions"], after["agenda"]
    added, enquiry = after["agenda"][1], after["agenda"][2]
    assert added.get("purpose") is None and added.get("prompts") == [], added
    assert enquiry.get("purpose") == "Test the evidence" and enquiry.get("prompts") == ["q-a", "q-b"], enquiry
    assert after["agenda"][3].get("purpose") is None, after["agenda"][3]
    assert browser_errors(driver) == []
