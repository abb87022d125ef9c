"""Refusals in plain words (BrowserClient.md, "Plain refusals"): two co-facilitators act at the
same moment and the one whose command comes second is told what happened, in the console's own
words — never an id, a command name or a 0-based phase number from the server's message."""
import re

from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import co_facilitator_console, hold_events, release_events, settle_for
from pages import click_when_ready, command, open_live_console, participant_id, schedule_via_api, set_value_of, wait_js

AGENDA = [{"title": title, "kind": "discussion", "durationSec": 600, "onTimeUp": "overtime"}
          for title in ("Welcome", "Discussion", "Reflection")]
REFUSAL = ".controls [data-testid=refusal]"


def refusal_reads(driver, text):
    """Waits until the console's refusal line, beside its controls, shows `text`; returns what it shows."""
    wait_js(driver, "const n = document.querySelector(arguments[0]); return n && n.offsetHeight > 0 && n.innerText === arguments[1];",
            REFUSAL, text, message=f"the refusal line never read {text!r} (it read "
            f"{driver.execute_script('return document.querySelector(arguments[0])?.innerText', REFUSAL)!r})")
    return driver.execute_script("return document.querySelector(arguments[0]).innerText", REFUSAL)


def plain(text):
    return not re.search(r"\b[ps]_[A-Za-z0-9]|\b(session|clock|phase|hand|floor|round|prompt)\.[a-z]|\bphase \d", text)


def test_a_co_facilitator_whose_command_came_second_reads_what_happened(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Plain refusals", ["Asha", "Bo"], agenda=AGENDA)
    asha = participant_id(created, "Asha")
    fran = browsers()
    open_live_console(fran, daemon.base, facilitator, "Plain refusals")
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    settle_for(cy, 0)
    click_when_ready(fran, "control-start")
    wait_js(cy, "return window.reviewroom.model.session.clock.status === 'live'")
    shown = []

    # Both press Next, twice: Fran's lands, Cy's was meant to move on from the phase Fran has just
    # left (it used to move the room on once more, skipping a phase; at the next-to-last phase it
    # found the last one).
    for left, now in (("1. Welcome", "2. Discussion"), ("2. Discussion", "3. Reflection")):
        hold_events(cy)
        assert "error" not in command(fran, "phase.next")
        click_when_ready(cy, "control-next")
        shown.append(refusal_reads(cy, f"The room had just moved to {now}, so your “Next phase” changed nothing "
                                       f"(it was meant to move on from {left})."))
        release_events(cy)
        wait_js(cy, "return window.reviewroom.model.session.clock.phase === arguments[0]", int(now[0]) - 1)
    # At the last phase, Next is refused as such (a command without the phase it meant, as an API client sends it).
    assert "at the last phase" in command(cy, "phase.next")["error"]

    # Fran gives the floor to the next hand just as Cy ends the turn she saw: Bo's new turn goes
    # on (it used to be ended 19 ms after it began, nobody told), and Cy is told why.
    bo = participant_id(created, "Bo")
    assert "error" not in command(fran, "floor.grant", {"participant": asha})
    assert "error" not in command(fran, "hand.raise", {"kind": "contribution", "participant": bo})
    wait_js(cy, "const f = window.reviewroom.model.session.floor; return f.speaker === arguments[0] && f.queue.length === 1", asha)
    hold_events(cy)
    assert "error" not in command(fran, "floor.next")
    click_when_ready(cy, "control-release")
    shown.append(refusal_reads(cy, "Bo had just been given the floor, so Asha’s turn had already ended and Bo’s goes on. "
                                   "To end it, use “End the turn” again."))
    release_events(cy)
    wait_js(cy, "return window.reviewroom.model.session.floor.speaker === arguments[0]", bo)

    # Fran starts a round just as Cy gives Asha the floor: the round decides, and Cy is told how to change that.
    hold_events(cy)
    assert "error" not in command(fran, "round.start", {"secondsEach": 90})
    set_value_of(cy, "control-grant-who", asha)
    click_when_ready(cy, "control-grant")
    shown.append(refusal_reads(cy, "A round is under way and it decides who speaks, so Asha was not given the floor. "
                                   "Use “Stop the round” first, or “Next speaker” to move the round on."))
    release_events(cy)
    wait_js(cy, "return !!window.reviewroom.model.session.floor.round")

    # Both press End: what Cy wanted has already happened. The round's refusal still lies over the
    # controls of Cy's scrolled panel (they never move under it): a tap puts it away first.
    cy.find_element(By.CSS_SELECTOR, ".controls [data-testid=refusal]").click()
    wait_js(cy, "return document.querySelector('.controls [data-testid=refusal]').textContent === ''")
    hold_events(cy)
    assert "error" not in command(fran, "session.end")
    cy.execute_script("window.confirm = () => true;")
    click_when_ready(cy, "control-end")
    shown.append(refusal_reads(cy, "The review had already been ended, so there was nothing more to do."))
    release_events(cy)
    wait_js(cy, "return window.reviewroom.model.session.clock.status === 'ended'")

    assert all(plain(text) for text in shown), shown
    # Said as well as shown (the announcer's log keeps what the line said).
    log = cy.execute_script("return window.reviewroom.announcer.log.slice()")
    assert all(text in log for text in shown), log
    assert browser_errors(fran) == [] and browser_errors(cy) == []
