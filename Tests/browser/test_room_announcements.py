"""What the room pages tell people (BrowserClient.md, "Announcements"): changes to the hand
queue, said once to the person and to the facilitator; a turn's end, to the facilitator too;
refused commands in a visible status line; the connection's loss and return, once each; a
turn ended under its speaker, said to them."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, command, connection_banner, focus_button, invite_of, joined, reviewer_joined, schedule_via_api, wait_until
from room_helpers import ALT_SHIFT, facilitator_invite, press, refusal, room_with, said_log, settled, wait_said

POLITE = ".visually-hidden[role=status][aria-live=polite]"
RECONNECT_NOISE = ("WebSocket connection to",)


def test_hand_queue_changes_are_said_to_the_person_and_the_facilitator(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "Hands are announced", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    assert "error" not in command(chair, "session.start")

    ben.find_element(By.ID, "raise-hand").click()
    wait_said(ben, "Your hand is up, 1st in the queue")
    wait_said(chair, "Ben raised a hand (1st)")
    # A direct response goes first: Asha is told her place, Ben that his moved.
    asha.find_element(By.ID, "respond").click()
    wait_said(asha, "Your hand is up, 1st in the queue")
    wait_said(ben, "Your hand is now 2nd in the queue")
    wait_said(chair, "Asha wants to respond directly (1st)")
    # The person hears only about their own hand.
    settled(asha)
    assert not any("Ben" in text for text in said_log(asha)), said_log(asha)

    ben.find_element(By.ID, "raise-hand").click()  # now "Lower hand"
    wait_said(ben, "Your hand was lowered")
    wait_said(chair, "Ben lowered their hand")
    # Said once each, in the polite region (not as an alarm).
    settled(chair)
    assert said_log(chair).count("Ben raised a hand (1st)") == 1
    assert said_log(chair).count("Ben lowered their hand") == 1
    assert chair.execute_script("return document.querySelector('[role=alert]').textContent") == ""

    # Given the floor, Asha's hand leaves the queue: she hears she has the floor, not "lowered".
    asha_id = asha.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 10})
    wait_said(asha, "You have the floor for 10 seconds")
    assert "Your hand was lowered" not in said_log(asha)
    assert "Asha lowered their hand" not in said_log(chair)

    # Her timed turn ends: she is told, and so is the facilitator.
    wait_said(asha, "Your turn time is over")
    wait_said(chair, "Asha’s turn time is over")
    assert browser_errors(asha) == [] and browser_errors(ben) == [] and browser_errors(chair) == []


def test_hands_a_phase_move_clears_are_said_as_cleared_not_as_lowered(daemon, facilitator, api_ready, browsers):
    """A phase move resets the floor: nobody lowered the hands it clears, so the facilitator is
    not told "Asha lowered their hand" (what it said), and Asha hears hers was cleared."""
    _, chair, pages = room_with(daemon, facilitator, browsers, "Hands cleared by a phase move", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    assert "error" not in command(chair, "session.start")
    asha.find_element(By.ID, "raise-hand").click()
    ben.find_element(By.ID, "raise-hand").click()
    wait_said(chair, "Ben raised a hand (2nd)")
    assert "error" not in command(chair, "phase.next")
    wait_said(chair, "Hands cleared as the phase moved on: Asha and Ben")
    wait_said(asha, "Your hand was cleared as the phase moved on; raise it again to speak")
    settled(chair)
    settled(asha)
    assert not any("lowered" in text for text in said_log(chair) + said_log(asha)), (said_log(chair), said_log(asha))
    # A hand lowered by its owner afterwards is still said as lowered.
    ben.find_element(By.ID, "raise-hand").click()
    wait_said(chair, "Ben raised a hand (1st)")
    ben.find_element(By.ID, "raise-hand").click()
    wait_said(chair, "Ben lowered their hand")
    assert browser_errors(asha) == [] and browser_errors(ben) == [] and browser_errors(chair) == []


def test_a_refused_command_shows_in_a_visible_status_line(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "Refusals are visible", ["Asha"])
    assert refusal(chair)["text"] == "" and refusal(chair)["role"] == "status" and refusal(chair)["live"] == "polite"

    # In the lobby there is no next phase to move to: the server refuses, the page shows why.
    focus_button(chair, "Agree")
    press(chair, ALT_SHIFT + "n")
    wait_until(chair, lambda d: (refusal(d) or {}).get("text", "").startswith("Refused: "),
               message=f"no visible refusal (line: {refusal(chair)})")
    shown = refusal(chair)
    assert shown["shown"], shown
    assert chair.execute_script("return window.reviewroom.model.session.clock.status") == "lobby"
    assert axe_problems(chair) == []
    # Read once: kept in the page's history a single time.
    assert said_log(chair).count(shown["text"]) == 1

    # The next command that succeeds clears it.
    chair.find_element(By.ID, "signal-agree").click()
    wait_until(chair, lambda d: refusal(d)["text"] == "", message="the refusal stayed after a successful command")
    assert browser_errors(chair) == []


def test_losing_and_regaining_the_connection_is_said_once_each(daemon, facilitator, api_ready, browsers):
    _, _, asha = reviewer_joined(daemon, facilitator, browsers, "Connection news")
    # Idle, the banner is empty but in the accessibility tree (not hidden).
    assert connection_banner(asha) == {"hidden": True, "text": "", "inTree": True}

    daemon.stop()
    wait_said(asha, "Connection lost – reconnecting…")
    wait_until(asha, lambda d: connection_banner(d)["text"] == "Connection lost – reconnecting…")
    daemon.start(daemon.port)
    wait_said(asha, "Reconnected")
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True}, timeout=40)
    log = said_log(asha)
    assert log.count("Connection lost – reconnecting…") == 1 and log.count("Reconnected") == 1, log
    # The banner is not a second live region saying the same (the announcer says it).
    assert asha.execute_script("return document.getElementById('connection-banner').getAttribute('aria-live')") == "off"
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


def test_a_turn_ended_under_the_speaker_is_said_to_them(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "A turn ended by the facilitator", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    ids = {name: page.execute_script("return window.reviewroom.model.you.id") for name, page in pages.items()}
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "floor.grant", {"participant": ids["Asha"]})
    wait_said(asha, "You have the floor")
    # Said in the region (GATHER_MS later) before the next message: messages said meanwhile are
    # read together, and CI once read "You have the floor. Your turn has ended" here.
    wait_until(asha, lambda d: d.execute_script("return document.querySelector('[role=alert]').textContent") == "You have the floor",
               message="the alert region never read 'You have the floor'")
    # The facilitator ends Asha's turn: she may still be talking, so she is told at once.
    assert "error" not in command(chair, "floor.release")
    wait_said(asha, "Your turn has ended")
    wait_until(asha, lambda d: d.execute_script("return document.querySelector('[role=alert]').textContent") == "Your turn has ended",
               message="the alert region never read 'Your turn has ended'")
    settled(ben)
    assert "Your turn has ended" not in said_log(ben)
    # Said once, in the alert region only (not also politely, read twice).
    settled(asha)
    assert sum("Your turn has ended" in line for line in said_log(asha)) == 1, said_log(asha)

    # In a round, a turn's time-up moves the floor on in the next event: Asha hears that her time
    # is over, once, not also that her turn ended.
    assert "error" not in command(chair, "round.start", {"order": [ids["Asha"], ids["Ben"]], "secondsEach": 10})
    wait_said(asha, "Your turn time is over")
    wait_said(asha, "Ben has the floor")
    said = said_log(asha)
    assert said[said.index("Your turn time is over"):].count("Your turn has ended") == 0, said
    assert browser_errors(asha) == [] and browser_errors(ben) == []


def test_others_signals_are_said_gathered_and_ones_own_are_not(daemon, facilitator, api_ready, browsers):
    """The signals list shows "Ben: Agree" to sighted people and was not a live region, so a
    screen reader heard nothing (WCAG 4.1.3). A burst is said as one message, by kind."""
    _, chair, pages = room_with(daemon, facilitator, browsers, "Signals are said", ["Asha", "Ben", "Cy"])
    asha, ben, cy = pages["Asha"], pages["Ben"], pages["Cy"]
    for page, kind in ((ben, "agree"), (cy, "agree"), (asha, "agree"), (cy, "slower")):
        assert "error" not in command(page, "signal", {"kind": kind})
    wait_said(chair, "Ben, Cy, and Asha: Agree. Cy: Slower, please")
    wait_said(asha, "Ben and Cy: Agree. Cy: Slower, please")
    # One's own is confirmed once it went through: the button does not change, the list is not live.
    wait_said(asha, "Sent: Agree")
    assert "Sent: Slower, please" not in said_log(asha) and "Sent: Slower, please" in said_log(cy)
    assert chair.execute_script("return document.querySelector('[role=alert]').textContent") == ""
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_a_phase_made_longer_or_shorter_is_said(daemon, facilitator, api_ready, browsers):
    """`clock.extend` makes the countdown jump; a screen reader heard nothing of it."""
    created, chair, pages = room_with(daemon, facilitator, browsers, "Extended", ["Asha"])
    asha = pages["Asha"]
    first = created["session"]["agenda"][0]["title"]
    assert "error" not in command(chair, "session.start")
    # The start names the first phase and its length, which no phase move says (an a11y probe).
    minutes = created["session"]["agenda"][0]["durationSec"] / 60
    wait_said(asha, f"The clock is running: the review has started. Now: {first}, "
                    + (f"{minutes:g} minutes" if minutes == int(minutes) else ""))
    assert "error" not in command(chair, "clock.extend", {"seconds": 300})
    wait_said(asha, f"5 minutes added to {first}")
    assert "error" not in command(chair, "clock.extend", {"seconds": -60})
    wait_said(asha, f"1 minute taken off {first}")
    assert "error" not in command(chair, "clock.extend", {"seconds": 90})
    wait_said(asha, f"1 minute 30 seconds added to {first}")
    # Pausing changes no length: only the pause is said.
    assert "error" not in command(chair, "clock.pause")
    wait_said(asha, "The clock is paused")
    settled(asha)
    assert sum("added to" in text or "taken off" in text for text in said_log(asha)) == 3, said_log(asha)
    assert browser_errors(asha) == []


def test_own_doings_are_said_as_ones_own_and_the_end_is_not_cut_off(daemon, facilitator, api_ready, browsers):
    """A probe with a screen reader's ears: the facilitator's own "Lower the hand of Asha" was said
    to them as "Asha lowered their hand"; "Finish my turn" echoed an alarm ("Your turn has
    ended") to the speaker while the facilitator heard nothing; and at the end of the review the
    speaker's alarm about the turn came with "The review has ended" and could cut it off."""
    _, chair, pages = room_with(daemon, facilitator, browsers, "Own doings", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    ids = {name: page.execute_script("return window.reviewroom.model.you.id") for name, page in pages.items()}
    assert "error" not in command(chair, "session.start")
    asha.find_element(By.ID, "raise-hand").click()
    wait_said(chair, "Asha raised a hand (1st)")
    assert "error" not in command(chair, "hand.lower", {"participant": ids["Asha"]})
    wait_said(chair, "You lowered Asha’s hand")
    wait_said(asha, "Your hand was lowered")
    assert "Asha lowered their hand" not in said_log(chair)

    assert "error" not in command(chair, "floor.grant", {"participant": ids["Asha"]})
    wait_said(asha, "You have the floor")
    wait_until(asha, lambda d: d.find_elements(By.ID, "release-floor"), message="no Finish my turn button")
    urgent = "return window.reviewroom.announcer.urgent.textContent"
    wait_until(asha, lambda d: "You have the floor" in d.execute_script(urgent), message="the floor was not said assertively")
    asha.find_element(By.ID, "release-floor").click()
    wait_said(asha, "You finished your turn")
    # "You have the floor" is not left in the assertive region for a reader to meet afterwards.
    assert "floor" not in asha.execute_script(urgent)
    wait_said(chair, "Asha’s turn has ended")
    settled(asha)
    settled(ben)
    assert "Your turn has ended" not in said_log(asha)
    assert not any("turn has ended" in text for text in said_log(ben)), said_log(ben)

    assert "error" not in command(chair, "floor.grant", {"participant": ids["Ben"]})
    wait_said(ben, "You have the floor")
    assert "error" not in command(chair, "session.end")
    wait_said(ben, "The review has ended")
    settled(ben)
    assert "Your turn has ended" not in said_log(ben), said_log(ben)
    assert ben.execute_script("return document.querySelector('[role=alert]').textContent") != "Your turn has ended"
    assert browser_errors(asha) == [] and browser_errors(ben) == [] and browser_errors(chair) == []


def test_the_speaker_of_a_timed_turn_hears_its_length_and_a_warning_before_it_runs_out(daemon, facilitator, api_ready, browsers):
    """A sighted speaker watches "Turn: 0:09 left"; a screen reader heard "You have the floor",
    then nothing until "Your turn time is over"."""
    _, chair, pages = room_with(daemon, facilitator, browsers, "Turn warning", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    asha_id = asha.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 20})
    wait_said(asha, "You have the floor for 20 seconds")
    wait_said(asha, "10 seconds left in your turn")
    assert "Your turn time is over" not in said_log(asha)  # the warning comes first
    wait_said(asha, "Your turn time is over")
    said = said_log(asha)
    assert said.count("10 seconds left in your turn") == 1, said
    assert asha.execute_script("return document.querySelector('[role=alert]').textContent") != "10 seconds left in your turn"
    settled(ben)
    assert "10 seconds left in your turn" not in said_log(ben) and "10 seconds left in your turn" not in said_log(chair)
    assert browser_errors(asha) == [] and browser_errors(ben) == [] and browser_errors(chair) == []


def test_the_facilitator_hears_who_joins(daemon, facilitator, api_ready, browsers):
    """The people list showed Asha coming online without a word: a blind facilitator waiting
    for everyone before starting heard nothing. Reviewers are not told."""
    created = schedule_via_api(daemon, facilitator, "Arrivals", ["Asha", "Ben"])
    chair, ben = browsers(), browsers()
    chair.get(facilitator_invite(created))
    joined(chair)
    ben.get(invite_of(created, "Ben"))
    joined(ben)
    wait_said(chair, "Ben joined")
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    wait_said(chair, "Asha joined")
    settled(ben)
    assert not any("joined" in text for text in said_log(ben)), said_log(ben)
    assert browser_errors(chair) == [] and browser_errors(ben) == [] and browser_errors(asha) == []


URGENT_SEEN = ("const region = document.querySelector('[role=alert]'); window.urgentSeen = [];"
               "new MutationObserver(() => window.urgentSeen.push(region.textContent))"
               ".observe(region, { childList: true, characterData: true, subtree: true });")
ANNOUNCER_IDLE = "return window.reviewroom.announcer.pending.size === 0"


def test_a_floor_call_heard_on_coming_back_is_taken_back_when_the_turn_ends(daemon, facilitator, api_ready, browsers):
    """An audit: given the floor while her tab was hidden, Asha heard "You have the floor, 1
    minute 30 seconds left" on coming back; after her own Finish it stayed in the alert region
    (only a live call was taken back)."""
    created, chair, pages = room_with(daemon, facilitator, browsers, "A call heard on return", ["Asha", "Ben"])
    asha = pages["Asha"]
    asha_id = asha.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "session.start")
    settled(asha)
    asha.execute_script("Object.defineProperty(document, 'hidden', { value: true, configurable: true })")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 90})
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.model.session.floor.speaker") == asha_id)
    asha.execute_script("Object.defineProperty(document, 'hidden', { value: false, configurable: true });"
                        "document.dispatchEvent(new Event('visibilitychange'))")
    wait_until(asha, lambda d: "You have the floor" in d.execute_script("return document.querySelector('[role=alert]').textContent"),
               message="the catch-up did not call Asha to speak")
    asha.find_element(By.ID, "release-floor").click()
    wait_said(asha, "You finished your turn")
    assert "You have the floor" not in asha.execute_script("return document.querySelector('[role=alert]').textContent")
    assert browser_errors(asha) == []


def test_a_turn_whose_call_was_never_said_has_no_end_said_either(daemon, facilitator, api_ready, browsers):
    """An audit: a turn given and ended within the announcer's gathering time (150 ms) left
    "You have the floor" unsaid, rightly, but then said "Your turn has ended" of a turn Asha was
    never told of. Both or neither, however quickly the two events come."""
    created, chair, pages = room_with(daemon, facilitator, browsers, "A turn in a blink", ["Asha", "Ben"])
    asha = pages["Asha"]
    asha_id = asha.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "session.start")
    settled(asha)
    asha.execute_script(URGENT_SEEN)
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id})
    assert "error" not in command(chair, "floor.release")
    settled(asha)
    wait_until(asha, lambda d: d.execute_script(ANNOUNCER_IDLE))
    seen = asha.execute_script("return window.urgentSeen")
    called = sum("You have the floor" in text for text in seen)
    ended = sum("Your turn has ended" in text for text in seen)
    assert (called, ended) in ((0, 0), (1, 1)), seen
    assert browser_errors(asha) == []
