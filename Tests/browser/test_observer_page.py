"""An observer's page says what they can and cannot do (PRODUCT.md: observers read, cannot edit or
speak). It used to say only "You are Olu (observer)": the notes looked editable and read "All
changes saved", typing into them and Alt+Shift+H did nothing and said nothing."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, focus_button, invite_of, joined, schedule_via_api, text_of, wait_text
from room_helpers import ALT_SHIFT, press, refusal, said_log, wait_said

STATUS = ".tab-panel:not([hidden]) .note-status"


def test_an_observer_is_told_they_follow_along_and_typing_or_a_hand_key_says_why_nothing_happens(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Observed review", [], template="rapid-remote-90", promptDeck="covid-recovery",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Olu", "role": "observer"}])
    note = created["session"]["notes"][0]["id"]
    olu, asha = browsers(), browsers()
    olu.get(invite_of(created, "Olu"))
    asha.get(invite_of(created, "Asha"))
    joined(olu)
    joined(asha)

    assert "follow along" in text_of(olu, "#role-note") and "not write in the notes or raise a hand" in text_of(olu, "#role-note")
    assert asha.find_elements(By.ID, "role-note") == []  # a reviewer's page has no such line
    wait_text(olu, STATUS, "Read only")
    assert "saved" not in text_of(olu, STATUS)
    wait_text(asha, STATUS, "All changes saved")
    # The read-only note looks it: a dashed border, not the editable one's solid line.
    style = lambda d: d.execute_script(  # noqa: E731
        "return getComputedStyle(document.getElementById(arguments[0])).borderTopStyle", f"note-{note}")
    assert style(olu) == "dashed" and style(asha) == "solid"

    area = olu.find_element(By.ID, f"note-{note}")
    area.send_keys("observer text")
    wait_text(olu, STATUS, "Read only: as an observer you can follow the notes but not write in them")
    wait_said(olu, "Read only: as an observer you can follow the notes but not write in them")
    assert olu.execute_script("return document.getElementById(arguments[0]).value", f"note-{note}") == ""

    # The hand keys, listed for others, tell an observer why they do nothing.
    focus_button(olu, "Agree")
    press(olu, ALT_SHIFT + "h")
    wait_text(olu, "[data-testid=refusal]", "Observers do not raise hands")
    assert refusal(olu)["shown"]
    assert olu.execute_script("return window.reviewroom.model.session.floor.queue") == []
    assert said_log(olu).count("Read only: as an observer you can follow the notes but not write in them") == 1
    assert axe_problems(olu) == []
    assert browser_errors(olu) == [] and browser_errors(asha) == []
