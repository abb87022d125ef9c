"""Typing through an input method: Android's keyboard composes every word, macOS composes an
accent (´ then e), Chinese and Japanese compose whole phrases. While a word is being composed the
browser owns the textarea's text around it; setting the textarea's value (as showing anyone
else's edit does) ends the composition early. Others' edits to that note are now held while
a composition lasts and shown when it ends, so the word comes out as composed and every other
edit is still shown once."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import joined, note_get, wait_js, wait_until
from pages import invite_of, schedule_via_api


def compose(driver, text):
    """The input method shows `text` as the word being composed (not committed yet)."""
    driver.execute_cdp_cmd("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})


def commit(driver, text):
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def test_others_edits_wait_for_a_word_being_composed(daemon, facilitator, browsers):
    created = schedule_via_api(daemon, facilitator, "Composing", ["Asha", "Ben"])
    asha, ben = browsers(), browsers()
    asha.get(invite_of(created, "Asha"))
    ben.get(invite_of(created, "Ben"))
    joined(asha)
    joined(ben)
    note = created["session"]["notes"][0]["id"]
    area = asha.find_element(By.ID, f"note-{note}")
    area.click()
    area.send_keys("Pupils read ")
    wait_until(asha, lambda d: note_get(d, note).get("text") == "Pupils read ")

    compose(asha, "b")
    compose(asha, "bo")
    # Ben adds a few words at the top while Asha is in the middle of her word.
    ben_area = ben.find_element(By.ID, f"note-{note}")
    wait_until(ben, lambda d: ben_area.get_attribute("value").startswith("Pupils read "))
    ben.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(0, 0); document.execCommand('insertText', false, 'Ben: ');", ben_area)
    wait_until(asha, lambda d: "Ben: " in (note_get(d, note).get("text") or ""))
    compose(asha, "boo")
    compose(asha, "book")
    commit(asha, "books")
    expected = "Ben: Pupils read books"
    wait_until(asha, lambda d: note_get(d, note).get("text") == expected, timeout=20,
               message=f"the server's note is {note_get(asha, note).get('text')!r}")
    wait_until(asha, lambda d: area.get_attribute("value") == expected,
               message=f"Asha's page shows {area.get_attribute('value')!r}")
    wait_until(ben, lambda d: ben_area.get_attribute("value") == expected,
               message=f"Ben's page shows {ben_area.get_attribute('value')!r}")
    wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="Asha's page still has edits to send")
    assert browser_errors(asha) == [] and browser_errors(ben) == []
