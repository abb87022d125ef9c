"""Edits resent after a reconnect land where they were typed (BrowserClient.md, "Unsent edits"):
an unconfirmed edit that was transformed over someone else's op is resent on the revision its
transformed op spans, so the server neither refuses it (the text lost) nor applies it in the
wrong place (the page and the server silently different). A real daemon is killed (SIGKILL) and
restarted, or the page's connection dropped; Bilal edits through the WebSocket protocol. It runs
in its own module, so killing this module's daemon touches no other test."""
import json
import os
import signal
import urllib.parse

import pytest

from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from websockets.sync.client import connect

from conftest import MAX_NOTE_UNITS, browser_errors
from pages import invite_of, joined, note_get, recorded_note, schedule_via_api, set_value, shown_note, text_of, wait_js, wait_text, wait_until

RECONNECT_NOISE = ("WebSocket connection to",)
SAVED = "All changes saved"
STATUS = ".tab-panel:not([hidden]) .note-status"

# While window.__holdSockets is true the page cannot open a socket (its connect() treats the throw
# as a failed try and waits): the test decides when the page reconnects, without sleeping.
HOLD_SOCKETS = """
const Native = window.__NativeWebSocket || window.WebSocket;
window.__NativeWebSocket = Native;
window.__holdSockets = true;
window.WebSocket = class extends Native {
  constructor(...args) {
    if (window.__holdSockets) throw new Error('held by the test');
    super(...args);
  }
};
"""
RELEASE_SOCKETS = "window.__holdSockets = false; window.dispatchEvent(new Event('online'));"

# The page's note.edit messages on its current socket are dropped from here on (never reach the
# server): the edit stays in flight, unconfirmed, while other ops come in.
SWALLOW_EDITS = """
const socket = window.reviewroom.connection.socket;
const send = socket.send.bind(socket);
window.__swallowed = 0;
socket.send = (data) => {
  if (JSON.parse(data).type === 'note.edit') { window.__swallowed += 1; return; }
  send(data);
};
"""


def two_reviewers(daemon, facilitator, browsers, title):
    """Asha's page joined, with "hello" typed and saved; returns (session id, note, page, Bilal's token)."""
    created = schedule_via_api(daemon, facilitator, title, ["Asha", "Bilal"])
    note = created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.find_element(By.ID, f"note-{note['id']}").send_keys("hello")
    wait_text(asha, STATUS, SAVED)
    assert note_get(asha, note["id"])["text"] == "hello"
    bilal_token = urllib.parse.unquote(invite_of(created, "Bilal").split("#", 1)[1])
    return created["session"]["id"], note, asha, bilal_token


def protocol_edit(daemon, token, note, make_op):
    """Bilal joins over the WebSocket protocol and makes one edit on the note as he sees it; returns the ack."""
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=20) as ws:
        ws.send(json.dumps({"type": "hello", "token": token, "client": "browser-test/1"}))
        welcome = json.loads(ws.recv(timeout=20))
        assert welcome["type"] == "welcome", welcome
        current = next(n for n in welcome["session"]["notes"] if n["id"] == note)
        ws.send(json.dumps({"type": "note.edit", "id": 1, "note": note, "rev": current["rev"], "opId": "bilal-1",
                            "op": make_op(current["text"])}))
        while True:
            reply = json.loads(ws.recv(timeout=20))
            if reply.get("id") == 1:
                assert reply["type"] == "ack", reply
                return reply


def converged(driver, daemon, facilitator, session, note, expected, status=SAVED):
    """The server's note is `expected`, the page shows exactly that and its status says `status` (saved)."""
    try:
        wait_until(driver, lambda d: recorded_note(daemon, facilitator, session, note["title"]) == expected, timeout=30)
        wait_until(driver, lambda d: shown_note(d, note["id"]) == expected)
    except TimeoutException:
        raise AssertionError(f"expected {expected!r} everywhere; the server has "
                             f"{recorded_note(daemon, facilitator, session, note['title'])!r}, the page shows "
                             f"{shown_note(driver, note['id'])!r} and says {text_of(driver, STATUS)!r}") from None
    wait_text(driver, STATUS, status)
    if status != SAVED:
        wait_js(driver, "return document.querySelector(arguments[0]).dataset.sync === 'synchronized'", ".tab-panel:not([hidden])",
                message="the page never had every edit confirmed")


def test_text_typed_during_an_outage_survives_a_concurrent_insert_made_before_the_page_reconnects(daemon, facilitator, api_ready, browsers):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, "Outage with a concurrent insert")

    os.kill(daemon.process.pid, signal.SIGKILL)
    daemon.process.wait()
    daemon.stop()  # closes its log; the process is already gone
    wait_js(asha, "return !window.reviewroom.connection.online", message="the page never noticed the daemon was gone")
    asha.execute_script(HOLD_SOCKETS)
    asha.find_element(By.ID, f"note-{note['id']}").send_keys(Keys.END, " asha-offline")
    wait_text(asha, STATUS, "Unsynced changes")

    # Same data directory and port; Bilal inserts at the start before Asha's page is back.
    daemon.start(daemon.port)
    ack = protocol_edit(daemon, bilal, note["id"], lambda text: ["BILAL ", len(text)])
    assert recorded_note(daemon, facilitator, session, note["title"]) == "BILAL hello"
    asha.execute_script(RELEASE_SOCKETS)

    converged(asha, daemon, facilitator, session, note, "BILAL hello asha-offline")
    # Applied after Bilal's insert, not refused or lost: the note moved past his revision.
    assert note_get(asha, note["id"])["rev"] > ack["rev"]
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


@pytest.mark.parametrize("typed, remote_op, expected", [
    # Bilal's insert changes the note's length: the old resend was refused and the typing lost.
    ("hello asha", lambda text: ["BILAL ", len(text)], "BILAL hello asha"),
    # Bilal deletes the first letter and adds one at the end (same length): the old resend was
    # accepted but moved: the server had "XelloJ" while the page showed "eXlloJ", "All changes saved".
    ("heXllo", lambda text: [-1, len(text) - 1, "J"], "eXlloJ"),
], ids=["insert", "same-length"])
def test_an_edit_in_flight_when_a_remote_op_arrives_and_the_connection_drops_converges(daemon, facilitator, api_ready, browsers,
                                                                                        typed, remote_op, expected):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, f"Edit in flight across a drop: {typed}")

    asha.execute_script(SWALLOW_EDITS)
    set_value(asha, asha.find_element(By.ID, f"note-{note['id']}"), typed)
    wait_js(asha, "return window.__swallowed === 1", message="the page never sent its edit")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is True

    # Bilal's edit reaches the page while its own edit is unconfirmed: the page shows both.
    protocol_edit(daemon, bilal, note["id"], remote_op)
    wait_until(asha, lambda d: shown_note(d, note["id"]) == expected,
               message=f"Bilal's edit never reached the page (it shows {shown_note(asha, note['id'])!r})")

    # The connection drops (given up as a silent one would be); the page resumes and resends.
    asha.execute_script("const c = window.reviewroom.connection; c.abandon(c.socket);")
    converged(asha, daemon, facilitator, session, note, expected)
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


# From here on the page reads nothing from its current socket (the connection died right after
# its last send): what the server sends back is never seen.
DEAF = "const c = window.reviewroom.connection; c.receive = () => {};"
# The next hello resumes from an epoch the server does not know, so it answers a fresh welcome
# (PROTOCOL.md §3.5), and the connection is dropped. The page's own `receive` is back for the
# new socket.
DROP_FOR_A_FRESH_WELCOME = """
const c = window.reviewroom.connection;
delete c.receive;
c.epoch = 'e_not-this-server';
c.abandon(c.socket);
"""


def welcomes(driver):
    return driver.execute_script("return window.__welcomes")


COUNT_WELCOMES = ("window.__welcomes = 0;"
                  "window.reviewroom.model.subscribe((c) => { if (c.kind === 'welcome') window.__welcomes += 1; });")


def test_an_edit_the_server_never_got_is_rebased_onto_a_fresh_welcome_and_sent(daemon, facilitator, api_ready, browsers):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, "Unsent edit across a fresh welcome")
    asha.execute_script(COUNT_WELCOMES)
    asha.execute_script(SWALLOW_EDITS)
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys(Keys.END, " asha")
    wait_js(asha, "return window.__swallowed === 1", message="the page never sent its edit")
    protocol_edit(daemon, bilal, note["id"], lambda text: ["BILAL ", len(text)])
    wait_until(asha, lambda d: shown_note(d, note["id"]) == "BILAL hello asha")
    area.send_keys(Keys.END, "!")  # buffered behind the unconfirmed edit

    asha.execute_script(DROP_FOR_A_FRESH_WELCOME)
    converged(asha, daemon, facilitator, session, note, "BILAL hello asha!")
    assert welcomes(asha) == 1
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


def test_an_edit_the_server_applied_unseen_is_kept_once_after_a_fresh_welcome(daemon, facilitator, api_ready, browsers):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, "Applied edit across a fresh welcome")
    asha.execute_script(COUNT_WELCOMES)
    asha.execute_script(DEAF)
    # One input event, so one op (typed keys would queue all but the first behind an ack never heard).
    set_value(asha, asha.find_element(By.ID, f"note-{note['id']}"), "hello asha")
    # The server applied it (the page never heard), then Bilal inserted at the start.
    wait_until(asha, lambda d: recorded_note(daemon, facilitator, session, note["title"]) == "hello asha")
    protocol_edit(daemon, bilal, note["id"], lambda text: ["BILAL ", len(text)])
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is True

    asha.execute_script(DROP_FOR_A_FRESH_WELCOME)
    converged(asha, daemon, facilitator, session, note, "BILAL hello asha")
    assert welcomes(asha) == 1
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


# The page's note.edit messages wait here until released (the edit is slow to reach the server),
# so what is typed meanwhile queues behind it.
HOLD_EDITS = """
const socket = window.reviewroom.connection.socket;
const send = socket.send.bind(socket);
window.__held = [];
socket.send = (data) => { if (window.__held && JSON.parse(data).type === 'note.edit') window.__held.push(data); else send(data); };
window.__releaseEdits = () => { const held = window.__held; window.__held = null; held.forEach(send); };
"""


def test_a_refused_edit_drops_only_itself_and_what_was_typed_after_it_is_sent(daemon, facilitator, api_ready, browsers):
    session, note, asha, _ = two_reviewers(daemon, facilitator, browsers, "Typing behind a refused paste")
    asha.execute_script(HOLD_EDITS)
    area = asha.find_element(By.ID, f"note-{note['id']}")
    paste = "hello" + "x" * (MAX_NOTE_UNITS + 10)
    set_value(asha, area, paste)
    set_value(asha, area, "typed after " + paste)
    assert asha.execute_script("return window.__held.length") == 1  # the paste; the rest waits behind it
    asha.execute_script("window.__releaseEdits()")
    # The paste is refused (past the note cap); the words typed after it are kept and sent, and
    # the page goes on saying why the paste is missing (until the next keystroke).
    converged(asha, daemon, facilitator, session, note, "typed after hello", status="what you just typed was not kept")
    asha.find_element(By.ID, f"note-{note['id']}").send_keys(Keys.END, "!")
    converged(asha, daemon, facilitator, session, note, "typed after hello!")
    assert [e for e in browser_errors(asha)] == []
