"""A reviewer whose link is reissued while their page is cut off with unsent note text
(BrowserClient.md, "Reconnecting"): when the page gets back to the daemon, its old token is
refused (4001) and the room gives way to "This link no longer works", with no reconnect loop.
The room and its unsent text must not vanish silently: the notice says some of what was typed
was never saved and shows each such note as it was on the page, to copy. Runs in its own
module: it stops this module's daemon."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (axe_problems, connection_banner, invite_of, joined, participant_id, schedule_via_api, wait_js, wait_text,
                   wait_until)

RECONNECT_NOISE = ("WebSocket connection to", "ERR_BLOCKED_BY_CLIENT")


def test_unsent_text_is_shown_on_the_notice_when_the_link_was_reissued_meanwhile(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Reissued while cut off", ["Asha"])
    session, note = created["session"]["id"], created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys("Saved part. ")
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")

    # Cut off: the daemon goes away and the page may not reach it again until the test says so.
    asha.execute_cdp_cmd("Network.enable", {})
    asha.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/ws"]})
    daemon.stop()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="the page never noticed the daemon stopped")
    area.send_keys("Typed while cut off.")
    daemon.start(daemon.port)
    status, _ = daemon.api("POST", f"/sessions/{session}/participants/{participant_id(created, 'Asha')}/reissue", facilitator)
    assert status == 201

    asha.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    asha.execute_script("window.reviewroom.connection.reconnectNow()")
    wait_text(asha, "#notice-heading", "This link no longer works", timeout=30)
    wait_js(asha, "return window.reviewroom.connection.stopped", message="the page kept trying with a dead link")
    notice = asha.find_element(By.CSS_SELECTOR, ".notice")
    assert "Some of what you typed was never saved" in notice.text
    kept = notice.find_elements(By.CSS_SELECTOR, "textarea")
    assert len(kept) == 1
    assert asha.execute_script("return arguments[0].value", kept[0]) == "Saved part. Typed while cut off."
    assert kept[0].get_attribute("readonly") is not None
    assert asha.execute_script("return document.querySelector(`label[for='${arguments[0].id}']`).textContent", kept[0]) == note["title"]
    assert axe_problems(asha) == []
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
