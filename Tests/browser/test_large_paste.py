"""A paste larger than one WebSocket message (BrowserClient.md, "Large pastes"): the page sends
it in pieces the server takes, so it is saved and what is typed after it too. When an operator
set a smaller `max_message_bytes`, the server closes the connection on a piece (1009): the page
halves its pieces and tries again; an edit it cannot make smaller is dropped with a notice,
never sent again and again. Each test runs its own daemon (other limits than the suite's)."""
import shutil
import tempfile

import pytest

from selenium.webdriver.common.action_chains import ActionChains

from conftest import DAEMON_ENV, browser_errors
from pages import invite_of, joined, note_get, schedule_via_api, shown_note, text_of, wait_js, wait_text
from reviewroomd import Daemon

STATUS = ".tab-panel:not([hidden]) .note-status"
SAVED = "All changes saved"
RECONNECT_NOISE = ("WebSocket connection to",)

# Collects the codes the page's joined connections close with, from here on.
WATCH_SOCKETS = """
window.__closes = [];
window.reviewroom.connection.addCloseListener?.((code) => window.__closes.push(code));
"""

# A paste as Chromium delivers one: the text replaces the selection, then one `input` event.
# Not `execCommand('insertText')`: that types multi-line text a line at a time (4,560 input
# events for the 2,280-line paste below, each laying out the growing textarea), which took 27 s
# in Chromium alone on a loaded machine and ran past the 30 s script timeout.
PASTE = """
const area = document.getElementById('note-' + arguments[0]);
area.focus();
area.setRangeText(arguments[1], area.selectionStart, area.selectionEnd, 'end');
area.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
"""


def own_daemon(**env):
    data_dir = tempfile.mkdtemp(prefix="reviewroom-paste-")
    instance = Daemon(data_dir, extra_env={**DAEMON_ENV, **env}).start()
    return instance, data_dir


@pytest.fixture
def daemons():
    started = []

    def factory(**env):
        instance, data_dir = own_daemon(**env)
        started.append((instance, data_dir))
        return instance

    yield factory
    for instance, data_dir in started:
        instance.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def asha_page(daemon, browsers, title):
    token = daemon.add_facilitator("Fran")["token"]
    created = schedule_via_api(daemon, token, title, ["Asha", "Bilal"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.execute_script(WATCH_SOCKETS)
    return created["session"]["notes"][0]["id"], asha


def saved(driver, timeout=60):
    wait_js(driver, "return !window.reviewroom.notesView.hasUnsynced", timeout=timeout, message="edits never confirmed")


def test_a_paste_over_the_message_limit_is_saved_in_pieces(daemons, browsers):
    daemon = daemons(REVIEWROOM_MAX_NOTE_UNITS="200000")
    note, asha = asha_page(daemon, browsers, "Big paste")
    # 68,400 units with quotes and line breaks, which JSON escapes: well over 64 KiB as one edit.
    paste = ('Pupils said "we read at home"\n' * 2280)[:68400]
    asha.execute_script(PASTE, note, paste)
    ActionChains(asha).send_keys(" and after").perform()
    saved(asha)
    server = note_get(asha, note)["text"]
    assert server == paste + " and after"
    assert shown_note(asha, note) == server
    assert asha.execute_script("return window.__closes") == []
    assert SAVED in text_of(asha, STATUS)
    assert browser_errors(asha) == []


def test_a_smaller_message_limit_halves_the_pieces(daemons, browsers):
    daemon = daemons(REVIEWROOM_MAX_NOTE_UNITS="200000", REVIEWROOM_MAX_MESSAGE_BYTES="4096")
    note, asha = asha_page(daemon, browsers, "Small messages")
    paste = "Evidence from the library visit. " * 600  # 19,800 units
    asha.execute_script(PASTE, note, paste)
    saved(asha)
    assert note_get(asha, note)["text"] == paste
    closes = asha.execute_script("return window.__closes")
    # 8,000 units were too big: each close halved the pieces until they fit.
    assert closes and set(closes) == {1009}, closes
    assert asha.execute_script("return window.reviewroom.notesView.maxInsertUnits") == 8000 // 2 ** len(closes)


def test_an_edit_too_big_even_in_small_pieces_is_dropped_with_a_notice(daemons, browsers):
    daemon = daemons(REVIEWROOM_MAX_MESSAGE_BYTES="1024")
    note, asha = asha_page(daemon, browsers, "Tiny messages")
    # 256 control characters: each escaped as \\u0007, 1,536 bytes for the smallest piece.
    asha.execute_script(PASTE, note, "\u0007" * 256)
    wait_text(asha, STATUS, "too large")
    wait_js(asha, "return window.reviewroom.connection.online", message="never reconnected")
    assert shown_note(asha, note) == ""
    ActionChains(asha).send_keys("kept").perform()
    saved(asha)
    assert note_get(asha, note)["text"] == "kept"
    assert asha.execute_script("return window.__closes") == [1009]
    said = asha.execute_script("return window.reviewroom.announcer.log")
    assert len([s for s in said if "too large" in s]) == 1, said
    errors = [e for e in browser_errors(asha) if not any(noise in e for noise in RECONNECT_NOISE)]
    assert errors == []
