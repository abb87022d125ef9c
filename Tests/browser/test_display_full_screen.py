"""The display's Full screen button (a display audit): a room's laptop that opens the display
in Chrome's kiosk mode (`--kiosk`) already shows it full screen, and still offered a button that
does nothing there, in the room's view. It is offered in a window, and not when the page is
already shown full screen, by the browser or by the button itself."""
import pytest

from conftest import browser_errors
from driver_pool import discard, new_driver
from pages import invite_of, joined, schedule_via_api, wait_until

# The button as shown: null when the page has none (a browser without the Fullscreen API).
BUTTON = ("const b = document.querySelector('.display-fullscreen');"
          "return b && {shown: b.getClientRects().length > 0, fullScreen: matchMedia('(display-mode: fullscreen)').matches};")


@pytest.fixture
def kiosk():
    """Chromium started as a room's laptop is in kiosk mode; quit at the end (never pooled)."""
    driver = new_driver("--kiosk", full=True)
    yield driver
    discard(driver)


@pytest.mark.full_chromium
def test_the_full_screen_button_is_offered_in_a_window_and_not_in_kiosk_mode(daemon, facilitator, api_ready, browsers, kiosk):
    created = schedule_via_api(daemon, facilitator, "A room in kiosk mode", [], template="rapid-remote-90",
                               participants=[{"name": "Hall", "role": "display"}])
    window = browsers()
    for driver in (window, kiosk):
        driver.get(invite_of(created, "Hall"))
        joined(driver)
    assert window.execute_script(BUTTON) == {"shown": True, "fullScreen": False}, "a window lost its Full screen button"
    assert kiosk.execute_script(BUTTON) == {"shown": False, "fullScreen": True}, \
        f"kiosk mode (already full screen) still shows the Full screen button: {kiosk.execute_script(BUTTON)}"
    # The window made full screen (as the button does) drops the button too, and gets it back after.
    window.fullscreen_window()
    wait_until(window, lambda d: d.execute_script(BUTTON) == {"shown": False, "fullScreen": True},
               message="full screen still shows the Full screen button")
    window.execute_script("document.exitFullscreen()")
    wait_until(window, lambda d: d.execute_script(BUTTON) == {"shown": True, "fullScreen": False},
               message="leaving full screen did not bring the Full screen button back")
    assert browser_errors(window) == [] and browser_errors(kiosk) == []
