"""A reviewer types her closing thought while her Wi-Fi is out, and meanwhile the facilitator ends
the review (BrowserClient.md, "Reconnecting"). Back online, the page resumes and resends; the
server refuses the edit (`session_ended`). What she typed must not vanish: the note shows the
server's text, read-only, and the note as it was on her page is kept under it to copy from, in
plain words (the server's message, which names the session's id, is not shown). Before, the
text was reset and nothing offered it, and the status line read "The server refused an edit:
session s_… has ended…"."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import errors_beside_reconnects
from pages import axe_problems, command, connection_banner, recorded_note, shown_note, wait_js, wait_text, wait_until
from room_helpers import proxied_room, said_log

STATUS = ".tab-panel:not([hidden]) .note-status"


def live_with_a_saved_part(proxied, browsers, title):
    """A started review with Asha's page through the proxy and "Saved part. " saved in its first
    note: (chair, asha, session id, note, note's text area)."""
    created, chair, asha = proxied_room(proxied, browsers, title, ["Asha"])
    session, note = created["session"]["id"], created["session"]["notes"][0]
    assert "error" not in command(chair, "session.start")
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys("Saved part. ")
    wait_text(asha, STATUS, "All changes saved")
    return chair, asha, session, note, area


def test_text_typed_offline_while_the_review_ended_is_kept_to_copy(proxied, browsers):
    daemon, proxy, facilitator = proxied
    chair, asha, session, note, area = live_with_a_saved_part(proxied, browsers, "Ended while a reviewer was offline")

    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="the page never noticed its network went")
    area.send_keys(Keys.END, "My final thought, typed offline.")
    wait_text(asha, STATUS, "Unsynced changes")
    assert "error" not in command(chair, "session.end")
    proxy.mend()

    wait_until(asha, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=note-unsent]"), timeout=40,
               message=f"nothing offered the unsent text (status: {asha.find_element(By.CSS_SELECTOR, STATUS).text!r})")
    # The note is the server's, read-only; the page has nothing left to send.
    assert recorded_note(daemon, facilitator, session, note["title"]) == "Saved part. "
    wait_until(asha, lambda d: shown_note(d, note["id"]) == "Saved part. ")
    assert asha.find_element(By.ID, f"note-{note['id']}").get_attribute("readonly") is not None
    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced",
            message="the page still holds edits to send")

    box = asha.find_element(By.CSS_SELECTOR, "[data-testid=note-unsent]")
    assert "The review ended before your last edits" in box.text and note["title"] in box.text
    kept = box.find_element(By.CSS_SELECTOR, "textarea")
    assert kept.is_displayed() and kept.get_attribute("readonly") is not None
    assert asha.execute_script("return arguments[0].value", kept) == "Saved part. My final thought, typed offline."
    # No raw server message (with the session's id) anywhere on the page or in what was said.
    status = asha.find_element(By.CSS_SELECTOR, STATUS).text
    assert "refused" not in status and session not in asha.find_element(By.TAG_NAME, "body").text
    said = said_log(asha)
    assert not [s for s in said if session in s or "refused" in s], said
    assert len([s for s in said if "The review ended before your last edits" in s]) == 1, said
    assert axe_problems(asha) == []
    assert errors_beside_reconnects(asha) == []


# The page stops hearing its own edits confirmed (their acks and their echoes): a reply lost on
# the way, although the server applied the edit.
LOSE_OWN_CONFIRMATIONS = """
const c = window.reviewroom.connection, me = window.reviewroom.model.you.id;
c.receive = (data) => { const m = JSON.parse(data);
  if (m.type === 'ack' || (m.type === 'event' && m.name === 'note.op' && m.data.by === me)) return;
  Object.getPrototypeOf(c).receive.call(c, data); };"""


def test_an_edit_saved_before_the_end_whose_ack_was_lost_is_not_called_unsaved(proxied, browsers):
    """The races probe: an edit the server applied but whose ack never arrived, then a drop during
    which the review ended, then a fresh welcome (a backlog longer than the replay, or a new
    epoch). The page sends the edit again with its opId to learn whether it was kept; the
    server answered `session_ended`, and the page said "not saved" of text the record holds."""
    daemon, proxy, facilitator = proxied
    chair, asha, session, note, area = live_with_a_saved_part(proxied, browsers, "Ended while an ack was lost")

    asha.execute_script(LOSE_OWN_CONFIRMATIONS)
    # One edit (typed key by key, all but the first key would wait for the lost ack).
    asha.execute_script("const a = arguments[0]; a.focus(); a.setSelectionRange(a.value.length, a.value.length);"
                        "document.execCommand('insertText', false, 'Kept although unacked.');", area)
    wait_until(asha, lambda d: recorded_note(daemon, facilitator, session, note["title"]) == "Saved part. Kept although unacked.",
               message="the server never applied the edit")
    assert asha.execute_script("return window.reviewroom.notesView.hasUnsynced") is True
    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="the page never noticed its network went")
    assert "error" not in command(chair, "session.end")
    # An epoch the server cannot continue: the page gets a fresh welcome, not a resume.
    asha.execute_script("const c = window.reviewroom.connection; delete c.receive; c.epoch = 'an-epoch-of-another-life';")
    proxy.mend()

    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced", timeout=40,
            message=f"the page still holds edits to send (status: {asha.find_element(By.CSS_SELECTOR, STATUS).text!r})")
    wait_until(asha, lambda d: shown_note(d, note["id"]) == "Saved part. Kept although unacked.")
    assert asha.find_elements(By.CSS_SELECTOR, "[data-testid=note-unsent]") == []
    assert "not saved" not in asha.find_element(By.TAG_NAME, "body").text
    assert not [s for s in said_log(asha) if "The review ended before your last edits" in s]
    assert errors_beside_reconnects(asha) == []
