"""What a reviewer's page says about its connection (BrowserClient.md): the reconnecting banner
while the daemon is down, with the note still editable and its unsent text kept and sent after
the restart; and the "cancelled" notice when the facilitator deletes the session under them,
said through a live region so a screen reader reads it out, with no reconnect loop after."""
import signal

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (CUE, command, connection_banner, cue_says, invite_of, joined, kept_text_reaches_server, reviewer_joined, schedule_via_api, shown_note,
                   participant_id, text_of, wait_js, wait_text, wait_until)
from room_helpers import facilitator_invite, open_pages, said_log, wait_said

# Chrome logs the failed handshakes while the daemon is down.
RECONNECT_NOISE = ("WebSocket connection to",)
BANNER = "#connection-banner"


def test_reconnecting_banner_keeps_the_note_editable_and_clears_after_the_restart(daemon, facilitator, api_ready, browsers):
    session, note, asha = reviewer_joined(daemon, facilitator, browsers, "Daemon restarts under a reviewer")
    assert connection_banner(asha) == {"hidden": True, "text": "", "inTree": True}

    # The daemon goes away: the banner (a polite live region) says the page is reconnecting.
    daemon.stop()
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": False, "text": "Connection lost – reconnecting…", "inTree": True},
               message=f"no reconnecting banner while the daemon is down (banner: {connection_banner(asha)})")

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
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True}, timeout=40,
               message=f"the banner never cleared after the restart (banner: {connection_banner(asha)})")
    kept_text_reaches_server(asha, daemon, facilitator, session, note, "typed while the daemon was down")
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


# Installed before the page's own scripts: counts the sockets the page opens and the close codes it sees.
COUNT_SOCKETS = """
window.__sockets = {opened: 0, closes: []};
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    window.__sockets.opened += 1;
    this.addEventListener('close', (event) => window.__sockets.closes.push(event.code));
  }
};
"""


def announced(driver):
    """The text of the page's shown live regions (role=alert / role=status / aria-live other than off)."""
    return driver.execute_script(
        "return [...document.querySelectorAll('[role=alert], [role=status], [aria-live]:not([aria-live=off])')]"
        ".filter((n) => !n.closest('[hidden]')).map((n) => n.textContent).join(' | ');")


def test_a_deleted_session_says_it_was_cancelled_in_a_live_region_and_stops(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Cancelled while in the room", ["Asha"])
    session = created["session"]["id"]
    asha = browsers()
    asha.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": COUNT_SOCKETS})
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    assert asha.execute_script("return window.__sockets") == {"opened": 1, "closes": []}

    status, _ = daemon.api("DELETE", f"/sessions/{session}", facilitator)
    assert status == 204
    wait_text(asha, "#notice-heading", "This review was cancelled")
    assert "The facilitator cancelled the review and removed it." in text_of(asha, ".notice")
    assert asha.execute_script("return window.__sockets.closes") == [4004]
    # A screen reader is told, not only shown: the notice's words reach a live region.
    wait_until(asha, lambda d: "This review was cancelled" in announced(d),
               message=f"the cancellation was not put in a live region (live regions: {announced(asha)!r})")
    # As sentences: the heading and the body were read as one run-on "…cancelled The facilitator…".
    assert "This review was cancelled. The facilitator cancelled the review and removed it." in announced(asha)
    # No reconnect loop: the connection has stopped, the banner does not say "reconnecting", and
    # even the browser's "online" event (which wakes a waiting connection) opens no new socket.
    assert asha.execute_script("return window.reviewroom.connection.stopped") is True
    assert connection_banner(asha)["hidden"] is True
    asha.execute_script("window.dispatchEvent(new Event('online'))")
    assert asha.execute_script("return window.__sockets.opened") == 1
    assert asha.execute_script("return sessionStorage.getItem('reviewroom.join.token')") is None
    assert browser_errors(asha) == []


def test_a_session_deleted_after_it_ended_says_its_record_went_with_it(daemon, facilitator, api_ready, browsers):
    """A host holding the ended review's page was told "This review was cancelled" when the
    facilitator deleted it, though it had run, with no word of the record (a host's audit)."""
    created = schedule_via_api(daemon, facilitator, "Deleted after the end", ["Asha"])
    session = created["session"]["id"]
    chair, asha = browsers(), browsers()
    chair.get(facilitator_invite(created))
    asha.get(invite_of(created, "Asha"))
    joined(chair)
    joined(asha)
    for step in ("session.start", "session.end"):
        assert command(chair, step).get("type") == "ack"
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'ended'")
    status, _ = daemon.api("DELETE", f"/sessions/{session}", facilitator)
    assert status == 204
    wait_text(asha, "#notice-heading", "This review and its record were deleted")
    assert "ask the facilitator whether they kept a copy" in text_of(asha, ".notice")
    assert browser_errors(asha) == []


def back_and_saved(daemon, page, note, typed):
    """Starts `daemon` again (same data directory and port): `page`'s banner clears, the note it
    kept with `typed` at its end is saved, and nothing but the reconnects' noise was logged."""
    daemon.start(daemon.port)
    wait_until(page, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True}, timeout=40,
               message=f"the banner never cleared after the restart (banner: {connection_banner(page)})")
    wait_text(page, ".tab-panel:not([hidden]) .note-status", "All changes saved")
    assert shown_note(page, note["id"]).endswith(typed)
    assert [e for e in browser_errors(page) if not any(n in e for n in RECONNECT_NOISE)] == []


EDITS_KEPT = "Reconnecting… your edits are kept and will be sent."
EDITS_KEPT_SAID = "Your edits are kept and will be sent once reconnected."
POLITE = ".visually-hidden[role=status][aria-live=polite]"


def test_typing_while_offline_says_at_once_that_edits_are_kept_and_announces_it_once(daemon, facilitator, api_ready, browsers):
    _, note, asha = reviewer_joined(daemon, facilitator, browsers, "Typing while the daemon is down")

    daemon.stop()
    wait_until(asha, lambda d: connection_banner(d)["text"] == "Connection lost – reconnecting…",
               message=f"no reconnecting banner while the daemon is down (banner: {connection_banner(asha)})")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is False

    # The first keystroke while offline leaves an unsent edit; the banner says so right away:
    # read at once after typing (no wait), so the next reconnect attempt cannot be what set it.
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys(Keys.END, "kept")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is True
    assert connection_banner(asha) == {"hidden": False, "text": EDITS_KEPT, "inTree": True}

    # A screen reader hears it once through the polite live region, not at every keystroke (read
    # with whatever else was said within GATHER_MS of it, such as the loss of the connection).
    wait_js(asha, "return document.querySelector(arguments[0]).textContent.includes(arguments[1])", POLITE, EDITS_KEPT_SAID,
            message="the kept edits were not announced in the polite live region")
    area.send_keys(" and more")
    assert connection_banner(asha)["text"] == EDITS_KEPT
    assert asha.execute_script("return window.reviewroom.announcer.log.filter((t) => t === arguments[0]).length",
                               EDITS_KEPT_SAID) == 1

    # Back online (same data directory and port) the banner clears and the kept text is sent.
    back_and_saved(daemon, asha, note, "kept and more")


def test_edits_waiting_as_the_connection_drops_are_said_with_the_loss_in_one_sentence(daemon, facilitator, api_ready, browsers):
    """The loss and the kept edits come in the same instant and are read together (GATHER_MS):
    "Connection lost – reconnecting… Reconnecting… your edits are kept" said "reconnecting" twice."""
    _, note, asha = reviewer_joined(daemon, facilitator, browsers, "Typing as the daemon dies")
    # The daemon stopped, then killed: what is typed meanwhile is sent but never acknowledged,
    # so it is still waiting when the connection drops.
    daemon.process.send_signal(signal.SIGSTOP)
    asha.find_element(By.ID, f"note-{note['id']}").send_keys(Keys.END, "typed as it died")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is True
    daemon.kill()
    said = f"Connection lost – reconnecting… {EDITS_KEPT_SAID}"
    wait_js(asha, "return document.querySelector(arguments[0]).textContent === arguments[1]", POLITE, said,
            message="the loss and the kept edits were not said as one sentence")
    assert connection_banner(asha)["text"] == EDITS_KEPT
    back_and_saved(daemon, asha, note, "typed as it died")


LOST = "Connection lost – reconnecting…"
EDITS_SAVED_SAID = "Your edits made while disconnected are saved."


def test_edits_typed_as_the_connection_drops_are_said_kept_after_the_loss_and_saved_once_back(daemon, facilitator, api_ready, browsers):
    """A flaky Wi-Fi probe with a screen reader heard "Your edits are kept…" before "Connection
    lost" (typed in the moment the page waits before saying a loss), and never heard that the
    kept edits were saved: the note's line said so, out of any live region and not tied to the
    editor. Now the kept edits are said after the loss, their saving once after "Reconnected",
    and the line under the note describes its editor, saying the edits are kept (not "sending…")
    while nothing can be sent."""
    _, note, asha = reviewer_joined(daemon, facilitator, browsers, "Kept and then saved")
    area = asha.find_element(By.ID, f"note-{note['id']}")
    status_id = area.get_attribute("aria-describedby").split(" ")[0]  # the status line, then the hints' count
    assert status_id and asha.find_element(By.ID, status_id).text == "All changes saved"
    # A longer wait before "lost" is said, so that the typing below lands inside it on any machine.
    asha.execute_script("window.reviewroom.connection.lostGraceMs = 5000")

    daemon.stop()
    wait_js(asha, "return !window.reviewroom.connection.online", message="the page never noticed the daemon had gone")
    area.send_keys(Keys.END, "typed as it went")
    wait_said(asha, EDITS_KEPT_SAID)
    said = said_log(asha)
    assert LOST in said and said.index(LOST) < said.index(EDITS_KEPT_SAID), said
    # Not "sending…" while nothing can be sent.
    wait_until(asha, lambda d: d.find_element(By.ID, status_id).text == "Unsynced changes – kept here, sent once reconnected",
               message=f"the note's line says {asha.find_element(By.ID, status_id).text!r} while the daemon is down")

    back_and_saved(daemon, asha, note, "typed as it went")
    wait_said(asha, EDITS_SAVED_SAID)
    said = said_log(asha)
    assert said.index("Reconnected") < said.index(EDITS_SAVED_SAID) and said.count(EDITS_SAVED_SAID) == 1, said
    assert asha.find_element(By.ID, status_id).text == "All changes saved"

    # More typing, now online: nothing more is said about saving.
    area.send_keys(" and after")
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")
    assert said_log(asha).count(EDITS_SAVED_SAID) == 1


# Whether the line under the focused note is wholly inside the visual viewport.
STATUS_IN_SIGHT = ("const s = document.getElementById(document.activeElement.getAttribute('aria-describedby').split(' ')[0]);"
                   "const r = s.getBoundingClientRect(), v = visualViewport;"
                   "return r.top >= v.offsetTop && r.bottom <= v.offsetTop + v.height;")


def test_edits_kept_offline_are_pointed_to_when_the_notes_line_is_out_of_sight(daemon, facilitator, api_ready, browsers):
    """A tablet's on-screen keyboard covers the foot of what the page shows: a reviewer typing
    there could not see the line under the note say her edits were only kept on this page while
    the Wi-Fi was down. The personal cue, kept in what she sees, now says it while the line is out
    of sight (a pinch zoom shrinks the visual viewport as the keyboard does), and goes once the
    edits are saved; the moment's "sending…" of every keystroke is not pointed to."""
    _, note, asha = reviewer_joined(daemon, facilitator, browsers, "Kept out of sight")
    area = asha.find_element(By.ID, f"note-{note['id']}")
    asha.execute_script("arguments[0].scrollIntoView({block: 'start'}); arguments[0].focus();", area)
    asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 3})
    try:
        wait_js(asha, "return visualViewport.scale === 3")
        assert not asha.execute_script(STATUS_IN_SIGHT), "the note's line is still in sight; the set-up does not hide it"
        area.send_keys(Keys.END, "online ")
        wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")
        assert asha.execute_script(CUE) is None, "a saved note was pointed to"

        daemon.stop()
        wait_js(asha, "return !window.reviewroom.connection.online", message="the page never noticed the daemon had gone")
        area.send_keys("typed unseen")
        cue = cue_says(asha, "Unsynced changes – kept here, sent once reconnected")
        assert cue["hidden"] == "true" and cue["clicks"] == "none", cue
        wait_until(asha, lambda d: d.execute_script(IN_SIGHT_OF_CUE), message="the cue is out of what the reviewer sees")

        back_and_saved(daemon, asha, note, "typed unseen")
        wait_until(asha, lambda d: d.execute_script(CUE) is None, message="the cue stayed after the edits were saved")
    finally:
        asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 1})


IN_SIGHT_OF_CUE = ("const c = document.querySelector('[data-testid=personal-cue]'), r = c.getBoundingClientRect(), v = visualViewport;"
                   "return r.top >= v.offsetTop - 0.5 && r.bottom <= v.offsetTop + v.height + 0.5;")


def test_a_speaker_sees_both_the_floor_and_the_edits_kept_offline(daemon, facilitator, api_ready, browsers):
    """An accessibility probe at 200 % gave Asha the floor while she typed, then her Wi-Fi
    dropped: the cue said only "You have the floor", and it lay over the note's line saying her
    edits were only kept on the page. The edits now get a line of their own in the cue, and a
    note line the cue covers counts as out of sight."""
    created = schedule_via_api(daemon, facilitator, "Floor and kept edits", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    area = asha.find_element(By.CSS_SELECTOR, ".tab-panel:not([hidden]) textarea")
    asha.execute_script("arguments[0].scrollIntoView({block: 'start'}); arguments[0].focus();", area)
    asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 3})
    try:
        wait_js(asha, "return visualViewport.scale === 3")
        assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 600})
        cue_says(asha, "You have the floor")
        daemon.stop()
        wait_js(asha, "return !window.reviewroom.connection.online", message="the page never noticed the daemon had gone")
        area.send_keys(Keys.END, "said while speaking")
        cue = cue_says(asha, "Unsynced changes – kept here, sent once reconnected")
        assert cue["text"].startswith("You have the floor") and "\n" in cue["text"], cue
        daemon.start(daemon.port)
        wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")
        wait_until(asha, lambda d: (d.execute_script(CUE) or {}).get("text", "").startswith("You have the floor")
                   and "Unsynced" not in d.execute_script(CUE)["text"], message=f"the cue is {asha.execute_script(CUE)!r}")
    finally:
        asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 1})
