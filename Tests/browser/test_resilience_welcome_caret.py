"""A reconnect answered with a fresh `welcome` (the backlog longer than the server replays, a
restored backup: PROTOCOL.md §3.4/§3.5) rebuilds the notes' editors from the snapshot
(BrowserClient.md, "Unsent edits"). The caret and selection must stay at the same place in the
text, as they do on the `resumed` path: before, the new editor got the old numeric offsets, so
after someone added text before the caret while the page was away, the reviewer's next keys
landed inside that person's sentence. Here the page resumes from an epoch the server does not
know, which gets the fresh welcome (the probe forced it with a flood of edits past the replay
limit; the page takes the same path)."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import recorded_note, shown_note, wait_js, wait_text, wait_until
from room_helpers import press
from test_resend_after_reconnect import (COUNT_WELCOMES, HOLD_SOCKETS, RECONNECT_NOISE, RELEASE_SOCKETS, STATUS, protocol_edit,
                                         two_reviewers, welcomes)

BILAL = "[Bilal added this while Asha was away] "
# Resumed from an epoch the server does not know (PROTOCOL.md §3.5): a fresh welcome.
RESUME_FOR_A_FRESH_WELCOME = "window.reviewroom.connection.epoch = 'e_not-this-server';" + RELEASE_SOCKETS


def selection(driver, note):
    return driver.execute_script(
        "const a = document.getElementById('note-' + arguments[0]);"
        "return {start: a.selectionStart, end: a.selectionEnd, focused: document.activeElement === a};", note)


def away_while_bilal_adds_a_prefix(daemon, asha, bilal, note, typed_offline):
    """Asha's page loses its connection (and may not reconnect until released); she types
    `typed_offline` where her caret is, and Bilal inserts BILAL at the start meanwhile."""
    asha.execute_script(HOLD_SOCKETS + "const c = window.reviewroom.connection; c.abandon(c.socket);")
    wait_js(asha, "return !window.reviewroom.connection.online", message="the page never noticed the drop")
    if typed_offline:
        press(asha, typed_offline)
        wait_text(asha, STATUS, "Unsynced changes")
    protocol_edit(daemon, bilal, note["id"], lambda text: [BILAL, len(text)])


def test_the_caret_stays_after_what_was_typed_across_a_fresh_welcome_and_typing_goes_on_there(daemon, facilitator, api_ready,
                                                                                               browsers):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, "Caret across a fresh welcome")
    asha.find_element(By.ID, f"note-{note['id']}").send_keys(Keys.END, " Asha one.")
    wait_text(asha, STATUS, "All changes saved")
    asha.execute_script(COUNT_WELCOMES)

    away_while_bilal_adds_a_prefix(daemon, asha, bilal, note, " typed offline.")
    asha.execute_script(RESUME_FOR_A_FRESH_WELCOME)
    expected = BILAL + "hello Asha one. typed offline."
    wait_until(asha, lambda d: shown_note(d, note["id"]) == expected, timeout=30,
               message=f"the page never showed Bilal's text with hers (it shows {shown_note(asha, note['id'])!r})")
    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced",
            message="the page never sent what was typed offline")
    assert welcomes(asha) == 1
    # Still focused, the caret after what she typed, not at its old offset inside Bilal's text.
    assert selection(asha, note["id"]) == {"start": len(expected), "end": len(expected), "focused": True}

    press(asha, " AFTER BACK.")
    wait_until(asha, lambda d: recorded_note(daemon, facilitator, session, note["title"]) == expected + " AFTER BACK.",
               message=f"typing after the welcome landed elsewhere: {recorded_note(daemon, facilitator, session, note['title'])!r}")
    assert shown_note(asha, note["id"]) == expected + " AFTER BACK."
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


def test_a_selection_in_an_unfocused_note_moves_with_its_text_across_a_fresh_welcome(daemon, facilitator, api_ready, browsers):
    session, note, asha, bilal = two_reviewers(daemon, facilitator, browsers, "Selection across a fresh welcome")
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys(Keys.END, " world")
    wait_text(asha, STATUS, "All changes saved")
    # "world" selected, then focus goes to the note's tab.
    asha.execute_script("arguments[0].setSelectionRange(6, 11);", area)
    asha.find_element(By.ID, f"tab-{note['id']}").click()
    asha.execute_script(COUNT_WELCOMES)

    away_while_bilal_adds_a_prefix(daemon, asha, bilal, note, None)
    asha.execute_script(RESUME_FOR_A_FRESH_WELCOME)
    wait_until(asha, lambda d: shown_note(d, note["id"]) == BILAL + "hello world", timeout=30)
    assert welcomes(asha) == 1
    start = len(BILAL) + 6
    assert selection(asha, note["id"]) == {"start": start, "end": start + 5, "focused": False}
