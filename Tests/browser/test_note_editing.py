"""Typing beside other people in a shared note (BrowserClient.md, "Shared notes"): the typist's
caret stays before text someone else inserts exactly at it, a keyboard selection keeps its
direction through others' edits, a person's cursor shows in one note only, a caret moved in two
notes within the cursor interval reaches the others for the second note too, an out-of-step note
says so, and a burst of keystrokes redraws others' cursors once per frame. Bilal edits through
the WebSocket protocol."""
import contextlib
import json
import urllib.parse

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from websockets.sync.client import connect

from conftest import browser_errors
from pages import invite_of, joined, note_get, participant_id, schedule_via_api, shown_note, text_of, wait_js, wait_text, wait_until

SAVED = "All changes saved"
STATUS = ".tab-panel:not([hidden]) .note-status"


@contextlib.contextmanager
def peer(daemon, created, name):
    """`name` joined over the WebSocket protocol for the `with` block."""
    token = urllib.parse.unquote(invite_of(created, name).split("#", 1)[1])
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=20) as ws:
        ws.send(json.dumps({"type": "hello", "token": token, "client": "browser-test/1"}))
        welcome = json.loads(ws.recv(timeout=20))
        assert welcome["type"] == "welcome", welcome
        yield Peer(ws)


class Peer:
    """Someone on the WebSocket protocol: edits a note as they see it, moves their cursor."""

    def __init__(self, ws):
        self.ws = ws
        self.ids = 0

    def command(self, type_, **fields):
        self.ids += 1
        self.ws.send(json.dumps({"type": type_, "id": self.ids, **fields}))
        while True:
            reply = json.loads(self.ws.recv(timeout=20))
            if reply.get("id") == self.ids:
                assert reply["type"] == "ack", reply
                return reply

    def edit(self, page, note, make_op):
        """One edit on the note as the server has it now (read through `page`)."""
        current = note_get(page, note)
        self.command("note.edit", note=note, rev=current["rev"], opId=f"peer-{self.ids}", op=make_op(current["text"]))


def asha_and_bilal(daemon, facilitator, browsers, title):
    created = schedule_via_api(daemon, facilitator, title, ["Asha", "Bilal"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    return created, asha


def place(driver, note, start, end, direction="none"):
    driver.execute_script(
        "const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(arguments[1], arguments[2], arguments[3]);",
        note, start, end, direction)


def selection(driver, note):
    return driver.execute_script(
        "const a = document.getElementById('note-' + arguments[0]); return [a.selectionStart, a.selectionEnd, a.selectionDirection];", note)


def test_the_typist_keeps_typing_before_text_inserted_at_the_caret(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Caret at an insert")
    note = created["session"]["notes"][0]["id"]
    place(asha, note, 0, 0)
    ActionChains(asha).send_keys("Actions:\n").perform()
    wait_text(asha, STATUS, SAVED)
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: [len(text), "BILAL"])
        wait_until(asha, lambda d: shown_note(d, note).endswith("BILAL"), message="Bilal's insert never shown")
        assert selection(asha, note)[:2] == [9, 9]
        ActionChains(asha).send_keys("asha").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "Actions:\nashaBILAL"
        assert shown_note(asha, note) == "Actions:\nashaBILAL"
    assert browser_errors(asha) == []


def test_a_backward_selection_keeps_its_direction_through_an_edit(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Selection direction")
    note = created["session"]["notes"][0]["id"]
    place(asha, note, 0, 0)
    ActionChains(asha).send_keys("pupils read daily").perform()
    wait_text(asha, STATUS, SAVED)
    place(asha, note, 7, 11, "backward")
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: ["Year 5 ", len(text)])
        wait_until(asha, lambda d: shown_note(d, note).startswith("Year 5 "), message="Bilal's insert never shown")
        assert selection(asha, note) == [14, 18, "backward"]


def test_a_persons_cursor_shows_in_one_note_and_moves_between_notes(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "One cursor each")
    first, second = (n["id"] for n in created["session"]["notes"][:2])
    bilal_page = browsers()
    bilal_page.get(invite_of(created, "Bilal"))
    joined(bilal_page)
    bilal_id, asha_id = participant_id(created, "Bilal"), participant_id(created, "Asha")
    listed = "return document.querySelector('#panel-' + arguments[0] + ' .cursor-list').innerText"
    # Bilal clicks into the first note, then into the second one at once (within 250 ms).
    bilal_page.execute_script(
        "for (const id of arguments) { const a = document.getElementById('note-' + id); a.focus(); a.setSelectionRange(0, 0);"
        " a.dispatchEvent(new Event('click')); }", first, second)
    wait_js(asha, listed, second, message="Bilal's cursor never shown in the second note")
    # The first note's cursors are redrawn no sooner than CURSOR_DRAW_MS after their last draw.
    wait_js(asha, "return document.querySelector('#panel-' + arguments[0] + ' .cursor-list').innerText === ''", first,
            message="Bilal's cursor stayed in the first note")
    assert "Bilal" in asha.execute_script(listed, second)
    cursors = asha.execute_script("return [...window.reviewroom.notesView.remoteCursors].map(([n, c]) => [n, [...c.keys()]])")
    assert [n for n, people in cursors if bilal_id in people] == [second]
    assert asha_id not in {p for _, people in cursors for p in people}
    assert browser_errors(asha) == [] and browser_errors(bilal_page) == []


def test_an_out_of_step_note_says_so_instead_of_saved(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Out of step")
    note = created["session"]["notes"][0]["id"]
    wait_text(asha, STATUS, SAVED)
    # An op that cannot fit the note (as after a lost event): the client cannot place it.
    asha.execute_script("window.reviewroom.notesView.event({note: arguments[0], rev: 999, op: [50, 'x'], by: 'someone', opId: 'o'})", note)
    # Others' ops are drawn at the next frame, so the status changes then, not within this call.
    wait_text(asha, STATUS, "out of step")
    place(asha, note, 0, 0)
    ActionChains(asha).send_keys("z").perform()
    assert "out of step" in text_of(asha, STATUS)


def test_a_burst_of_keystrokes_redraws_others_cursors_once(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Cursor redraws")
    note = created["session"]["notes"][0]["id"]
    with peer(daemon, created, "Bilal") as bilal:
        bilal.command("note.cursor", note=note, rev=note_get(asha, note)["rev"], anchor=0, head=0)
        wait_js(asha, "return document.querySelector(`#panel-${arguments[0]} .remote-caret`)", note, message="no caret drawn")
        draws = asha.execute_async_script("""
            const [note, done] = [arguments[0], arguments[arguments.length - 1]];
            const entry = window.reviewroom.notesView.notes.get(note);
            let draws = 0;
            const draw = entry.layer.draw.bind(entry.layer);
            entry.layer.draw = (...args) => { draws += 1; draw(...args); };
            const area = entry.textarea;
            area.focus();
            for (let i = 0; i < 20; i++) document.execCommand('insertText', false, 'k');
            // The redraw comes at a frame, and no sooner than CURSOR_DRAW_MS after the caret's
            // first draw: wait until none is pending, then one more frame.
            const others = window.reviewroom.notesView.others;
            const settled = () => others.frames.has(note) ? setTimeout(settled, 20) : requestAnimationFrame(() => done(draws));
            requestAnimationFrame(() => requestAnimationFrame(settled));""", note)
        assert draws == 1
        assert "Bilal" in text_of(asha, f"#panel-{note} .cursor-list")


def test_in_a_long_note_the_cursor_layer_lays_out_only_up_to_the_marked_line_and_still_scrolls(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Long note cursors")
    note = created["session"]["notes"][0]["id"]
    line = "Pupils read in the library.\n"
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: [line * 300])
        wait_until(asha, lambda d: len(shown_note(d, note)) == len(line) * 300, message="the long note never arrived")
        at = len(line) * 149 + 6
        bilal.command("note.cursor", note=note, rev=note_get(asha, note)["rev"], anchor=at, head=at)
        caret = f"#panel-{note} .remote-caret"
        wait_js(asha, "return document.querySelector(arguments[0])", caret, message="no caret drawn")
        layer = asha.execute_script("const l = document.querySelector(arguments[0]).closest('.cursor-layer'); return l.textContent.length;", caret)
        # Up to the end of line 150 (and the marker's name), not the 150 lines after it.
        assert len(line) * 150 <= layer < len(line) * 160, layer
        # Scrolled to the end, the layer follows as far as the textarea goes.
        asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.scrollTop = a.scrollHeight;", note)
        wait_js(asha, "const a = document.getElementById('note-' + arguments[0]); const l = document.querySelector(arguments[1]).closest('.cursor-layer');"
                      "return a.scrollTop > 0 && l.scrollTop === a.scrollTop;", note, caret, message="the layer stopped short of the textarea's scroll")
        # Scrolled to the marked line, the marker is inside the textarea's box.
        asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.scrollTop = document.querySelector(arguments[1]).offsetTop - 40;", note, caret)
        wait_js(asha, "const b = document.querySelector(arguments[1]).getBoundingClientRect(), a = document.getElementById('note-' + arguments[0]).getBoundingClientRect();"
                      "return b.top >= a.top && b.bottom <= a.bottom;", note, caret, message="the marker is not where the textarea shows its line")
    assert browser_errors(asha) == []


def test_ctrl_z_undoes_only_my_typing_after_someone_else_edited(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "Undo beside others")
    note = created["session"]["notes"][0]["id"]
    place(asha, note, 0, 0)
    ActionChains(asha).send_keys("pupils read").perform()
    wait_text(asha, STATUS, SAVED)
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: ["Year 5 ", len(text)])
        wait_until(asha, lambda d: shown_note(d, note) == "Year 5 pupils read", message="Bilal's insert never shown")
        # The page set the textarea's value for Bilal's insert: the browser's own undo history is gone.
        ActionChains(asha).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        assert shown_note(asha, note) == "Year 5 "
        assert selection(asha, note)[:2] == [7, 7]
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "Year 5 "
        ActionChains(asha).key_down(Keys.CONTROL).key_down(Keys.SHIFT).send_keys("z").key_up(Keys.SHIFT).key_up(Keys.CONTROL).perform()
        assert shown_note(asha, note) == "Year 5 pupils read"
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "Year 5 pupils read"
        # Nothing of Asha's left to undo past that: Bilal's text stays.
        for _ in range(3):
            ActionChains(asha).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "Year 5 "
    assert browser_errors(asha) == []


def test_half_a_character_pasted_is_kept_as_a_replacement_character_with_the_rest(daemon, facilitator, api_ready, browsers):
    """A paste probe: text ending in half an emoji (another app cut a message short mid-emoji)
    was refused whole, the note saying "component 1 inserts a lone surrogate (\\uD83D) at code
    unit 20…". The half becomes U+FFFD and the rest is saved."""
    created = schedule_via_api(daemon, facilitator, "Half an emoji", ["Asha"])
    note = created["session"]["notes"][0]["id"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.execute_script("document.getElementById('note-' + arguments[0]).focus();"
                        "document.execCommand('insertText', false, 'Copied from a chat ' + String.fromCharCode(0xD83D));", note)
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="the paste was never saved")
    assert note_get(asha, note)["text"] == "Copied from a chat \ufffd"
    assert shown_note(asha, note) == "Copied from a chat \ufffd"
    assert "surrogate" not in (text_of(asha, ".tab-panel:not([hidden]) .note-status") or "")
    assert browser_errors(asha) == []
