"""Leaving the console's live view stops what it started (a second visit does not run beside the
first), and the session page's "Revoke" and "New link" ask first, naming the person."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (invite_of, joined, open_live_console, schedule_via_api, wait_js, wait_text, wait_until)

AGENDA = [{"title": f"Step {n}", "kind": "discussion", "durationSec": 600} for n in range(1, 5)]
REGIONS = "return document.querySelectorAll('.site-header [aria-live]').length"


def test_a_second_visit_to_the_live_view_does_not_run_beside_the_first(daemon, facilitator, api_ready, browsers):
    schedule_via_api(daemon, facilitator, "Two visits", ["Asha"], agenda=AGENDA)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Two visits")
    regions = console.execute_script(REGIONS)
    assert regions >= 2  # the live view's polite and assertive regions
    assert console.execute_script("return !!window.reviewroom")

    # Back to the session page: the live view's regions and handle go.
    console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Two visits']"))[0].click()
    wait_until(console, lambda d: d.find_element(By.ID, "run-live"))
    assert console.execute_script(REGIONS) == regions - 2
    assert console.execute_script("return window.reviewroom === undefined")

    # Second visit: one set of regions again; Alt+Shift+N advances exactly one phase.
    console.find_element(By.ID, "run-live").click()
    joined(console)
    assert console.execute_script(REGIONS) == regions
    console.find_element(By.ID, "control-start").click()
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    console.find_element(By.ID, "controls-heading").click()
    console.execute_script("document.activeElement.blur()")
    console.find_element(By.TAG_NAME, "body").send_keys(Keys.ALT + Keys.SHIFT + "n")
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 1")
    # Once the other page's command would have been answered too, the phase is still the second one.
    wait_js(console, "return window.reviewroom.connection.command('ping').then(() => true)")
    assert console.execute_script("return window.reviewroom.model.session.clock.phase") == 1
    assert browser_errors(console) == []


def test_revoke_and_new_link_ask_first_naming_the_person(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Ask first", ["Asha", "Ben"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Ask first")
    console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Ask first']"))[0].click()

    # "Revoke" for Asha: the question names her and says she is disconnected; "Cancel" keeps her.
    wait_until(console, lambda d: d.find_element(By.XPATH, "//button[@aria-label='Revoke the invite of Asha']")).click()
    alert = console.switch_to.alert
    assert "Asha" in alert.text and "disconnected" in alert.text
    alert.dismiss()
    wait_js(asha, "return window.reviewroom.connection.command('ping').then(() => true)")
    assert asha.execute_script("return window.reviewroom.connection.online")
    status, session = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator)
    assert status == 200 and "Asha" in [p["name"] for p in session["participants"]]

    # "New link" for Ben asks too; dismissed, his old link still works.
    console.find_element(By.XPATH, "//button[@aria-label='New link for Ben']").click()
    alert = console.switch_to.alert
    assert "Ben" in alert.text and "old link stops working" in alert.text
    alert.dismiss()
    ben = browsers()
    ben.get(invite_of(created, "Ben"))
    joined(ben)

    # Confirmed, Asha's invite is revoked and her page is sent away.
    console.find_element(By.XPATH, "//button[@aria-label='Revoke the invite of Asha']").click()
    console.switch_to.alert.accept()
    wait_text(console, ".form-status", "Invite of Asha revoked.")
    # Said, not only shown: the status line is drawn with it already in, which a screen reader
    # does not read out (a keyboard-only probe heard nothing); the page's own live region says it.
    wait_js(console, "return [...document.querySelectorAll('.visually-hidden[role=status]')]"
                     ".some((n) => n.textContent === 'Invite of Asha revoked.')",
            message="the revocation was not said through a live region")
    wait_text(asha, "#notice-heading", "This link no longer works")
    assert browser_errors(console) == []
