"""A full note (BrowserClient.md, "When a note is full"): text typed past the note size limit
is not kept, and the page says so in plain words with the note's title and the limit, shown
under the note and said once, instead of the server's message about code units."""
from conftest import MAX_NOTE_UNITS, browser_errors
from pages import invite_of, joined, note_get, run_in_page, schedule_via_api, shown_note, text_of, wait_js, wait_text

STATUS = ".tab-panel:not([hidden]) .note-status"


def test_typing_into_a_full_note_says_it_is_full_once(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Full note", ["Asha", "Bilal"])
    note = created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    room = MAX_NOTE_UNITS - 5
    asha.execute_script("document.getElementById('note-' + arguments[0]).focus(); document.execCommand('insertText', false, arguments[1]);",
                        note["id"], "e" * room)
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", timeout=60, message="the paste was never saved")
    # Ten keystrokes in one script, so none of the server's answers arrives between them: the
    # first goes out alone, the other nine wait for its ack and go as one edit, which the note
    # cannot hold. Typed through WebDriver one key at a time, a refusal arriving before the last
    # keys (on a loaded machine) was cleared by them, as the notice is until the next keystroke.
    asha.execute_script("for (const key of arguments[0]) document.execCommand('insertText', false, key);", "0123456789")
    limit = f"{MAX_NOTE_UNITS:,}"
    # The first key went in: four units are left, and the refusal says so.
    full = f"{note['title']} has room for 4 more characters, so what you just typed was not kept (the limit is {limit}; an emoji counts as two)."
    wait_text(asha, STATUS, full)
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="the page never settled")
    server = note_get(asha, note["id"])["text"]
    assert shown_note(asha, note["id"]) == server
    assert server.startswith("e" * room) and len(server) <= MAX_NOTE_UNITS
    said = asha.execute_script("return window.reviewroom.announcer.log")
    assert said.count(full) == 1, said
    assert "code units" not in text_of(asha, STATUS)
    assert browser_errors(asha) == []


def test_a_paste_the_note_cannot_hold_is_taken_back_whole(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Paste past the limit", ["Asha", "Bilal"])
    note = created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.execute_script("document.getElementById('note-' + arguments[0]).focus(); document.execCommand('insertText', false, 'kept ');", note["id"])
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="'kept' never saved")
    # Sent in pieces of 8,000 units: the first two fit, the third would pass the limit.
    asha.execute_script("document.execCommand('insertText', false, arguments[0]);", "p" * (MAX_NOTE_UNITS + 1000))
    # Not "full": the note has room, only not for the whole paste (a paste probe).
    wait_text(asha, STATUS, f"{note['title']} has room for {MAX_NOTE_UNITS - 5:,} more characters")
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", timeout=60, message="the page never settled")
    assert note_get(asha, note["id"])["text"] == "kept "
    assert shown_note(asha, note["id"]) == "kept "
    said = asha.execute_script("return window.reviewroom.announcer.log")
    assert len([s for s in said if "has room for" in s]) == 1, said


def test_after_a_refused_paste_the_caret_is_where_the_paste_began(daemon, facilitator, api_ready, browsers):
    """A paste probe: the caret kept its offset after the paste (cut to the note's length), so
    the next typing went to the note's end, or into the middle of someone's word."""
    created = schedule_via_api(daemon, facilitator, "Caret after a refusal", ["Asha"])
    note = created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    base = "First line.\nSecond line here.\nThird."
    asha.execute_script("document.getElementById('note-' + arguments[0]).focus(); document.execCommand('insertText', false, arguments[1]);",
                        note["id"], base + "e" * (MAX_NOTE_UNITS - len(base) - 50))
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", timeout=60, message="the text was never saved")
    asha.execute_script("const area = document.getElementById('note-' + arguments[0]); area.setSelectionRange(12, 12);"
                        "document.execCommand('insertText', false, arguments[1]);", note["id"], "Q" * 70)
    wait_text(asha, STATUS, "what you just typed was not kept")
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="the page never settled")
    caret = asha.execute_script("const area = document.getElementById('note-' + arguments[0]); return [area.selectionStart, area.selectionEnd];", note["id"])
    assert caret == [12, 12]
    asha.execute_script("document.execCommand('insertText', false, 'XYZ');")
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="'XYZ' was never saved")
    assert note_get(asha, note["id"])["text"].startswith("First line.\nXYZSecond line here.")
    assert browser_errors(asha) == []


def test_full_is_said_again_only_once_the_note_got_shorter(daemon, browsers):
    """The rule behind "said once" (note-sending.js, `showRefusal` / `rearmRefusal`), step by step
    with made-up lengths: keystrokes that squeeze into a full note's last free units between two
    refusals do not have "full" said again; once the note is shorter than when it was said, it is
    news again. Any other refusal is said again after any edit got through."""
    driver = browsers()
    said = run_in_page(
        driver, daemon,
        "import('/js/note-sending.js').then(({ NoteSending }) => {"
        "  const said = [];"
        "  const sending = new NoteSending({ announce: (text) => said.push(text), renderStatus() {} });"
        "  const entry = { client: { serverText: 'x'.repeat(95) } };"
        "  const step = (units, text, full) => {"
        "    entry.client.serverText = 'x'.repeat(units); sending.rearmRefusal(entry);"
        "    sending.showRefusal(entry, text, full); return said.length; };"
        "  sending.showRefusal(entry, 'full', true);"
        "  done([said.length, step(96, 'full', true), step(100, 'full', true), step(90, 'full', true),"
        "        step(90, 'refused', false), step(95, 'refused', false), said]);"
        "}, (e) => done(['import failed: ' + e]));")
    assert said == [1, 1, 1, 2, 3, 4, ["full", "full", "refused", "refused"]], said
    assert browser_errors(driver) == []
