"""The floor as the room pages show it (BrowserClient.md, "The room"): speaking time that grows
during the turn in progress and leaves observers out; a round's order with the speaker and
those who passed marked in words, on the reviewer page and the display; and events that change
only what they affect, so a screen reader in browse mode keeps its place."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, command, schedule_via_api, text_of, wait_text, wait_until
from room_helpers import my_hand, open_pages, settled

PEOPLE = [{"name": "Asha", "role": "reviewer"}, {"name": "Ben", "role": "reviewer"},
          {"name": "Olu", "role": "observer"}, {"name": "Room", "role": "display"}]


def open_room(daemon, facilitator, browsers, title):
    created = schedule_via_api(daemon, facilitator, title, [], participants=PEOPLE,
                               template="rapid-remote-90", promptDeck="covid-recovery")
    chair, (asha, room) = open_pages(created, browsers, ["Asha", "Room"])
    ids = {p["name"]: p["id"] for p in created["session"]["participants"]}
    return created, chair, asha, room, ids


def spoken(driver, pid):
    return driver.execute_script(
        "const n = document.querySelector(`.people li[data-participant=\"${arguments[0]}\"] .spoken`); return n ? n.textContent : null;", pid)


def test_speaking_time_counts_the_turn_in_progress_and_leaves_observers_out(daemon, facilitator, api_ready, browsers):
    _, chair, asha, _, ids = open_room(daemon, facilitator, browsers, "Speaking time")
    assert "error" not in command(chair, "session.start")
    assert spoken(asha, ids["Asha"]) == "spoken 0:00"
    assert "error" not in command(chair, "floor.grant", {"participant": ids["Asha"], "turnSec": 120})
    # While she speaks her time grows on every page (spokenSec only counts finished turns).
    for driver in (asha, chair):
        wait_until(driver, lambda d: spoken(d, ids["Asha"]) not in (None, "spoken 0:00"), timeout=10,
                   message=f"Asha's speaking time stayed {spoken(driver, ids['Asha'])!r} during her turn")
    # The observer is listed as present but not with a speaking time; the display not at all.
    assert "Olu" in text_of(asha, ".people")
    assert spoken(asha, ids["Olu"]) is None
    assert "Room" not in text_of(asha, ".people")
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_a_rounds_order_shows_the_speaker_and_who_passed(daemon, facilitator, api_ready, browsers):
    _, chair, asha, room, ids = open_room(daemon, facilitator, browsers, "Round order")
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "round.start", {"order": [ids["Asha"], ids["Ben"]], "secondsEach": 60})
    for driver in (asha, chair):
        wait_text(driver, "[data-testid=round-order]", "Asha speaking now")
        wait_text(driver, "[data-testid=round-order]", "Ben next")
    # Each turn's length as the agenda says a phase's (it read "60 s each", and "120 s each").
    assert asha.execute_script("return [...document.querySelectorAll('p.meta')].map((p) => p.textContent)"
                               ".includes('Round: speaker 1 of 2, 1 min each')")
    # The display puts the state first, so a long name cut at the end of its line never hides it;
    # the state and the name are a row's two boxes there (the name is cut in its own direction).
    wait_text(room, "[data-testid=round-order]", "speaking now\nAsha")
    wait_text(room, "[data-testid=round-order]", "next\nBen")
    assert axe_problems(asha) == [] and axe_problems(room) == []

    # Asha passes: she is marked as passed (in words), Ben speaks now.
    assert asha.find_element(By.ID, "release-floor").text == "Finish my turn"  # beside Pass: finishing early
    asha.find_element(By.ID, "pass").click()
    wait_text(asha, "[data-testid=round-order]", "Ben speaking now")
    wait_text(asha, "[data-testid=round-order]", "Asha passed")
    wait_text(room, "[data-testid=round-order]", "speaking now\nBen")
    # Only the name is struck through, never the word that says why.
    assert room.execute_script(
        "const li = document.querySelector('.round-passed');"
        "return getComputedStyle(li.querySelector('.round-name')).textDecorationLine === 'line-through'"
        "  && getComputedStyle(li.querySelector('.badge')).textDecorationLine === 'none'"), "the display struck through the wrong part"
    assert "Asha" in asha.find_element(By.CSS_SELECTOR, ".round-passed .round-name").text

    # In the next round she speaks and finishes early: that is not a pass. Her order says she has
    # spoken, and the round's `passed` (which the record reads) does not name her.
    assert "error" not in command(chair, "round.stop")
    assert "error" not in command(chair, "round.start", {"order": [ids["Asha"], ids["Ben"]], "secondsEach": 60})
    wait_text(asha, "[data-testid=round-order]", "Asha speaking now")
    # The second click of a double click is no second press: it ended the turn's button's work
    # on whatever took its place ("Direct response" raised a hand; an audit). `detail` counts.
    second_click = "arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true, detail: 2 }))"
    asha.execute_script(second_click, asha.find_element(By.ID, "release-floor"))
    asha.find_element(By.ID, "release-floor").click()
    wait_text(asha, "[data-testid=round-order]", "Ben speaking now")
    wait_text(asha, "[data-testid=round-order]", "Asha has spoken")
    assert asha.execute_script("return window.reviewroom.model.session.floor.round.passed") == []
    asha.execute_script(second_click, asha.find_element(By.ID, "respond"))
    asha.find_element(By.ID, "raise-hand").click()  # had the response gone up, this lowered it
    wait_until(asha, lambda d: my_hand(d), message="the hand did not go up")
    assert my_hand(asha)["kind"] == "contribution", my_hand(asha)
    assert browser_errors(asha) == [] and browser_errors(room) == []


def test_an_event_leaves_the_sections_it_does_not_change_untouched(daemon, facilitator, api_ready, browsers):
    created, chair, asha, _, ids = open_room(daemon, facilitator, browsers, "Stable sections")
    assert "error" not in command(chair, "session.start")
    settled(asha)
    # Mark the nodes a screen reader might be on (a JS property: a rebuilt node lacks it).
    asha.execute_script(
        "for (const s of ['h1', '[data-testid=question]', '.agenda li[aria-current]', '.people li', '[data-testid=phase-title]'])"
        "  document.querySelector(s).reviewroomMarked = true;")
    deck = created["session"]["prompts"]["deck"]
    assert "error" not in command(chair, "hand.raise", {"kind": "contribution", "participant": ids["Ben"]})
    wait_until(asha, lambda d: d.find_elements(By.CSS_SELECTOR, ".queue li"))
    assert "error" not in command(chair, "prompt.show", {"prompt": deck[0]["id"]})
    wait_text(asha, "[data-testid=question]", deck[0]["text"])
    kept = asha.execute_script(
        "return ['h1', '.agenda li[aria-current]', '.people li', '[data-testid=phase-title]']"
        "  .filter((s) => document.querySelector(s).reviewroomMarked !== true);")
    assert kept == [], f"replaced although their text did not change: {kept}"
    # The question's paragraph got its new text in place.
    assert asha.execute_script("return document.querySelector('[data-testid=question]').reviewroomMarked") is True
    assert browser_errors(asha) == []
