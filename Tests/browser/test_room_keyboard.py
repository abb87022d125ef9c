"""The room's keyboard (BrowserClient.md, "Keyboard and screen readers"): shortcuts are
Alt+Shift+letter and never single letters (WCAG 2.1.4), never act while typing; R only raises;
focus never drops to the page when the control it was on goes away; and `RoomView.stop()`
takes the view's key handler, timer and live regions away."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import axe_problems, command, focus_button, focused, text_of, wait_js, wait_text, wait_until
from room_helpers import ALT_SHIFT, my_hand, press, refusal, room_with, settled


def phase_of(driver):
    return driver.execute_script("return window.reviewroom.model.session.clock.phase")


def test_single_letters_do_nothing_and_alt_shift_letters_act(daemon, facilitator, api_ready, browsers):
    created, chair, pages = room_with(daemon, facilitator, browsers, "Shortcuts need modifiers", ["Asha"])
    asha = pages["Asha"]
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")

    # A stray N (and H) typed with focus on a button changes nothing for anyone.
    focus_button(chair, "Agree")
    press(chair, "n")
    press(chair, "h")
    focus_button(asha, "Agree")
    press(asha, "h")
    settled(chair)
    settled(asha)
    assert phase_of(chair) == 0 and my_hand(chair) is None and my_hand(asha) is None

    # Alt+Shift+N in the notes text field is typing, not a shortcut.
    note = created["session"]["notes"][0]["id"]
    chair.find_element(By.ID, f"note-{note}").click()
    press(chair, ALT_SHIFT + "n")
    settled(chair)
    assert phase_of(chair) == 0

    # The hand's keys act in a note (not on macOS, where they type Ó and ‰): a screen-reader
    # reviewer taking notes went seven Shift+Tabs back to "Raise hand". Nothing is typed.
    area = asha.find_element(By.ID, f"note-{note}")
    area.click()
    before = area.get_attribute("value")
    press(asha, ALT_SHIFT + "h")
    wait_until(asha, lambda d: my_hand(d) is not None, message="Alt+Shift+H in the note raised no hand")
    press(asha, ALT_SHIFT + "h")
    wait_until(asha, lambda d: my_hand(d) is None, message="Alt+Shift+H in the note did not lower the hand")
    assert area.get_attribute("value") == before and focused(asha)["id"] == f"note-{note}"
    rules = asha.execute_script("return import('/js/room-rules.js').then((m) => ["
                                "  m.actsWhileTyping('hand', { inNote: true, mac: false }),"
                                "  m.actsWhileTyping('hand', { inNote: true, mac: true }),"
                                "  m.actsWhileTyping('next', { inNote: true, mac: false }),"
                                "  m.actsWhileTyping('hand', { inNote: false, mac: false })])")
    assert rules == [True, False, False, False], rules
    # Alt+Shift+O in the note says the time left; nothing is typed and focus stays.
    press(asha, ALT_SHIFT + "o")
    wait_until(asha, lambda d: any(s.endswith(" left.") for s in d.execute_script("return window.reviewroom.announcer.log")),
               message="Alt+Shift+O in the note said no time left")
    phase = asha.execute_script("return window.reviewroom.model.phase.title")
    assert any(s.startswith(f"{phase}: ") for s in asha.execute_script("return window.reviewroom.announcer.log"))
    assert area.get_attribute("value") == before and focused(asha)["id"] == f"note-{note}"

    # Alt+Shift+N from a button moves everyone on; Alt+Shift+H raises a hand, again lowers it.
    focus_button(chair, "Agree")
    press(chair, ALT_SHIFT + "n")
    wait_until(asha, lambda d: phase_of(d) == 1, message="Alt+Shift+N did not move to the next phase")
    press(asha, ALT_SHIFT + "h")
    wait_until(asha, lambda d: my_hand(d) is not None)
    press(asha, ALT_SHIFT + "h")
    wait_until(asha, lambda d: my_hand(d) is None)

    # The shortcuts panel and the buttons' aria-keyshortcuts say Alt+Shift.
    keys = text_of(chair, ".shortcuts")
    assert "Alt+Shift+N" in keys.replace(" ", "") and "Alt+Shift+H" in keys.replace(" ", ""), keys
    assert asha.find_element(By.ID, "raise-hand").get_attribute("aria-keyshortcuts") == "Alt+Shift+H"
    assert axe_problems(asha) == []
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_r_raises_a_response_hand_but_never_lowers_one(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "R only raises", ["Asha"])
    asha = pages["Asha"]
    assert "error" not in command(chair, "session.start")
    focus_button(asha, "Agree")
    press(asha, ALT_SHIFT + "r")
    wait_until(asha, lambda d: (my_hand(d) or {}).get("kind") == "response", message="Alt+Shift+R raised no response hand")

    # Pressed again with the hand up: nothing is sent, the page says the hand is already up.
    press(asha, ALT_SHIFT + "r")
    settled(asha)
    assert (my_hand(asha) or {}).get("kind") == "response"
    wait_until(asha, lambda d: (refusal(d) or {}).get("text") == "Your hand is already up")
    assert refusal(asha)["shown"] and refusal(asha)["role"] == "status"
    assert axe_problems(asha) == []
    assert browser_errors(asha) == []


def test_focus_moves_to_the_hand_button_when_the_pressed_button_goes(daemon, facilitator, api_ready, browsers):
    created, chair, pages = room_with(daemon, facilitator, browsers, "Focus fallback", ["Asha"])
    asha = pages["Asha"]
    assert "error" not in command(chair, "session.start")

    # "Direct response" goes once the hand is up: focus lands on "Lower hand", not on the page.
    focus_button(asha, "Direct response")
    press(asha, Keys.ENTER)
    wait_until(asha, lambda d: my_hand(d) is not None)
    wait_until(asha, lambda d: focused(d)["id"] == "raise-hand", message=f"focus went to {focused(asha)}")
    assert focused(asha)["text"] == "Lower hand"

    # "Finish my turn" goes when pressed: focus again lands on the hand button.
    asha_id = asha.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 120})
    wait_until(asha, lambda d: d.find_elements(By.ID, "release-floor"))
    # While she speaks there is no "Direct response" (it answers someone else), and its key says so.
    assert asha.find_elements(By.ID, "respond") == []
    press(asha, ALT_SHIFT + "r")
    wait_until(asha, lambda d: (refusal(d) or {}).get("text") == "You have the floor: a direct response answers someone else speaking.")
    assert my_hand(asha) is None
    focus_button(asha, "Finish my turn")
    press(asha, Keys.ENTER)
    wait_text(asha, "[data-testid=speaker]", "Nobody")
    wait_until(asha, lambda d: focused(d)["id"] == "raise-hand", message=f"focus went to {focused(asha)}")
    assert browser_errors(asha) == []


def test_stop_removes_the_views_key_handler_timer_and_live_regions(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "Stopped view", ["Asha"])
    asha = pages["Asha"]
    assert "error" not in command(chair, "session.start")
    regions = "return document.querySelectorAll('[role=status][aria-live=polite].visually-hidden, [role=alert]').length"
    assert asha.execute_script(regions) == 2
    # Its 250 ms tick is cleared (clearInterval is watched while stop runs).
    cleared = asha.execute_script(
        "const cleared = []; const original = window.clearInterval;"
        "window.clearInterval = (id) => { cleared.push(id); original(id); };"
        "const room = window.reviewroom.room; room.stop(); room.stop();"  # idempotent
        "window.clearInterval = original;"
        "return {interval: room.interval, cleared};")
    assert cleared["interval"] in cleared["cleared"], cleared
    assert asha.execute_script(regions) == 0

    # The old view's shortcut no longer raises a hand.
    focus_button(asha, "Agree")
    press(asha, ALT_SHIFT + "h")
    settled(asha)
    assert my_hand(asha) is None
    assert browser_errors(asha) == []
