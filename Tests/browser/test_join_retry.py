"""A session the daemon cannot load answers `hello` with `internal` and closes 1001 (PROTOCOL.md
§3.4: reconnect with backoff). The page keeps its invite token and its unsent note text, keeps
trying, and joins once the session loads again. The test breaks the stored agenda in SQLite
while the daemon is stopped, then mends it."""
import os
import sqlite3

from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import invite_of, joined, note_get, schedule_via_api, wait_js, wait_until

# Chrome logs the failed handshakes while the daemon is down.
RECONNECT_NOISE = ("WebSocket connection to",)


def set_agenda(daemon, session, text):
    """Replaces the session's stored agenda JSON (the daemon must be stopped); returns the old one."""
    with sqlite3.connect(os.path.join(daemon.data_dir, "reviewroom.sqlite3")) as db:
        old = db.execute("SELECT agenda FROM sessions WHERE id = ?", (session,)).fetchone()[0]
        db.execute("UPDATE sessions SET agenda = ? WHERE id = ?", (text, session))
    db.close()
    return old


def refusals(daemon):
    """How many hellos the daemon has refused because it could not load a session (from its log)."""
    with open(os.path.join(daemon.data_dir, "daemon.log"), encoding="utf-8") as log:
        return log.read().count("hello failed")


def test_a_session_that_cannot_load_keeps_the_link_and_the_edits_and_retries(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Load fails for a while", ["Asha"])
    session, note = created["session"]["id"], created["session"]["notes"][0]["id"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)

    # The daemon goes down; Asha types on; it comes back unable to load the session.
    daemon.stop()
    wait_js(asha, "return !window.reviewroom.connection.online")
    asha.find_element(By.ID, f"note-{note}").send_keys(Keys.END, "typed while away")
    agenda = set_agenda(daemon, session, '{"not": "an agenda"')
    daemon.start(daemon.port)
    # Refused, and then refused again: the page went on trying after `internal` instead of giving up.
    wait_until(asha, lambda d: refusals(daemon) >= 2, timeout=45,
               message="the page stopped trying after the daemon could not load the session")
    assert asha.find_elements(By.ID, "notice-heading") == []
    assert asha.execute_script("return sessionStorage.getItem('reviewroom.join.token')")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced")

    # Mended: the page resumes by itself with its backoff and the kept text reaches the server.
    daemon.stop()
    set_agenda(daemon, session, agenda)
    daemon.start(daemon.port)
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.connection.online"),
               timeout=60, message="the page never reconnected")
    wait_until(asha, lambda d: "typed while away" in (note_get(d, note).get("text") or ""), timeout=30)
    errors = [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)]
    assert errors == []
