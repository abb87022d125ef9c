"""Others' carets drawn in the note's text: where a person's caret (or selection) is on their
screen, a marker with their name stands in the same place of the text on everyone else's, it
moves with edits made before it, and the list for screen readers says the same in words."""
from conftest import browser_errors, screenshot
from pages import invite_of, joined, participant_id, shown_note, start_live_review, text_of, wait_js, wait_until

# What a remote caret marker on `driver` shows: its offset, name, the text laid out before it,
# and whether it is drawn inside the textarea's box. None while there is no visible marker.
CARET = """
const [note, by] = arguments;
const caret = document.querySelector(`#panel-${note} .remote-caret[data-by="${by}"]`);
const layer = caret && caret.closest('.cursor-layer');
if (!caret || layer.hidden) return null;
let before = '';
for (const node of caret.parentNode.childNodes) {
  if (node === caret) break;
  if (!(node.classList && node.classList.contains('remote-caret'))) before += node.textContent;
}
const box = caret.getBoundingClientRect(), area = document.getElementById('note-' + note).getBoundingClientRect();
return {offset: Number(caret.dataset.offset), name: caret.textContent, before,
        inside: box.left >= area.left && box.right <= area.right && box.top >= area.top && box.bottom <= area.bottom,
        ariaHidden: layer.getAttribute('aria-hidden')};
"""

# Whether the first remote caret's name tag ends at its caret and lies inside the note's box.
TAG_INSIDE = """
const caret = document.querySelector(`#panel-${arguments[0]} .remote-caret`);
if (!caret || !caret.classList.contains('tag-left')) return false;
const tag = caret.firstElementChild.getBoundingClientRect(), layer = caret.closest('.cursor-layer').getBoundingClientRect();
return tag.left >= layer.left && tag.right <= layer.right + 0.5;
"""

# Puts the caret (or a selection) of the page's first note at [start, end) the way a click does.
PLACE = """
const [note, start, end] = arguments;
const area = document.getElementById('note-' + note);
area.focus();
area.setSelectionRange(start, end);
area.dispatchEvent(new Event('click'));
"""


def synced(driver):
    wait_js(driver, "return !window.reviewroom.notesView.hasUnsynced", message="edits never confirmed")


def caret_where(driver, note, by, expected):
    """Waits until `by`'s marker on `driver` is at `expected` and returns what it shows."""
    return wait_until(driver, lambda d: (lambda c: c if c and c["offset"] == expected else None)(d.execute_script(CARET, note, by)),
                      message=f"no caret of {by} at {expected} (shows {driver.execute_script(CARET, note, by)})")


def asha_and_ben_at(daemon, facilitator, browsers, title, text):
    """A live review with Asha and Ben on its first note: Asha writes `text` and clicks after its
    fifth character, and Ben's page draws her caret there. Returns (asha, ben, note, Asha's id, caret)."""
    created, _, asha = start_live_review(daemon, facilitator, browsers, title, ["Asha", "Ben"])
    ben = browsers()
    ben.get(invite_of(created, "Ben"))
    joined(ben)
    note = asha.execute_script("return window.reviewroom.model.session.notes[0].id")
    asha_id = participant_id(created, "Asha")
    asha.find_element("id", f"note-{note}").send_keys(text)
    wait_until(ben, lambda d: shown_note(d, note) == text, message="Ben never saw Asha's text")
    synced(asha)
    asha.execute_script(PLACE, note, 5, 5)
    return asha, ben, note, asha_id, caret_where(ben, note, asha_id, 5)


def test_others_carets_are_drawn_in_the_text_and_move_with_edits(daemon, facilitator, api_ready, browsers):
    # Asha writes, then clicks between "hello" and " world".
    asha, ben, note, asha_id, caret = asha_and_ben_at(daemon, facilitator, browsers, "Carets in the text", "hello world")
    assert caret["name"] == "Asha"
    assert caret["before"] == "hello"
    assert caret["inside"], caret
    assert caret["ariaHidden"] == "true"  # the list below says it in words instead
    wait_until(ben, lambda d: "Asha is at line 1" in (text_of(d, f"#panel-{note} .cursor-list") or ""))

    # Ben types before Asha's caret: her marker moves right on his screen at once, and stays put
    # once his edit is confirmed (it is then carried by the server's op, not his pending one).
    # Asha looks away first, so her page sends no fresh cursor that would hide a wrong move.
    asha.execute_script("document.activeElement.blur()")
    ben.execute_script(PLACE, note, 0, 0)
    ben.find_element("id", f"note-{note}").send_keys("Hi ")
    caret = caret_where(ben, note, asha_id, 8)
    assert caret["before"] == "Hi hello"
    synced(ben)
    assert ben.execute_script(CARET, note, asha_id)["offset"] == 8

    # Asha selects "hello": Ben sees it highlighted, her caret at the end she dragged to.
    wait_until(asha, lambda d: shown_note(d, note) == "Hi hello world")
    synced(asha)
    asha.execute_script(PLACE, note, 3, 8)
    caret_where(ben, note, asha_id, 8)
    highlighted = wait_js(ben, "return [...document.querySelectorAll(`#panel-${arguments[0]} .remote-selection`)]"
                               ".map((m) => m.textContent).join('')", note)
    assert highlighted == "hello"
    screenshot(ben, "live-cursors")
    wait_until(ben, lambda d: "Asha has selected 5 characters" in (text_of(d, f"#panel-{note} .cursor-list") or ""))
    # Characters as people count them: two emoji are two, not four UTF-16 units (a paste probe).
    asha.execute_script(PLACE, note, 14, 14)
    asha.execute_script("document.execCommand('insertText', false, arguments[0]);", "\U0001F642\U0001F642")
    synced(asha)
    asha.execute_script(PLACE, note, 14, 18)
    wait_until(ben, lambda d: "Asha has selected 2 characters" in (text_of(d, f"#panel-{note} .cursor-list") or ""),
               message=f"Ben's list says {text_of(ben, f'#panel-{note} .cursor-list')!r}")
    asha.execute_script(PLACE, note, 3, 8)
    caret_where(ben, note, asha_id, 8)

    # A caret near the right edge: its name ends at the caret instead of running past the edge
    # (at 400 % zoom a low-vision probe read "C" of "Cleo Reviewer").
    ben.execute_script(
        "const a = document.getElementById('note-' + arguments[0]), c = document.querySelector(`#panel-${arguments[0]} .remote-caret`);"
        "a.style.minWidth = '0'; a.style.width = (c.offsetLeft + 40) + 'px';", note)
    wait_js(ben, TAG_INSIDE, note, message="the name tag runs past the note's right edge")
    assert browser_errors(ben) == [] and browser_errors(asha) == []


def test_text_typed_at_someones_caret_stays_after_it_on_every_page(daemon, facilitator, api_ready, browsers):
    """Ben types exactly where Asha's caret is: her own page keeps her caret in front of his text
    (so she goes on typing where she was), and Ben's page must draw her there too. It drew her
    after his text, pushed on by his typing (a visual audit: "Asha is at line 2")."""
    asha, ben, note, asha_id, _ = asha_and_ben_at(daemon, facilitator, browsers, "Typing at a caret", "hello")
    # Asha looks away, so her page sends no fresh cursor that would hide a wrong move.
    asha.execute_script("document.activeElement.blur()")
    ben.execute_script(PLACE, note, 5, 5)
    ben.find_element("id", f"note-{note}").send_keys("\nthere")
    # Drawn now (the layer redraws at most every 200 ms), her marker is in front of his text while
    # his typing is unconfirmed, and once the server's op has carried her caret too.
    draw_now = "window.reviewroom.notesView.others.draw(arguments[0])"
    ben.execute_script(draw_now, note)
    caret = ben.execute_script(CARET, note, asha_id)
    assert caret["offset"] == 5 and caret["before"] == "hello", caret
    synced(ben)
    wait_js(ben, "const v = window.reviewroom.notesView, [note, by] = arguments;"
                 "return v.others.byNote.get(note).get(by).rev === v.notes.get(note).client.revision", note, asha_id,
            message="Ben's page never carried Asha's caret through his confirmed edit")
    ben.execute_script(draw_now, note)
    assert ben.execute_script(CARET, note, asha_id)["offset"] == 5
    assert "Asha is at line 1" in text_of(ben, f"#panel-{note} .cursor-list")
    wait_until(asha, lambda d: shown_note(d, note) == "hello\nthere", message="Asha never saw Ben's text")
    # Asha's own typing still carries her caret on: she types at it, and Ben sees her after her text.
    asha.execute_script(PLACE, note, 5, 5)
    asha.execute_script("document.execCommand('insertText', false, '!')")
    caret_where(ben, note, asha_id, 6)
    assert browser_errors(ben) == [] and browser_errors(asha) == []
