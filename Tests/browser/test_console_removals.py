"""Others' large removals from a note are kept on the console with their text, to copy back (an
audit: one reviewer's link emptied every note for good, and the record holds only what is left).
Each edit of someone else's that removes 100 characters or more is listed under the note with
who, how much and when, the removed text in a read-only field, and Dismiss; it is said once in a
while, not once each. The page changes nothing in the note itself: a re-audit of an automatic
"Put them back" found it deleting, losing and doubling text."""
import re

from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import co_facilitator_console, started_console
from note_bot import Bot
from pages import invite_of, joined, recorded_note, shown_note, wait_until
from room_helpers import said_log, wait_said

BODY = "Pupils read every day in class and talk about their books with adults.\n" * 4

KEPT = ("return [...document.querySelectorAll('#note-status-evidence ~ [data-testid=note-removals] li')]"
        ".map((li) => ({ line: li.querySelector('p').innerText, text: li.querySelector('textarea').value,"
        "  label: li.querySelector('textarea').getAttribute('aria-label'), readOnly: li.querySelector('textarea').readOnly }));")


def kept_removals(driver):
    """The removals listed under the Evidence note: [{line, text, label, readOnly}]."""
    return driver.execute_script(KEPT)


def test_a_large_removal_is_listed_with_its_text_and_the_note_is_left_alone(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Removed text", ["Asha", "Bot"])
    session = created["session"]["id"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    with Bot(daemon, created, "Bot") as bot:
        bot.edit(["HEAD\n" + BODY + "TAIL\n"], lambda text: "HEAD\n" + BODY + "TAIL\n")
        wait_until(console, lambda d: shown_note(d, "evidence") == bot.text)
        bot.edit([5, -len(BODY), 5], lambda text: text[:5] + text[5 + len(BODY):])
        bot.edit([len("HEAD\nTAIL\n"), BODY], lambda text: text + BODY)
        # Everything selected and typed over: the edit's removal is kept, what it typed stays.
        bot.edit([-len(bot.text), "My summary."], lambda text: "My summary.")
        bot.edit([-3, len("My summary.") - 3], lambda text: text[3:])  # a small removal: not kept
    for page in (console, cy):
        wait_until(page, lambda d: shown_note(d, "evidence") == "summary.", message="the edits never arrived")
        kept = kept_removals(page)
        assert [k["text"] for k in kept] == [BODY, "HEAD\nTAIL\n" + BODY], kept
        assert re.fullmatch(rf"Bot removed {len(BODY)} characters at \d?\d:\d\d.*\.", kept[0]["line"]), kept[0]
        assert kept[0]["label"].startswith("The text Bot removed from Evidence at ") and kept[0]["readOnly"]
    # Said once for the two removals that came together.
    said = [line for line in said_log(console) if "removed" in line]
    assert said == [f"Bot removed {len(BODY)} characters from Evidence. The text is under the note, to copy back."]
    # Nothing changed in the note: not on the consoles, not on Asha's page, not on the server.
    assert recorded_note(daemon, facilitator, session, "Evidence") == "summary."
    assert shown_note(asha, "evidence") == "summary."
    assert not asha.find_elements(By.CSS_SELECTOR, "[data-testid=note-removals]"), "a reviewer's page lists removals"

    # Dismiss takes one away, focus goes to the note; the last one takes the list with it.
    console.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] li:first-child button").click()
    wait_until(console, lambda d: [k["text"] for k in kept_removals(d)] == ["HEAD\nTAIL\n" + BODY])
    assert console.execute_script("return document.activeElement.id") == "note-evidence"
    console.find_element(By.CSS_SELECTOR, "[data-testid=note-removals] button").click()
    wait_until(console, lambda d: not d.find_elements(By.CSS_SELECTOR, "[data-testid=note-removals]"))
    assert recorded_note(daemon, facilitator, session, "Evidence") == "summary."
    assert browser_errors(console) == [] and browser_errors(cy) == [] and browser_errors(asha) == []


def test_focus_stays_on_a_listed_removal_as_more_come(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Removals keep focus", ["Bot"])
    with Bot(daemon, created, "Bot") as bot:
        bot.edit([BODY], lambda text: BODY)
        bot.edit([-len(BODY)], lambda text: "")
        wait_until(console, lambda d: len(kept_removals(d)) == 1)
        console.execute_script("document.querySelector('[data-testid=note-removals] button').focus(); document.activeElement.kept = true;")
        bot.edit([BODY], lambda text: BODY)
        bot.edit([-len(BODY)], lambda text: "")
        wait_until(console, lambda d: len(kept_removals(d)) == 2)
    assert console.execute_script("return document.activeElement.kept === true"), "focus left the Dismiss button it was on"
    wait_said(console, f"Bot removed {len(BODY)} characters from Evidence. The text is under the note, to copy back.")
    assert len([line for line in said_log(console) if "removed" in line]) == 1
    assert browser_errors(console) == []
