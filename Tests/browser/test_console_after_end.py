"""Once a review has ended, the console's session page offers no invite form (the API refuses
new invites with 409: the participant list is part of the record) and says why; revoking still
works and the person stays listed as having taken part, marked as having no access until a new link."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import (axe_problems, click_when_ready, open_live_console, schedule_via_api, wait_js, wait_text,
                   wait_until)


def test_an_ended_review_offers_no_invite_form_but_revoking_still_works(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Ended review", ["Asha"])
    session_id = created["session"]["id"]
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Ended review")
    click_when_ready(console, "control-start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    click_when_ready(console, "control-end")
    console.switch_to.alert.accept()
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'ended'")

    console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Ended review']"))[0].click()
    wait_text(console, "#invite-ended", "nobody new can be invited")
    assert console.find_elements(By.ID, "invite-name") == []
    assert axe_problems(console) == []

    wait_until(console, lambda d: d.find_element(By.XPATH, "//button[@aria-label='Revoke the invite of Asha']")).click()
    console.switch_to.alert.accept()
    wait_text(console, ".form-status", "Invite of Asha revoked.")
    status, session = daemon.api("GET", f"/sessions/{session_id}", facilitator)
    assert status == 200 and "Asha" in [p["name"] for p in session["participants"]]
    asha = next(p["id"] for p in session["participants"] if p["name"] == "Asha")
    # Still listed (she took part), so her row says her link was taken back, here and after a
    # fresh look at the session, and offers no second "Revoke" (it would change nothing).
    revoked_row = f"li[data-participant='{asha}']"
    for _ in range(2):
        wait_text(console, revoked_row, "link revoked")
        assert console.find_elements(By.XPATH, "//button[@aria-label='Revoke the invite of Asha']") == []
        assert axe_problems(console) == []
        console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
        wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Ended review']"))[0].click()
    wait_until(console, lambda d: d.find_element(By.XPATH, "//button[@aria-label='New link for Asha']")).click()
    console.switch_to.alert.accept()
    wait_text(console, ".form-status", "New link made for Asha")
    assert "link revoked" not in console.find_element(By.CSS_SELECTOR, revoked_row).text
    assert console.find_elements(By.XPATH, "//button[@aria-label='Revoke the invite of Asha']") != []
    status, problem = daemon.api("POST", f"/sessions/{session_id}/participants", facilitator,
                                 {"name": "Late", "role": "reviewer"})
    assert status == 409 and "has ended" in problem["detail"]
    assert browser_errors(console) == []
