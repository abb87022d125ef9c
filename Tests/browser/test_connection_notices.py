"""What a reviewer's page says about its connection (BrowserClient.md): the reconnecting banner
while the daemon is down, with the note still editable and its unsent text kept and sent after
the restart; and the "cancelled" notice when the facilitator deletes the session under them,
said through a live region so a screen reader reads it out, with no reconnect loop after."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, shown_note, text_of, wait_js, wait_text, wait_until

# Chrome logs the failed handshakes while the daemon is down.
RECONNECT_NOISE = ("WebSocket connection to",)
BANNER = "#connection-banner"


def banner(driver):
    """The connection banner as shown: {hidden, text, role}."""
    return driver.execute_script(
        "const b = document.getElementById('connection-banner');"
        "return {hidden: b.hidden, text: b.textContent, role: b.getAttribute('role')};")


def recorded_note(daemon, token, session, title):
    """The note's text in the session record as the server has it (HTTP API, not the page)."""
    status, record = daemon.api("GET", f"/sessions/{session}/record?format=json", token)
    assert status == 200, record
    return next(n["text"] for n in record["notes"] if n["title"] == title)


def test_reconnecting_banner_keeps_the_note_editable_and_clears_after_the_restart(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Daemon restarts under a reviewer", ["Asha"])
    session, note = created["session"]["id"], created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    assert banner(asha) == {"hidden": True, "text": "", "role": "status"}

    # The daemon goes away: the banner (a polite live region) says the page is reconnecting.
    daemon.stop()
    wait_until(asha, lambda d: banner(d) == {"hidden": False, "text": "Connection lost – reconnecting…", "role": "status"},
               message=f"no reconnecting banner while the daemon is down (banner: {banner(asha)})")

    # The note stays editable; what is typed is shown, marked unsent, and the banner says it is kept.
    area = asha.find_element(By.ID, f"note-{note['id']}")
    assert area.get_attribute("readonly") is None and area.get_attribute("aria-readonly") == "false"
    area.send_keys(Keys.END, "typed while the daemon was down")
    assert shown_note(asha, note["id"]).endswith("typed while the daemon was down")
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "Unsynced changes")
    wait_text(asha, BANNER, "Reconnecting… your edits are kept and will be sent.")

    # Same data directory, same port: the page rejoins by itself, the banner clears and the
    # kept text reaches the server.
    daemon.start(daemon.port)
    wait_until(asha, lambda d: banner(d) == {"hidden": True, "text": "", "role": "status"}, timeout=40,
               message=f"the banner never cleared after the restart (banner: {banner(asha)})")
    joined(asha)
    wait_until(asha, lambda d: "typed while the daemon was down" in recorded_note(daemon, facilitator, session, note["title"]),
               timeout=20, message="the text typed while offline never reached the server")
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")
    assert shown_note(asha, note["id"]) == recorded_note(daemon, facilitator, session, note["title"])
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
