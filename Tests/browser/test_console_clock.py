"""The console's clock and agenda controls change what a reviewer's page shows: Pause freezes her
countdown and says "Paused", "+1 min" adds a minute to it (paused or running), Resume runs it again
to the same end as the console's, and "Go to phase" moves her to that phase's title and time."""
import re

from selenium.webdriver.common.by import By

from conftest import browser_errors
from room_helpers import said_log
from pages import (click_when_ready, countdown_end, invite_of, joined, open_live_console, schedule_via_api, set_value_of,
                   text_of, wait_js, wait_text, wait_until)

AGENDA = [{"title": "Context from the host", "kind": "briefing", "durationSec": 600},
          {"title": "Lesson visits", "kind": "evidence", "durationSec": 900},
          {"title": "Feedback conversation", "kind": "discussion", "durationSec": 1200}]


def shown_seconds(driver):
    """The reviewer's countdown ("m:ss left") in seconds, as read on the page."""
    text = text_of(driver, ".countdown") or ""
    match = re.fullmatch(r"(\d+):(\d\d) left", text.strip())
    assert match, f"the countdown shows {text!r}"
    return int(match[1]) * 60 + int(match[2])


def status_of(driver):
    return text_of(driver, ".clock-panel .status")


def test_pause_extend_resume_and_go_to_reach_the_reviewer(daemon, facilitator, api_ready, browsers):
    title = "Clock controls reach the room"
    created = schedule_via_api(daemon, facilitator, title, ["Asha"], agenda=AGENDA)
    console, asha = browsers(), browsers()
    open_live_console(console, daemon.base, facilitator, title)
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    wait_until(console, lambda d: d.find_element(By.ID, "control-start")).click()
    wait_text(asha, ".clock-panel .status", "Running")
    wait_text(asha, "[data-testid=phase-title]", "Context from the host")
    # Her countdown runs (and has run long enough that a paused value differs from the phase length).
    wait_until(asha, lambda d: shown_seconds(d) <= 599, message=f"the countdown does not run: {text_of(asha, '.countdown')!r}")

    # Pause: the reviewer sees "Paused", hears it, and her countdown stops where the server stopped it.
    click_when_ready(console, "control-pause")
    wait_until(asha, lambda d: status_of(d) == "Paused", message=f"status shows {status_of(asha)!r}")
    wait_js(asha, "return document.querySelector('[role=status][aria-live=polite]').textContent.includes('The clock is paused')")
    left = asha.execute_script("return window.reviewroom.model.session.clock.remainingSec")
    assert 580 < left <= 599 and asha.execute_script("return window.reviewroom.model.session.clock.endsAt") is None
    wait_until(asha, lambda d: shown_seconds(d) == -(-left // 1), message="the paused countdown is not the server's")
    paused_at = shown_seconds(asha)

    # "+1 min" while paused: exactly a minute more on her page.
    click_when_ready(console, "control-extend-plus-60")
    wait_until(asha, lambda d: shown_seconds(d) == paused_at + 60,
               message=f"expected {paused_at + 60} s after +1 min, the page shows {text_of(asha, '.countdown')!r}")
    assert status_of(asha) == "Paused"
    # The console says its own minutes too (they carry the phase, as an Undo's extension does,
    # which alone is not said: it says "Back to …" when done).
    wait_until(console, lambda d: "1 minute added to Context from the host" in said_log(d),
               message=f"the console said {said_log(console)}")

    # Resume: running again, from where it was, to the same end as the console's.
    click_when_ready(console, "control-resume")
    wait_until(asha, lambda d: status_of(d) == "Running")
    wait_js(asha, "return !!window.reviewroom.model.session.clock.endsAt")
    # (a second of slack each way for the page's measured clock offset)
    assert paused_at + 60 - 3 <= shown_seconds(asha) <= paused_at + 61
    assert abs(countdown_end(asha) - countdown_end(console)) < 1000

    # "+1 min" while running moves her end time a minute later.
    before = countdown_end(asha)
    click_when_ready(console, "control-extend-plus-60")
    wait_until(asha, lambda d: abs(countdown_end(d) - before - 60000) < 1000,
               message="the reviewer's end time did not move a minute later")

    # Go to phase 3: her page shows its title, marks it current, says it, and counts down its 20 minutes.
    set_value_of(console, "control-goto", "2")
    click_when_ready(console, "control-goto-go")
    wait_text(asha, "[data-testid=phase-title]", "Feedback conversation")
    assert "Feedback conversation" in text_of(asha, ".agenda li[aria-current=step]")
    # As a screen reader reads it (textContent, no layout): "20 min now", not "20 minnow".
    assert asha.execute_script("return document.querySelector('.agenda li[aria-current=step]').textContent").endswith("20 min now")
    # Read with what else was said within GATHER_MS (the resume just before: "The clock is running").
    wait_js(asha, "return document.querySelector('[role=status][aria-live=polite]').textContent.includes('Now: Feedback conversation')")
    wait_until(asha, lambda d: 1200 - 5 <= shown_seconds(d) <= 1201, message=f"the countdown shows {text_of(asha, '.countdown')!r}")
    assert status_of(asha) == "Running"
    assert browser_errors(asha) == [] and browser_errors(console) == []
