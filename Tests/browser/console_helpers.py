"""Helpers for the console tests that play out two facilitators acting at the same moment."""
from selenium.webdriver.common.by import By

from pages import joined, wait_until


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


def co_facilitator_console(daemon, facilitator, created, driver, name="Cy"):
    """Invites `name` as a facilitator of the session and opens their console controls (from
    their room page's link) in `driver`; returns the invite."""
    status, invite = daemon.api("POST", f"/sessions/{created['session']['id']}/participants", facilitator,
                                {"name": name, "role": "facilitator"})
    assert status == 201, invite
    driver.get(invite["url"])
    joined(driver)
    wait_until(driver, lambda d: d.find_element(By.ID, "open-controls")).click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "controls-heading"))
    joined(driver)
    return invite
