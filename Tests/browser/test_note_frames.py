"""Others' edits are drawn once per frame (BrowserClient.md, "Shared notes"). A probe of a
40-person review saw pages set a long note's text and lay it out some sixty times a second with
thirty people typing, and edits and announcements fell a quarter of a second and more behind.
Here what the daemon sends Asha's page is held back on its way while Bilal makes forty edits and
then let through at once, so all forty reach the page together: the editor's text must be set a
few times, not forty, and come out right, her caret where it was."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import note_get, shown_note, wait_js, wait_text, wait_until
from room_helpers import proxied_room
from test_note_editing import SAVED, STATUS, peer, place, selection

EDITS = 40

COUNT_VALUE_SETS = """
const area = document.getElementById('note-' + arguments[0]);
const value = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
window.valueSets = 0;
Object.defineProperty(area, 'value', {
  configurable: true,
  get() { return value.get.call(this); },
  set(text) { window.valueSets += 1; value.set.call(this, text); },
});
// The changed range alone may be written instead of the whole value: each write counts.
const setRange = HTMLTextAreaElement.prototype.setRangeText;
area.setRangeText = function (...args) { window.valueSets += 1; return setRange.apply(this, args); };
"""


def typed_through_proxy(proxied, browsers, title, text):
    """Asha's page, through the test proxy, with `text` typed into the first note and saved.
    Returns (created, note, asha)."""
    created, _, asha = proxied_room(proxied, browsers, title, ["Asha", "Bilal"])
    note = created["session"]["notes"][0]["id"]
    place(asha, note, 0, 0)
    ActionChains(asha).send_keys(text).perform()
    wait_text(asha, STATUS, SAVED)
    return created, note, asha


def test_forty_edits_arriving_together_are_drawn_in_a_few_frames(proxied, browsers):
    daemon, proxy, _ = proxied
    created, note, asha = typed_through_proxy(proxied, browsers, "Drawn per frame", "Asha:")
    with peer(daemon, created, "Bilal") as bilal:
        current = note_get(asha, note)
        rev, length = current["rev"], len(current["text"])
        asha.execute_script(COUNT_VALUE_SETS, note)
        proxy.hold()
        try:
            for n in range(EDITS):
                ack = bilal.command("note.edit", note=note, rev=rev, opId=f"frames-{n}", op=[length, "b"])
                rev, length = ack["rev"], length + 1
        finally:
            proxy.release()
        expected = "Asha:" + "b" * EDITS
        wait_until(asha, lambda d: shown_note(d, note) == expected,
                   message=f"Asha's page shows {shown_note(asha, note)!r}")
        sets = asha.execute_script("return window.valueSets")
        assert 1 <= sets <= EDITS // 4, f"the note's text was set {sets} times for {EDITS} edits"
        assert selection(asha, note)[:2] == [5, 5]
        ActionChains(asha).send_keys("!").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "Asha:!" + "b" * EDITS
    assert browser_errors(asha) == []


def test_an_edit_someone_else_made_first_is_settled_by_its_ack_while_their_edit_waits_for_a_frame(proxied, browsers):
    """Asha and Bilal delete the same word; Bilal's delete reaches the server first, so Asha's
    has nothing left to change: the server acks it and sends no event for it. Her page gets
    Bilal's op and her ack together, Bilal's op held for the next frame: the ack must still
    settle her edit once it is shown, or her next typing would wait for an echo that never comes."""
    daemon, proxy, _ = proxied
    created, note, asha = typed_through_proxy(proxied, browsers, "Deleted twice", "keep this word")
    with peer(daemon, created, "Bilal") as bilal:
        current = note_get(asha, note)
        proxy.hold()
        try:
            bilal.command("note.edit", note=note, rev=current["rev"], opId="bilal-1", op=[9, -5])  # " word"
            place(asha, note, 9, 14)
            ActionChains(asha).send_keys(Keys.BACKSPACE).perform()
            wait_js(asha, "return window.reviewroom.notesView.hasUnsynced", message="Asha's delete was not sent")
            # Her delete reaches the server (only what the server sends her is held): wait for its ack to be queued.
            bilal.command("ping")
            # Frames wait (the ops are shown by the 100 ms fallback instead), so the ack surely
            # comes while Bilal's op is held.
            asha.execute_script("window.realFrame = window.requestAnimationFrame; window.requestAnimationFrame = () => 0;")
        finally:
            proxy.release()
        wait_until(asha, lambda d: shown_note(d, note) == "keep this", message=f"Asha's page shows {shown_note(asha, note)!r}")
        asha.execute_script("window.requestAnimationFrame = window.realFrame;")
        ActionChains(asha).send_keys("!").perform()
        wait_text(asha, STATUS, SAVED)
        assert note_get(asha, note)["text"] == "keep this!"
    assert browser_errors(asha) == []
