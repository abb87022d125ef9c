"""A reviewer's connection drops while the clock runs, and meanwhile the facilitator pauses it
(BrowserClient.md, "Reconnecting"). Until the page is back it cannot know: the countdown goes on
from what it last knew, but the status line must say it is only that ("Last known: Running")
and the countdown is marked, on the reviewer's page and on the room display alike. Before, both
read "Running" through the whole drop and counted down a phase that had been paused. Back
online, the pause shows and the marks go."""
from selenium.webdriver.common.by import By

from conftest import errors_beside_reconnects
from pages import axe_problems, command, connection_banner, joined, wait_until
from room_helpers import proxied_room


def shows(driver, selector, expected, timeout=10):
    """Waits until the element's whole text is `expected` (wait_text would take "Last known: Running" for "Running")."""
    wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, selector).text == expected, timeout,
               f"{selector} never showed {expected!r} (shows {driver.find_element(By.CSS_SELECTOR, selector).text!r})")


def countdown_marked(driver, selector):
    return driver.execute_script("return document.querySelector(arguments[0]).classList.contains('stale')", selector)


def test_a_lost_connection_shows_the_clock_as_last_known(proxied, browsers):
    daemon, proxy, facilitator = proxied
    created, chair, asha = proxied_room(proxied, browsers, "Clock while offline", ["Asha"])
    # The room's display, invited as one (the display page refuses any other role's link).
    status, hall = daemon.api("POST", f"/sessions/{created['session']['id']}/participants", facilitator,
                              {"name": "Hall", "role": "display"})
    assert status == 201, hall
    room = browsers()
    room.get(hall["url"].replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(room)
    assert "error" not in command(chair, "session.start")
    shows(asha, "[data-testid=clock-status]", "Running")
    shows(room, ".display-status", "Running")
    assert not countdown_marked(asha, ".countdown") and not countdown_marked(room, ".display-countdown")

    proxy.cut()
    for page in (asha, room):
        wait_until(page, lambda d: connection_banner(d)["text"] != "", message="the page never noticed its network went")
    shows(asha, "[data-testid=clock-status]", "Last known: Running")
    shows(room, ".display-status", "Last known: Running")
    assert countdown_marked(asha, ".countdown") and countdown_marked(room, ".display-countdown")
    assert "error" not in command(chair, "clock.pause")
    # Still only what was last known: nothing has reached these pages.
    assert asha.find_element(By.CSS_SELECTOR, "[data-testid=clock-status]").text == "Last known: Running"
    assert axe_problems(asha) == []

    proxy.mend()
    shows(asha, "[data-testid=clock-status]", "Paused", timeout=40)
    shows(room, ".display-status", "Paused", timeout=40)
    wait_until(asha, lambda d: not countdown_marked(d, ".countdown"), message="the countdown is still marked as last known")
    wait_until(room, lambda d: not countdown_marked(d, ".display-countdown"), message="the display's countdown is still marked")
    for page in (asha, room):
        assert errors_beside_reconnects(page) == []
