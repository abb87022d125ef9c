"""What a screen reader hears on the reviewer page (BrowserClient.md, "Accessibility decisions"):
the Announcer's polite live region gets the one-minute warning; its assertive one gets "You have
the floor" when the facilitator gives the reviewer the floor. The countdown itself is never read."""
import re

from conftest import browser_errors
from pages import command, invite_of, joined, participant_id, schedule_via_api, spoken_seconds, wait_until

POLITE = "[role=status][aria-live=polite]"
ASSERTIVE = "[role=alert][aria-live=assertive]"
# A first phase just over a minute long: the server's one-minute warning falls due a second after the start.
AGENDA = [{"title": "Warm-up round", "kind": "briefing", "durationSec": 61},
          {"title": "Evidence walk", "kind": "evidence", "durationSec": 600}]


def region(driver, selector):
    """The current text of one of the Announcer's live regions."""
    return driver.execute_script("const n = document.querySelector(arguments[0]); return n ? n.textContent : null;", selector)


def said(driver, selector, expected):
    """Waits until the region reads `expected`, alone or with what else was said within the
    announcer's GATHER_MS of it (one message, as a screen reader reads it)."""
    wait_until(driver, lambda d: expected in (region(d, selector) or ""),
               message=f"{selector} never said {expected!r} (says {region(driver, selector)!r})")


def start_with(daemon, facilitator, browsers, title):
    """A session with AGENDA, the facilitator's page and Asha's page joined; returns (created, chair, asha)."""
    created = schedule_via_api(daemon, facilitator, title, ["Asha"], agenda=AGENDA)
    chair, asha = browsers(), browsers()
    chair.get(next(i["url"] for i in created["invites"] if i["participant"]["role"] == "facilitator"))
    asha.get(invite_of(created, "Asha"))
    joined(chair)
    joined(asha)
    return created, chair, asha


def test_the_one_minute_warning_is_announced_politely(daemon, facilitator, api_ready, browsers):
    _, chair, asha = start_with(daemon, facilitator, browsers, "One-minute warning")
    assert region(asha, POLITE) == ""
    assert "error" not in command(chair, "session.start")
    said(asha, POLITE, "One minute left in Warm-up round")
    assert region(asha, ASSERTIVE) == ""  # a warning, not an alarm
    assert asha.execute_script("return document.querySelector('.countdown').getAttribute('aria-live')") == "off"
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_the_floor_given_to_a_reviewer_is_announced_assertively(daemon, facilitator, api_ready, browsers):
    created, chair, asha = start_with(daemon, facilitator, browsers, "Your turn")
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 120})
    said(asha, ASSERTIVE, "You have the floor for 2 minutes")
    # The facilitator's page hears who has the floor, politely (read with the start's news when
    # they come within GATHER_MS of each other).
    wait_until(chair, lambda d: (region(d, POLITE) or "").endswith("Asha has the floor"),
               message=f"the chair never heard 'Asha has the floor' (hears {region(chair, POLITE)!r})")
    assert region(chair, ASSERTIVE) == ""
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_the_speaker_hears_what_is_left_of_their_turn_when_the_clock_resumes(daemon, facilitator, api_ready, browsers):
    """A pause stops a timed turn (SessionRules.md): at the resume the speaker hears what is left
    of it, politely; a new length from the facilitator is said the same way. Nobody else hears it."""
    created, chair, asha = start_with(daemon, facilitator, browsers, "Turn after a pause")
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 120})
    said(asha, ASSERTIVE, "You have the floor for 2 minutes")
    assert "error" not in command(chair, "clock.pause")
    said(asha, POLITE, "The clock is paused")
    assert "error" not in command(chair, "clock.resume")
    # Said with the clock's news when they come together: "The clock is running. Your turn: 1 minute 58 seconds left".
    turn_left = re.compile(r"Your turn: ((?:\d+ (?:hour|minute|second)s? ?)+) left")
    wait_until(asha, lambda d: turn_left.search(region(d, POLITE) or ""),
               message=f"Asha never heard her turn's time left (hears {region(asha, POLITE)!r})")
    assert 0 < spoken_seconds(turn_left.search(region(asha, POLITE)).group(1)) <= 120, region(asha, POLITE)
    assert "Your turn" not in (region(chair, POLITE) or "")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 300})
    said(asha, POLITE, "Your turn: 5 minutes left")
    assert browser_errors(asha) == [] and browser_errors(chair) == []
