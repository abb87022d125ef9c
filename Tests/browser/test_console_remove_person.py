"""Removing someone from the live console (an audit of a disruptive participant): the only way
was the session's page, which closes the live view (3.3 s by script, and the console was one of
the pages the person's edits froze). Each reviewer, host and observer in the owner's people panel
now has "Remove": after a confirmation their invite is revoked, their pages are cut off at once,
and the console stays live. A co-facilitator's controls (no API token) do not offer it, nor does
an ended review (revoking there only stops access: the session's page does that)."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import co_facilitator_console
from pages import command, invite_of, joined, open_live_console, participant_id, schedule_via_api, wait_js, wait_text, wait_until
from room_helpers import refusal, wait_said

PEOPLE = [{"name": "Asha", "role": "reviewer"}, {"name": "Hana", "role": "host"},
          {"name": "Olly", "role": "observer"}, {"name": "Dee", "role": "display"}]


def live_console(daemon, facilitator, browsers, title):
    created = schedule_via_api(daemon, facilitator, title, [], participants=PEOPLE, template="rapid-remote-90")
    console = browsers()
    open_live_console(console, daemon.base, facilitator, title)
    assert "error" not in command(console, "session.start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console


def remove_buttons(driver):
    """{participant id: accessible name} of the people panel's Remove buttons."""
    return driver.execute_script(
        "return Object.fromEntries([...document.querySelectorAll('.people button[data-remove]')]"
        ".map((b) => [b.dataset.remove, b.getAttribute('aria-label')]));")


def answer_confirm(driver, answer):
    """The next confirmation is answered `answer`; its question is kept in `window.asked`."""
    driver.execute_script("window.asked = []; window.confirm = (q) => { window.asked.push(q); return arguments[0]; };", answer)


def test_the_owner_removes_someone_without_leaving_the_live_view(daemon, facilitator, api_ready, browsers):
    created, console = live_console(daemon, facilitator, browsers, "Remove live")
    asha_id = participant_id(created, "Asha")
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    wait_js(console, "return window.reviewroom.model.online.has(arguments[0])", asha_id)
    ids = {p["name"]: p["id"] for p in created["session"]["participants"]}
    # Reviewer, host and observer; not the facilitator (the console's own) nor the display.
    assert remove_buttons(console) == {ids[n]: f"Remove {n} from the session" for n in ("Asha", "Hana", "Olly")}
    connection = console.execute_script("window.keptConnection = window.reviewroom.connection; return true")
    assert connection

    # Answered "Cancel": nothing happens.
    answer_confirm(console, False)
    console.find_element(By.CSS_SELECTOR, f".people button[data-remove='{asha_id}']").click()
    assert console.execute_script("return window.asked.length") == 1
    assert "Asha" in console.execute_script("return window.asked[0]")
    assert asha_id in remove_buttons(console)
    assert asha.execute_script("return window.reviewroom.connection.online") is True

    answer_confirm(console, True)
    console.find_element(By.CSS_SELECTOR, f".people button[data-remove='{asha_id}']").click()
    wait_text(asha, "#notice-heading", "This link no longer works")
    wait_until(console, lambda d: asha_id not in remove_buttons(d), message="Asha is still listed")
    wait_said(console, "Invite of Asha revoked.")
    # Still the same live view on the same connection, and the API agrees she is gone.
    assert console.execute_script("return window.reviewroom.connection === window.keptConnection && window.reviewroom.connection.online")
    assert console.find_elements(By.ID, "control-next-speaker")
    status, session = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator)
    assert status == 200 and asha_id not in [p["id"] for p in session["participants"]]
    assert browser_errors(console) == []


def test_a_removal_that_does_not_reach_the_server_says_so_and_changes_nothing(daemon, facilitator, api_ready, browsers):
    created, console = live_console(daemon, facilitator, browsers, "Remove offline")
    hana_id = participant_id(created, "Hana")
    console.execute_cdp_cmd("Network.enable", {})
    console.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/participants/*"]})
    answer_confirm(console, True)
    console.find_element(By.CSS_SELECTOR, f".people button[data-remove='{hana_id}']").click()
    wait_until(console, lambda d: (refusal(d) or {}).get("text", "").startswith("Hana was not removed."),
               message=f"no refusal (shows {refusal(console)!r})")
    assert "Could not reach ReviewRoom" in refusal(console)["text"]
    console.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    status, session = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator)
    assert status == 200 and hana_id in [p["id"] for p in session["participants"]]
    assert hana_id in remove_buttons(console)
    assert [e for e in browser_errors(console) if "ERR_BLOCKED_BY_CLIENT" not in e] == []


def test_no_remove_on_a_co_facilitators_controls_nor_after_the_end(daemon, facilitator, api_ready, browsers):
    created, console = live_console(daemon, facilitator, browsers, "Remove not offered")
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    wait_js(cy, "return document.querySelectorAll('.people li').length >= 4")
    assert remove_buttons(cy) == {}
    assert len(remove_buttons(console)) == 3
    assert "error" not in command(console, "session.end")
    wait_until(console, lambda d: remove_buttons(d) == {}, message="Remove is still offered after the end")
    assert browser_errors(console) == [] and browser_errors(cy) == []
