"""A whole review in real browsers: the facilitator schedules it in the console, two reviewers
and a room display join, the clock and floor stay in step everywhere, two people type into one
note at once, the daemon restarts mid-session, and links that cannot join show their pages.

The steps share one session, so they run as one test; each step asserts as it goes."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import MAX_NOTE_UNITS, browser_errors, screenshot
from pages import (click_when_ready, axe_problems, countdown_end, joined, note_get, queue_names, set_value,
                   shown_note, sign_in, text_of, wait_js, wait_text, wait_until)

# Chrome logs failed WebSocket handshakes while the daemon is down; those are expected there only.
RECONNECT_NOISE = ("WebSocket connection to",)


def local_date(iso, zone):
    """A start's date in its own time zone, as the console's download names give it."""
    return datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).date().isoformat()


def clean(errors, allowed=()):
    return [e for e in errors if not any(a in e for a in allowed)]


def schedule_in_console(driver):
    """Fills the schedule form (starting in two minutes: the lobby is open) and returns {name: invite url} from the session page."""
    driver.find_element(By.ID, "new-session").click()
    title = wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title"))
    title.send_keys("Reading for pleasure – rapid review")
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("How do we rebuild reading stamina?")
    now = driver.execute_script(
        "const d = new Date(Date.now() + 120000); const p = (n) => String(n).padStart(2, '0');"
        "return [`${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, `${p(d.getHours())}:${p(d.getMinutes())}`];")
    set_value(driver, driver.find_element(By.ID, "schedule-date"), now[0])
    set_value(driver, driver.find_element(By.ID, "schedule-time"), now[1])
    # Tailor the agenda: the first phase becomes a short briefing.
    first_title = driver.find_element(By.CSS_SELECTOR, "#main ol.edit-list li input[type=text]")
    first_title.clear()
    first_title.send_keys("Quick briefing")
    people = [("Asha", "reviewer"), ("Ben", "reviewer"), ("Room", "display")]
    for index, (name, role) in enumerate(people):
        if index > 0:
            driver.find_element(By.ID, "add-person").click()
        names = driver.find_elements(By.CSS_SELECTOR, ".person-name")
        names[index].send_keys(name)
        roles = driver.find_elements(By.CSS_SELECTOR, ".person-role")
        set_value(driver, roles[index], role)
    screenshot(driver, "console-schedule")
    assert axe_problems(driver) == []
    # The form is the page: one h1 (axe's page-has-heading-one; it was an h2 under no h1).
    assert driver.execute_script("return [...document.querySelectorAll('h1')].map((h) => h.textContent)") == ["Schedule a session"]
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".invite-link")) >= 4,
               message="the session page never listed the invite links")
    # Focus lands on the new session's heading (it fell to <body> with the form gone).
    wait_until(driver, lambda d: d.execute_script("return document.activeElement.id") == "session-heading",
               message="focus did not move to the new session's heading")
    screenshot(driver, "console-session")
    links = {field.get_attribute("data-name"): field.get_attribute("value")
             for field in driver.find_elements(By.CSS_SELECTOR, ".invite-link")}
    # "Copy link" either copies or, where the clipboard is refused, selects the link and says so.
    driver.find_element(By.XPATH, "//button[@aria-label='Copy link for Asha']").click()
    wait_until(driver, lambda d: "Asha" in d.find_element(By.CSS_SELECTOR, ".form-status").text
               or "clipboard" in d.find_element(By.CSS_SELECTOR, ".form-status").text)
    return links


@pytest.mark.full_chromium
def test_a_review_in_real_browsers(daemon, facilitator, api_ready, browsers):
    console = browsers()
    sign_in(console, daemon.base, facilitator)
    links = schedule_in_console(console)
    assert "/join#" in links["Asha"] and "/join#" in links["Ben"] and "/display#" in links["Room"]
    assert links["Asha"] != links["Ben"]
    status, sessions = daemon.api("GET", "/sessions", facilitator)
    assert status == 200
    session = next(s for s in sessions if s["title"] == "Reading for pleasure – rapid review")
    session_id = session["id"]
    assert session["agenda"][0]["title"] == "Quick briefing"

    # Two reviewers and the room display join (the links point at the daemon's public URL).
    asha, ben, room = browsers(), browsers(), browsers()
    for driver, name in ((asha, "Asha"), (ben, "Ben"), (room, "Room")):
        driver.get(links[name])
        joined(driver)
        assert "#" not in driver.current_url
    wait_text(asha, ".countdown", "Starts at")  # in the lobby: no countdown yet, the start time
    console.find_element(By.ID, "run-live").click()
    joined(console)
    everyone = (console, asha, ben, room)

    # The facilitator starts and advances a phase: every page shows the same phase and countdown.
    wait_until(console, lambda d: d.find_element(By.ID, "control-start")).click()
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    console.find_element(By.ID, "control-next").click()
    second_phase = session["agenda"][1]["title"]
    for driver in everyone:
        wait_text(driver, "[data-testid=phase-title]", second_phase)
        wait_js(driver, "return !!window.reviewroom.model.session.clock.endsAt")
    ends = [countdown_end(driver) for driver in everyone]
    assert max(ends) - min(ends) < 1000, ends
    shown = [text_of(driver, ".countdown, .display-countdown") for driver in everyone]
    assert all(text.strip() for text in shown)

    # Hands: Asha by button, Ben by keyboard shortcut; the same order everywhere, then Asha lowers hers.
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(asha, lambda d: queue_names(d) == ["Asha"])
    ben.find_element(By.TAG_NAME, "body").send_keys(Keys.ALT + Keys.SHIFT + "h")
    for driver in everyone:
        wait_until(driver, lambda d: queue_names(d) == ["Asha", "Ben"], message="queue order differs")
    wait_text(room, "[data-testid=queue]", "Ben")
    asha.find_element(By.ID, "raise-hand").click()  # now "Lower hand"
    for driver in everyone:
        wait_until(driver, lambda d: queue_names(d) == ["Ben"])
    assert room.find_elements(By.ID, "raise-hand") == [] and room.find_elements(By.TAG_NAME, "textarea") == []

    # The facilitator gives Ben the floor: Ben is told (assertively), everyone sees it.
    console.find_element(By.XPATH, "//button[normalize-space()='Give Ben the floor']").click()
    wait_text(ben, "[data-testid=speaker]", "You have the floor")
    wait_js(ben, "return [...document.querySelectorAll('[role=alert]')].some((n) => n.textContent.includes('You have the floor'))")
    for driver in (console, asha, room):
        wait_text(driver, "[data-testid=speaker]", "Ben has the floor")

    # The facilitator shows a question to everyone (from the questions list of the console).
    console.find_element(By.ID, "control-questions").click()
    first_question = session["prompts"]["deck"][0]["text"]
    console.find_element(By.XPATH, "//button[normalize-space()='Show to everyone']").click()
    for driver in everyone:
        wait_text(driver, "[data-testid=question]", first_question)

    # A signal from a reviewer reaches the facilitator with her name.
    asha.find_element(By.XPATH, "//button[normalize-space()='Agree']").click()
    wait_text(console, ".signals", "Asha: Agree")

    # The facilitator's Alt+Shift+N shortcut moves everyone to the next phase; the change is announced politely.
    console.find_element(By.TAG_NAME, "body").send_keys(Keys.ALT + Keys.SHIFT + "n")
    third_phase = session["agenda"][2]["title"]
    for driver in everyone:
        wait_text(driver, "[data-testid=phase-title]", third_phase)
    wait_js(asha, "return document.querySelector('[role=status][aria-live=polite]').textContent.includes(arguments[0])", third_phase)

    # Both reviewers type into the same note at once, keystrokes interleaved.
    note = session["notes"][0]["id"]
    areas = {driver: driver.find_element(By.ID, f"note-{note}") for driver in (asha, ben)}
    initial = note_get(asha, note)["text"]
    areas[asha].click()
    areas[ben].click()
    words_a, words_b = "asha writes here ", "BEN ADDS THIS "
    for i in range(0, max(len(words_a), len(words_b)), 3):
        areas[asha].send_keys(words_a[i:i + 3])
        areas[ben].send_keys(words_b[i:i + 3])

    def converged(_):
        server = note_get(asha, note)
        if "error" in server:
            return False
        return all(shown_note(d, note) == server["text"] for d in everyone if d is not room) and server
    final = wait_until(asha, converged, timeout=30, message="notes did not converge")
    # Nothing lost, nothing doubled: exactly the typed characters, whatever their interleaving.
    assert sorted(final["text"]) == sorted(initial + words_a + words_b)
    for driver, name in ((asha, "join-room"), (room, "display"), (console, "console-live")):
        screenshot(driver, name)
        assert axe_problems(driver) == [], name

    # The daemon restarts mid-session; text typed while it is down is kept and sent after the resume.
    daemon.stop()
    wait_js(asha, "return !window.reviewroom.connection.online")
    areas[asha].send_keys(Keys.END, " kept offline")
    wait_js(asha, "return document.querySelector('[data-sync]:not([hidden])').dataset.sync !== 'synchronized'")
    screenshot(asha, "join-offline")
    daemon.start(daemon.port)
    for driver in everyone:
        joined(driver)
    wait_until(asha, lambda d: "kept offline" in (note_get(d, note).get("text") or ""), timeout=30,
               message="text typed while offline never reached the server")
    for driver in (console, asha, ben):
        wait_until(driver, lambda d: "kept offline" in shown_note(d, note))
    for driver in everyone:
        wait_text(driver, "[data-testid=phase-title]", third_phase)

    # On a phone, in the dark colour scheme, the room still passes axe (contrast included).
    asha.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    asha.set_window_size(390, 844)
    asha.execute_script("window.scrollTo(0, 0)")
    screenshot(asha, "join-phone-dark")
    assert axe_problems(asha) == []

    # Revoking Ben's invite sends his page to the "no longer works" notice; his link stays dead.
    ben_id = next(p["id"] for p in session["participants"] if p["name"] == "Ben")
    status, _ = daemon.api("DELETE", f"/sessions/{session_id}/participants/{ben_id}", facilitator)
    assert status == 204
    wait_text(ben, "#notice-heading", "This link no longer works")
    again = browsers()
    again.get(links["Ben"])
    wait_text(again, "#notice-heading", "This link no longer works")
    screenshot(again, "join-revoked")
    assert axe_problems(again) == []

    # The facilitator ends the review (after confirming): every page says so and notes become read-only.
    console.find_element(By.ID, "control-end").click()
    console.switch_to.alert.accept()
    for driver in (console, asha, room):
        wait_text(driver, ".countdown, .display-countdown", "Review ended")
    wait_until(asha, lambda d: d.find_element(By.ID, f"note-{note}").get_attribute("readonly") is not None)
    assert asha.find_elements(By.ID, "raise-hand") == []
    wait_text(asha, "#connection-banner", "This review has ended")
    screenshot(asha, "join-ended")

    # The record and the calendar download from the session page (fetched with the bearer token).
    console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    listed = wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Reading for pleasure – rapid review']"))
    screenshot(console, "console-sessions")
    assert axe_problems(console) == []
    listed[0].click()
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Download record (Markdown text)']"))[0].click()
    console.find_element(By.XPATH, "//button[normalize-space()='Download calendar (.ics)']").click()
    # Named by the session's date and title (its id said nothing to the host school).
    session = daemon.api("GET", f"/sessions/{session_id}", facilitator)[1]
    stem = f"{local_date(session['startsAt'], session['timeZone'])} Reading for pleasure – rapid review"
    record = console.download_dir / f"{stem} - record.md"
    calendar = console.download_dir / f"{stem}.ics"
    wait_until(console, lambda d: record.exists() and calendar.exists(),
               message=f"downloads never arrived: {sorted(p.name for p in console.download_dir.iterdir())}")
    wait_until(console, lambda d: "kept offline" in record.read_text(encoding="utf-8"))
    assert "Reading for pleasure" in record.read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in calendar.read_text(encoding="utf-8")

    for driver in everyone + (again,):
        assert clean(browser_errors(driver), RECONNECT_NOISE) == []


def test_schedule_form_refuses_missing_details_and_creates_nothing(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    _, before = daemon.api("GET", "/sessions", facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title"))
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Give the session a title.")
    assert "Describe the enquiry focus." in driver.find_element(By.CSS_SELECTOR, ".form-status").text
    _, after = daemon.api("GET", "/sessions", facilitator)
    assert len(after) == len(before)
    assert browser_errors(driver) == []


def test_a_name_or_question_too_long_is_named_at_its_own_row_and_marked(daemon, facilitator, api_ready, browsers):
    """A paste probe: a 204-character name pasted in "Person 5" (blank rows before it) came back
    as "participants[2].name is 204 characters long", and a question in "Question 2" after a blank
    one as "Question 1.text", no field marked and focus left on the button."""
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    _, before = daemon.api("GET", "/sessions", facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title")).send_keys("Pasted too much")
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("Reading")
    while len(driver.find_elements(By.CSS_SELECTOR, ".person-name")) < 5:
        driver.find_element(By.ID, "add-person").click()
    names = driver.find_elements(By.CSS_SELECTOR, ".person-name")
    names[1].send_keys("Asha")
    names[3].send_keys("Bilal")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", names[4], "N" * 204)
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Person 5 name is 204 characters long: at most 200 fit.")
    assert names[4].get_attribute("aria-invalid") == "true"
    assert driver.execute_script("return document.activeElement === arguments[0]", names[4])

    driver.execute_script("arguments[0].value = 'Nadia'; arguments[0].dispatchEvent(new Event('input'));", names[4])
    while len(driver.find_elements(By.CSS_SELECTOR, ".edit-list textarea")) < 2:
        driver.find_element(By.ID, "add-question").click()
    questions = driver.find_elements(By.CSS_SELECTOR, ".edit-list textarea")
    driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", questions[-1], "Q" * 2005)
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", f"Question {len(questions)} is 2005 characters long: at most 2000 fit.")
    assert questions[-1].get_attribute("aria-invalid") == "true"
    assert names[4].get_attribute("aria-invalid") != "true"
    _, after = daemon.api("GET", "/sessions", facilitator)
    assert len(after) == len(before)
    assert browser_errors(driver) == []


def test_a_link_before_the_lobby_opens_shows_when(daemon, facilitator, api_ready, browsers):
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=2)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator, {
        "title": "Later review", "hostSchool": "Southfield", "focus": "Transitions",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "template": "rapid-remote-90", "promptDeck": "covid-recovery",
        "participants": [{"name": "Dee", "role": "reviewer"}], "lobbyOpensMinutesBefore": 15, "autoStart": False})
    assert status == 201, created
    url = next(i["url"] for i in created["invites"] if i["participant"]["name"] == "Dee")
    driver = browsers()
    driver.get(url)
    wait_text(driver, "#notice-heading", "not open yet")
    body = driver.find_element(By.CSS_SELECTOR, ".notice").text
    assert str(starts.astimezone(datetime.timezone.utc).year) in body
    screenshot(driver, "join-not-open")
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []


def test_console_tailors_the_agenda_and_questions_of_a_scheduled_session(daemon, facilitator, api_ready, browsers):
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator, {
        "title": "Tailored review", "hostSchool": "Eastfield", "focus": "Feedback",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "template": "rapid-remote-90", "promptDeck": "covid-recovery", "participants": []})
    assert status == 201, created
    before = created["session"]
    assert len(before["agenda"]) >= 3
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Tailored review']"))[0].click()
    click_when_ready(driver, "edit-session")
    wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "ol.edit-list li"))
    # Retitle and retime the first phase, move the second above it, remove the last one.
    first = driver.find_element(By.CSS_SELECTOR, "ol.edit-list li input[type=text]")
    first.clear()
    first.send_keys("Context from the host")
    minutes = driver.find_element(By.CSS_SELECTOR, "ol.edit-list li input[type=number]")
    set_value(driver, minutes, "7")
    last_phase = before["agenda"][-1]["title"]
    driver.find_element(By.XPATH, f"//button[@aria-label=\"Remove phase {len(before['agenda'])} ({last_phase})\"]").click()
    second = before["agenda"][1]["title"]
    driver.find_element(By.XPATH, f"//button[@aria-label=\"Move phase 2 ({second}) up\"]").click()
    question = driver.find_elements(By.CSS_SELECTOR, "ol.edit-list")[1].find_element(By.TAG_NAME, "textarea")
    question.clear()
    question.send_keys("What would success look like by summer?")
    screenshot(driver, "console-edit")
    assert axe_problems(driver) == []
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Changes saved.")
    _, after = daemon.api("GET", f"/sessions/{before['id']}", facilitator)
    titles = [p["title"] for p in after["agenda"]]
    assert titles[:2] == [second, "Context from the host"]
    assert len(titles) == len(before["agenda"]) - 1 and last_phase not in titles[2:]
    assert after["agenda"][1]["durationSec"] == 420
    assert after["prompts"]["deck"][0]["text"] == "What would success look like by summer?"
    assert browser_errors(driver) == []


def test_a_refused_edit_shows_why_and_the_note_stays_as_the_server_has_it(daemon, facilitator, api_ready, browsers):
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=2)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator, {
        "title": "Big paste", "hostSchool": "Westfield", "focus": "Notes",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "template": "rapid-remote-90", "promptDeck": "covid-recovery",
        "participants": [{"name": "Asha", "role": "reviewer"}, {"name": "Olu", "role": "observer"}]})
    assert status == 201, created
    invites = {i["participant"]["role"]: i["url"] for i in created["invites"]}
    note = created["session"]["notes"][0]["id"]
    chair, asha = browsers(), browsers()
    chair.get(invites["facilitator"])
    joined(chair)
    chair.execute_async_script("const done = arguments[arguments.length - 1];"
                               "window.reviewroom.connection.command('session.start').then(done, done);")
    asha.get(invites["reviewer"])
    joined(asha)
    area = asha.find_element(By.ID, f"note-{note}")
    area.send_keys("first line")
    wait_until(asha, lambda d: note_get(d, note).get("text") == "first line")
    # Paste more than the note may hold: the server refuses it, the page says so and shows the server's text.
    set_value(asha, area, "first line" + "x" * (MAX_NOTE_UNITS + 10))
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "what you just typed was not kept")
    wait_until(asha, lambda d: shown_note(d, note) == "first line")
    assert note_get(asha, note)["text"] == "first line"
    wait_until(chair, lambda d: shown_note(d, note) == "first line")
    # An observer reads along but cannot edit or raise a hand.
    olu = browsers()
    olu.get(invites["observer"])
    joined(olu)
    olu_area = olu.find_element(By.ID, f"note-{note}")
    assert olu_area.get_attribute("readonly") is not None and olu.find_elements(By.ID, "raise-hand") == []
    olu_area.send_keys("observer text")
    assert shown_note(olu, note) == "first line"

    # Editing goes on normally afterwards, and the observer sees it.
    area.send_keys(Keys.END, " and more")
    wait_until(asha, lambda d: note_get(d, note).get("text") == "first line and more")
    wait_until(olu, lambda d: shown_note(d, note) == "first line and more")
    # Grading words get a coaching hint under the editor (never blocking); rewording drops it.
    area.send_keys(Keys.END, ", the teaching was poor")
    hints = ".tab-panel:not([hidden]) .hints"
    wait_text(asha, hints, "poor")
    for _ in range(len("poor")):
        area.send_keys(Keys.BACKSPACE)
    wait_until(asha, lambda d: "poor" not in (text_of(d, hints) or ""))
    assert browser_errors(asha) == [] and browser_errors(chair) == [] and browser_errors(olu) == []
