"""Helpers for the console tests: a started console, its holds, and two facilitators acting at the same moment."""
from selenium.webdriver.common.by import By

from pages import command, joined, open_live_console, schedule_via_api, wait_js, wait_until

AGENDA = [{"title": f"Phase {n}", "kind": "discussion", "durationSec": 600, "onTimeUp": "overtime"} for n in range(1, 5)]


def no_control_held(driver):
    """Waits until no console control waits for its command's answer or the pause after it."""
    wait_js(driver, "return !document.querySelector('.controls [aria-disabled=true]')")


def started_console(daemon, facilitator, browsers, title, people):
    """Schedules `title` (four ten-minute phases, `people` as reviewers), opens its live console
    and starts it. Returns (created, console)."""
    created = schedule_via_api(daemon, facilitator, title, people, agenda=AGENDA, promptDeck="covid-recovery")
    console = browsers()
    open_live_console(console, daemon.base, facilitator, title)
    assert "error" not in command(console, "session.start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console


def settle_for(driver, ms):
    """Sets how long this console's phase and floor controls wait after a change made elsewhere
    (`JustChanged`, a second): 0 for tests whose presses follow another client's command at once
    (a person would have taken that second to see it), a minute for tests of the wait itself, so
    that neither depends on how fast the machine is."""
    driver.execute_script("window.reviewroom.justChanged.settleMs = arguments[0]", ms)


def hold_events(driver):
    """From now on the page's connection keeps incoming events back (as a slow network would),
    so the page acts on what it showed before them."""
    driver.execute_script(
        "const c = window.reviewroom.connection; window.heldEvents = []; c.realOnEvent = c.handlers.onEvent;"
        "c.handlers.onEvent = (msg) => window.heldEvents.push(msg);")


def release_events(driver):
    """Hands the events held back since `hold_events` to the page, in order, and stops holding."""
    driver.execute_script(
        "const c = window.reviewroom.connection; c.handlers.onEvent = c.realOnEvent;"
        "for (const msg of window.heldEvents) c.handlers.onEvent(msg); window.heldEvents = [];")


def co_facilitator_room(daemon, facilitator, created, driver, name="Cy"):
    """Invites `name` as a facilitator of the session and opens their room page in `driver`
    (its connection sends their commands); returns the invite."""
    status, invite = daemon.api("POST", f"/sessions/{created['session']['id']}/participants", facilitator,
                                {"name": name, "role": "facilitator"})
    assert status == 201, invite
    driver.get(invite["url"])
    joined(driver)
    return invite


def co_facilitator_console(daemon, facilitator, created, driver, name="Cy"):
    """Invites `name` as a facilitator of the session and opens their console controls (from
    their room page's link) in `driver`; returns the invite."""
    invite = co_facilitator_room(daemon, facilitator, created, driver, name)
    wait_until(driver, lambda d: d.find_element(By.ID, "open-controls")).click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "controls-heading"))
    joined(driver)
    return invite
