"""Language hints under a note (BrowserClient.md, "Language hints"): a `hint` message covers only
the lines just edited, so hints elsewhere stay while their phrase is there; a hint goes as soon as
its word grows into another ("Never" → "Nevertheless") or its line stops being flagged ("should
have" → "should have a book"); the list is not a live region and is not
rebuilt while typing on; each new hint is said once through the page's announcer."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, wait_js, wait_until

HINTS = "const n = document.querySelector('#panel-' + arguments[0] + ' .hints'); return n ? n.innerText : '';"
# Counts the hint messages the page handles and the changes made to the hint list from here on.
WATCH = """
const [note] = arguments;
const view = window.reviewroom.notesView;
window.__hintMessages = 0;
const hint = view.hint.bind(view);
view.hint = (msg) => { window.__hintMessages += 1; hint(msg); };
window.__listChanges = 0;
new MutationObserver((changes) => { window.__listChanges += changes.length; })
  .observe(document.querySelector('#panel-' + note + ' .hints'), { subtree: true, childList: true, characterData: true });
"""


def hints_of(driver, note):
    return driver.execute_script(HINTS, note)


def wait_hint(driver, note, phrase):
    return wait_until(driver, lambda d: f"“{phrase}”" in hints_of(d, note),
                      message=f"no hint for {phrase!r} (shows {hints_of(driver, note)!r})")


def said(driver, phrase):
    return [s for s in driver.execute_script("return window.reviewroom.announcer.log") if f"“{phrase}”" in s]


def test_hints_stay_per_phrase_go_with_their_word_and_are_said_once(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Hints", ["Asha", "Bilal"])
    note = created["session"]["notes"][0]["id"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(0, 0);", note)
    ActionChains(asha).send_keys("It was obviously fine.").perform()
    wait_hint(asha, note, "obviously")
    ActionChains(asha).send_keys(Keys.ENTER, "They are lazy.").perform()
    wait_hint(asha, note, "lazy")
    # The message for the second line did not hold the first line's hint: it is still listed.
    assert "“obviously”" in hints_of(asha, note)
    region = asha.execute_script(
        "const n = document.querySelector('#panel-' + arguments[0] + ' .hints'); return [n.getAttribute('role'), n.getAttribute('aria-live')];", note)
    assert region == [None, None]
    # Said once as they come, and part of the note's description from then on: coming back to the
    # note says they are there (a hint spoken mid-typing was missed and then only shown).
    described = asha.execute_script(
        "const a = document.getElementById('note-' + arguments[0]);"
        "return a.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ');", note)
    assert "2 wording hints are listed under this note." in described, described

    asha.execute_script(WATCH, note)
    ActionChains(asha).send_keys(" More words").perform()
    wait_js(asha, "return window.__hintMessages > 0 && !window.reviewroom.notesView.hasUnsynced",
            message="no hint message for the edits after 'lazy'")
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.notesView.text(arguments[0])", note).endswith("More words"))
    assert asha.execute_script("return window.__listChanges") == 0
    # A hint soon after another is said with what follows it within NEWS_GATHER_MS.
    wait_until(asha, lambda d: len(said(d, "lazy")) > 0, message="the hint for 'lazy' was never said")
    assert len(said(asha, "obviously")) == 1 and len(said(asha, "lazy")) == 1

    ActionChains(asha).send_keys(Keys.ENTER, "Never").perform()
    wait_hint(asha, note, "Never")
    # (Said before it goes: a hint gone before its turn to be said is not said.)
    wait_until(asha, lambda d: len(said(d, "Never")) > 0, message="the hint for 'Never' was never said")
    ActionChains(asha).send_keys("theless, pupils read.").perform()
    wait_until(asha, lambda d: "“Never”" not in hints_of(d, note),
               message=f"the hint for 'Never' stayed on 'Nevertheless' ({hints_of(asha, note)!r})")
    assert "“obviously”" in hints_of(asha, note) and "“lazy”" in hints_of(asha, note)
    assert len(said(asha, "Never")) == 1

    # "should have" is blame until a book follows (a recommendation): the server's scan of the
    # line then finds nothing and sends no hint, and the page drops the one it listed.
    ActionChains(asha).send_keys(Keys.ENTER, "Every pupil should have").perform()
    wait_hint(asha, note, "should have")
    ActionChains(asha).send_keys(" a book.").perform()
    wait_until(asha, lambda d: "“should have”" not in hints_of(d, note),
               message=f"the hint for 'should have' stayed on a recommendation ({hints_of(asha, note)!r})")
    assert "“obviously”" in hints_of(asha, note) and "“lazy”" in hints_of(asha, note)
    assert browser_errors(asha) == []


PASTE = """
const area = document.getElementById('note-' + arguments[0]);
area.focus();
area.setRangeText(arguments[1], area.selectionStart, area.selectionEnd, 'end');
area.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
"""


def test_several_hints_at_once_are_said_by_their_phrases_and_listed_in_full(daemon, facilitator, api_ready, browsers):
    """A paragraph pasted, or typed offline and sent on reconnecting, brings its hints at once: all
    five suggestions in full were about 100 words (an audit, session 53). They are said in one line
    by their phrases, and each is listed under the note with its suggestion."""
    created = schedule_via_api(daemon, facilitator, "Hints at once", ["Asha"])
    note = created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    asha.execute_script(PASTE, note["id"], "It was awful, obviously, and everyone was lazy.")
    for phrase in ("awful", "obviously", "everyone", "lazy"):
        wait_hint(asha, note["id"], phrase)
    log = asha.execute_script("return window.reviewroom.announcer.log")
    assert log == [f"4 wording hints in “{note['title']}”: “awful”, “obviously”, “everyone”, “lazy”. "
                   "Each is listed under the note with a suggestion."], log
    listed = hints_of(asha, note["id"])
    assert "Worth rewording “lazy”: Swap blame for curiosity" in listed, listed
    # A phrase that comes again is named once, whatever its case, with how often.
    asha.execute_script(PASTE, note["id"], " Lazy planning, lazy marking.")
    wait_until(asha, lambda d: len(d.execute_script("return window.reviewroom.announcer.log")) == 2,
               message="the second paste's hints were not said")
    assert asha.execute_script("return window.reviewroom.announcer.log")[1] == \
        f"2 wording hints in “{note['title']}”: “Lazy” 2 times. Each is listed under the note with a suggestion."
    assert browser_errors(asha) == []
