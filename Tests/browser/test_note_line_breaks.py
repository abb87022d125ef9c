"""Line breaks someone else's client sent as CRLF or a lone CR (BrowserClient.md, "Line breaks
from other clients"): a textarea shows them as LF, but the page keeps the note as the server has
it. Typing after them, deleting a CRLF's visible break, the caret sent as `note.cursor` and
others' carets drawn over the text all land where they should, and no edit the page sends touches
a CR the user did not delete. Bilal edits through the WebSocket protocol."""
import json

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import note_get, shown_note, wait_js, wait_text, wait_until
from test_note_editing import SAVED, STATUS, asha_and_bilal, peer, place, selection

CR_TEXT = "line one\r\nline two\rthree"


def sent_edits(driver):
    """The ops this page sent as `note.edit` since `watch_edits`."""
    return driver.execute_script("return window.sentEdits;")


def watch_edits(driver):
    driver.execute_script(
        "window.sentEdits = []; const c = window.reviewroom.connection; const send = c.command.bind(c);"
        "c.command = (type, fields) => { if (type === 'note.edit') window.sentEdits.push(fields.op); return send(type, fields); };")


def test_typing_after_crlf_and_cr_text_keeps_the_crs_and_lands_where_typed(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "CR from a script")
    note = created["session"]["notes"][0]["id"]
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: [CR_TEXT])
        wait_until(asha, lambda d: shown_note(d, note) == "line one\nline two\nthree", message="Bilal's text never shown")
        watch_edits(asha)
        # The caret after "three" (the end of the textarea), then in "line two" before "two".
        place(asha, note, 23, 23)
        ActionChains(asha).send_keys(" four").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "line one\r\nline two\rthree four"
        place(asha, note, 14, 14)
        ActionChains(asha).send_keys("number ").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "line one\r\nline number two\rthree four"
        assert shown_note(asha, note) == "line one\nline number two\nthree four"
        assert selection(asha, note)[:2] == [21, 21]
        # No op the page sent deleted anything: the CRs were never touched.
        assert all(isinstance(c, str) or c > 0 for op in sent_edits(asha) for c in op), sent_edits(asha)
    assert browser_errors(asha) == []


def test_backspace_at_a_crlf_deletes_both_units_undo_restores_them_and_others_carets_show_on_their_line(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "CRLF break deleted")
    note = created["session"]["notes"][0]["id"]
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: [CR_TEXT])
        wait_until(asha, lambda d: shown_note(d, note) == "line one\nline two\nthree", message="Bilal's text never shown")
        # Bilal's caret before "three" (model 19, after the lone CR) is drawn there, on line 3.
        bilal.command("note.cursor", note=note, rev=note_get(asha, note)["rev"], anchor=19, head=19)
        caret = f"#panel-{note} .remote-caret"
        wait_js(asha, "return document.querySelector(arguments[0])", caret, message="no caret drawn")
        assert asha.execute_script("return document.querySelector(arguments[0]).dataset.offset", caret) == "18"
        wait_until(asha, lambda d: "line 3" in d.find_element("css selector", f"#panel-{note} .cursor-list").text,
                   message="Bilal's caret not listed on line 3")
        # Backspace at the start of "line two" takes the CRLF's line break: both units.
        place(asha, note, 9, 9)
        ActionChains(asha).send_keys(Keys.BACKSPACE).perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "line oneline two\rthree"
        assert shown_note(asha, note) == "line oneline two\nthree"
        assert selection(asha, note)[:2] == [8, 8]
        # Bilal's caret moved with the deletion: still before "three".
        wait_js(asha, "return document.querySelector(arguments[0])?.dataset.offset === '17'", caret,
                message="Bilal's caret not moved through the deletion")
        # Ctrl+Z puts both units back.
        ActionChains(asha).key_down(Keys.CONTROL).send_keys("z").key_up(Keys.CONTROL).perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == CR_TEXT
        assert shown_note(asha, note) == "line one\nline two\nthree"
        assert selection(asha, note)[:2] == [9, 9]
    assert browser_errors(asha) == []


def test_my_caret_goes_out_in_server_units_and_stays_put_through_a_remote_insert(daemon, facilitator, api_ready, browsers):
    created, asha = asha_and_bilal(daemon, facilitator, browsers, "CR carets")
    note = created["session"]["notes"][0]["id"]
    with peer(daemon, created, "Bilal") as bilal:
        bilal.edit(asha, note, lambda text: [CR_TEXT])
        wait_until(asha, lambda d: shown_note(d, note) == "line one\nline two\nthree", message="Bilal's text never shown")
        # Asha's caret in "th|ree": display 20, model 21 (one CRLF before it).
        place(asha, note, 20, 20)
        asha.execute_script("document.getElementById('note-' + arguments[0]).dispatchEvent(new Event('click'))", note)
        while True:
            message = json.loads(bilal.ws.recv(timeout=20))
            if message.get("type") == "cursor" and message.get("note") == note:
                break
        assert [message["anchor"], message["head"]] == [21, 21]
        # Bilal inserts before the "h" (model 20): Asha's caret stays after the "h".
        bilal.edit(asha, note, lambda text: [20, "XY", len(text) - 20])
        wait_until(asha, lambda d: shown_note(d, note) == "line one\nline two\ntXYhree", message="Bilal's insert never shown")
        assert selection(asha, note)[:2] == [22, 22]
        ActionChains(asha).send_keys("!").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "line one\r\nline two\rtXYh!ree"
    assert browser_errors(asha) == []
