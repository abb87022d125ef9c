"""Two people with the same name (BrowserClient.md, "Names"). A 40-person probe had two people
called Sam, and nothing anywhere told them apart: not the queue, the people list, the round order
or what a screen reader heard. Namesakes are now numbered in invitation order ("Sam (1)",
"Sam (2)") on every page, and the schedule form and the console's invite form ask for something
to tell a new namesake apart by (the API still takes any name)."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import joined, run_in_page, schedule_via_api, sign_in, text_of, wait_text, wait_until
from room_helpers import open_pages, said_log


def test_display_names_number_namesakes_in_invitation_order(daemon, browsers):
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/names.js').then((m) => {"
        "  const people = [{ id: 'a', name: 'Sam' }, { id: 'b', name: 'Asha' }, { id: 'c', name: ' sam ' }, { id: 'd', name: 'Sam' }];"
        "  done({ names: Object.fromEntries(m.displayNames(people)),"
        "    repeated: m.repeatedName(['Asha', '', 'Ben', 'asha ', 'Ben']),"
        "    taken: m.repeatedName(['SAM'], ['Asha', 'Sam']), fresh: m.repeatedName(['Chen'], ['Asha', 'Sam']),"
        "    blank: m.repeatedName(['', ' '], ['']) });"
        "}, (e) => done('import failed: ' + e));")
    assert result["names"] == {"a": "Sam (1)", "b": "Asha", "c": " sam  (2)", "d": "Sam (3)"}
    assert result["repeated"] == {"name": "asha", "index": 3}
    assert result["taken"] == {"name": "SAM", "index": 0}
    assert result["fresh"] is None and result["blank"] is None


def test_a_number_someone_else_is_called_is_skipped(daemon, browsers):
    """"Sam", "Sam" and a third person really called "Sam (1)" were shown as "Sam (1)",
    "Sam (2)" and "Sam (1)": two people alike. The taken number is skipped, as in the record."""
    driver = browsers()
    result = run_in_page(
        driver, daemon,
        "import('/js/names.js').then((m) => {"
        "  const people = [{ id: 'a', name: 'Sam' }, { id: 'b', name: 'Sam' }, { id: 'c', name: 'sam (1)' },"
        "    { id: 'd', name: 'Sam (3)' }, { id: 'e', name: 'Sam' }];"
        "  done(Object.fromEntries(m.displayNames(people)));"
        "}, (e) => done('import failed: ' + e));")
    assert result == {"a": "Sam (2)", "b": "Sam (4)", "c": "sam (1)", "d": "Sam (3)", "e": "Sam (5)"}
    assert len({name.lower() for name in result.values()}) == len(result)


def test_two_people_called_sam_are_told_apart_in_the_room(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Two Sams", ["Sam", "Sam", "Asha"])
    sams = [p for p in created["session"]["participants"] if p["name"] == "Sam"]
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    second = browsers()
    second.get([i["url"] for i in created["invites"] if i["participant"]["id"] == sams[1]["id"]][0])
    joined(second)
    assert "You are Sam (2)" in text_of(second, ".room-header")
    people = "[aria-labelledby=people-heading] ul"
    wait_until(asha, lambda d: "Sam (2)" in (text_of(d, people) or ""), message="Asha's people list has no Sam (2)")
    assert "Sam (1)" in text_of(asha, people)
    second.find_element(By.ID, "raise-hand").click()
    wait_text(asha, "[data-testid=queue]", "Sam (2)")
    wait_until(chair, lambda d: any("Sam (2) raised a hand" in said for said in said_log(d)),
               message=f"the facilitator heard {said_log(chair)!r}")
    assert browser_errors(asha) == [] and browser_errors(second) == []


def test_the_forms_ask_for_something_to_tell_namesakes_apart_by(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title")).send_keys("Namesakes")
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("Reading")
    for index, name in enumerate(["Sam", "Asha", " sam"]):
        if index > 0:
            driver.find_element(By.ID, "add-person").click()
        driver.find_elements(By.CSS_SELECTOR, ".person-name")[index].send_keys(name)
    driver.find_element(By.ID, "schedule-submit").click()
    wait_text(driver, ".form-status", "Two people are called sam: add an initial or a surname")
    third = driver.find_elements(By.CSS_SELECTOR, ".person-name")[2]
    assert third.get_attribute("aria-invalid") == "true"
    assert driver.execute_script("return document.activeElement === arguments[0]", third)
    status, sessions = daemon.api("GET", "/sessions", facilitator)
    assert status == 200 and not any(s["title"] == "Namesakes" for s in sessions)

    third.send_keys(" K")
    driver.find_element(By.ID, "schedule-submit").click()
    wait_until(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".invite-link")) >= 3,
               message="the session page never listed the invite links")
    driver.find_element(By.ID, "invite-name").send_keys("SAM K")
    invite = driver.find_element(By.ID, "invite-name").find_element(By.XPATH, "ancestor::form//button[@type='submit']")
    invite.click()
    wait_text(driver, ".form-status", "Someone called SAM K is already invited")
    # The name is to be changed: it takes focus, as an empty one does (a console audit found it
    # left on the button).
    assert driver.execute_script("return document.activeElement.id") == "invite-name"
    status, sessions = daemon.api("GET", "/sessions", facilitator)
    session_id = next(s["id"] for s in sessions if s["title"] == "Namesakes")
    status, session = daemon.api("GET", f"/sessions/{session_id}", facilitator)
    assert status == 200
    assert sorted(p["name"] for p in session["participants"] if p["role"] == "reviewer") == ["Asha", "Sam", "sam K"]
    assert browser_errors(driver) == []
