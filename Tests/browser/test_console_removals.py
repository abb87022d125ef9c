"""Others' large removals from a note can be put back from the console (an audit: one reviewer's
link emptied every note with one edit each, and nothing brought the text back; the record holds
only what is left). The console keeps each edit of someone else's that removes 100 characters or
more, moved past every later change, and "Put them back" restores the text where it now belongs,
keeping what was written since, as an edit of the facilitator's that every page and the record get."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import co_facilitator_console, started_console
from note_bot import Bot
from pages import invite_of, joined, recorded_note, shown_note, wait_until
from room_helpers import wait_said

BODY = "Pupils read every day in class and talk about their books with adults.\n" * 4


def kept_removals(driver):
    """The removals listed under the Evidence note, as read: [text of each item]."""
    return driver.execute_script(
        "return [...document.querySelectorAll('#note-status-evidence ~ [data-testid=note-removals] li')].map((li) => li.innerText);")


def test_a_removal_is_put_back_where_it_belongs_keeping_what_was_written_since(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Put back", ["Asha", "Bot"])
    session = created["session"]["id"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    with Bot(daemon, created, "Bot") as bot:
        bot.edit(["HEAD\n" + BODY + "TAIL\n"], lambda text: "HEAD\n" + BODY + "TAIL\n")
        wait_until(console, lambda d: shown_note(d, "evidence") == bot.text)
        # The body removed in one edit: kept and said. A small removal after it is not kept.
        bot.edit([5, -len(BODY), 5], lambda text: text[:5] + text[5 + len(BODY):])
        wait_until(console, lambda d: len(kept_removals(d)) == 1, message="the removal was not listed")
        assert kept_removals(console)[0].startswith(f"Bot removed {len(BODY)} characters.")
        wait_said(console, f"Bot removed {len(BODY)} characters from Evidence. “Put them back” is under the note.")
        bot.edit([-5, 5], lambda text: text[5:])
        wait_until(console, lambda d: shown_note(d, "evidence") == "TAIL\n")
        assert len(kept_removals(console)) == 1
    # Asha writes at the end meanwhile.
    asha.execute_script("const a = document.getElementById('note-evidence'); a.focus(); a.setSelectionRange(a.value.length, a.value.length);")
    asha.switch_to.active_element.send_keys("X")
    wait_until(console, lambda d: shown_note(d, "evidence") == "TAIL\nX")
    assert not asha.find_elements(By.CSS_SELECTOR, "[data-testid=note-removals]"), "a reviewer's page offers to put text back"

    button = console.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] button")
    assert button.text == "Put them back"
    assert button.get_attribute("aria-label") == f"Put back the {len(BODY)} characters Bot removed from Evidence"
    button.click()
    expected = BODY + "TAIL\nX"
    wait_until(asha, lambda d: shown_note(d, "evidence") == expected, message="the text did not come back on Asha's page")
    wait_until(console, lambda d: recorded_note(daemon, facilitator, session, "Evidence") == expected,
               message="the server does not have the text back")
    assert shown_note(console, "evidence") == expected
    assert kept_removals(console) == []
    wait_said(console, f"The {len(BODY)} characters Bot removed from Evidence are back.")
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_a_dismissed_removal_is_gone_and_the_note_is_unchanged(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Dismissed", ["Bot"])
    session = created["session"]["id"]
    with Bot(daemon, created, "Bot") as bot:
        bot.edit([BODY], lambda text: BODY)
        bot.edit([-len(BODY), "x"], lambda text: "x")  # everything selected and typed over
        wait_until(console, lambda d: len(kept_removals(d)) == 1, message="the removal was not listed")
    console.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] button:last-of-type").click()
    wait_until(console, lambda d: kept_removals(d) == [])
    assert not console.find_elements(By.CSS_SELECTOR, "[data-testid=note-removals]")
    assert shown_note(console, "evidence") == "x" and recorded_note(daemon, facilitator, session, "Evidence") == "x"
    assert console.execute_script("return document.activeElement.id") == "note-evidence"
    assert browser_errors(console) == []


def test_a_removal_put_back_on_one_console_is_not_put_back_twice_from_another(daemon, facilitator, api_ready, browsers):
    """Every facilitator's console keeps the removal: the second "Put them back" would have doubled
    the text. It finds the text already where it would go, says so and changes nothing."""
    created, console = started_console(daemon, facilitator, browsers, "Put back twice", ["Bot"])
    session = created["session"]["id"]
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    with Bot(daemon, created, "Bot") as bot:
        bot.edit(["HEAD\n" + BODY], lambda text: "HEAD\n" + BODY)
        wait_until(cy, lambda d: shown_note(d, "evidence") == bot.text)
        bot.edit([5, -len(BODY)], lambda text: text[:5])
        for page in (console, cy):
            wait_until(page, lambda d: len(kept_removals(d)) == 1, message="the removal was not listed on both consoles")
    console.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] button").click()
    wait_until(cy, lambda d: shown_note(d, "evidence") == "HEAD\n" + BODY, message="Cy's console never saw the text back")
    cy.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] button").click()
    wait_said(cy, f"The {len(BODY)} characters Bot removed from Evidence are back already: someone put them back.")
    assert kept_removals(cy) == []
    assert shown_note(cy, "evidence") == "HEAD\n" + BODY
    assert recorded_note(daemon, facilitator, session, "Evidence") == "HEAD\n" + BODY
    assert cy.execute_script("return !window.reviewroom.notesView.hasUnsynced")
    assert browser_errors(console) == [] and browser_errors(cy) == []
