"""Once a review has ended, the console's session page offers no invite form (the API refuses
new invites with 409: the participant list is part of the record) and says why; revoking still
works and the person stays listed as having taken part."""
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
    status, problem = daemon.api("POST", f"/sessions/{session_id}/participants", facilitator,
                                 {"name": "Late", "role": "reviewer"})
    assert status == 409 and "has ended" in problem["detail"]
    assert browser_errors(console) == []
