"""Keyboard focus is visible on the schedule form's date and time fields all the way through
(BrowserClient.md, "Keyboard and screen readers"). Chromium tabs from a date field's year into
its calendar button (and from a time field's last part into its clock button), inside the field:
the field is then `:focus-within` but not `:focus-visible`, so the console's focus ring went
away exactly there and a keyboard user could not see where they were."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import sign_in, wait_until

# Where the active element is a date or time field whose own button (in its shadow tree) has focus.
IN_PICKER_BUTTON = ("const n = document.activeElement;"
                    "return n.id === arguments[0] && n.matches(':focus-within') && !n.matches(':focus-visible');")
OUTLINE = ("const st = getComputedStyle(document.activeElement);"
           "return [st.outlineStyle, parseFloat(st.outlineWidth), st.outlineColor];")


def tab_into_picker_button(driver, field_id, presses=8):
    """Presses Tab from the field before `field_id` until focus is on the field's picker button;
    the number of presses, or None if the button was never reached."""
    driver.execute_script(
        "const all = [...document.querySelectorAll('input, select, textarea, button')];"
        "all[all.indexOf(document.getElementById(arguments[0])) - 1].focus();", field_id)
    for press in range(1, presses + 1):
        driver.switch_to.active_element.send_keys(Keys.TAB)
        if driver.execute_script(IN_PICKER_BUTTON, field_id):
            return press
    return None


def test_the_calendar_and_clock_buttons_show_the_focus_ring(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-date"))
    ring = driver.execute_script("return getComputedStyle(document.body).getPropertyValue('--focus')").strip()
    # The ring every other control shows, for comparison: on the date field's first part.
    driver.execute_script("document.getElementById('schedule-date').focus()")
    expected = driver.execute_script(OUTLINE)
    assert expected[0] == "solid" and expected[1] >= 2, expected

    assert tab_into_picker_button(driver, "schedule-date") is not None, "Tab never reached the calendar button"
    style, width, colour = driver.execute_script(OUTLINE)
    assert style == "solid" and width >= 2, f"the calendar button has focus but its field shows {style} {width}px ({ring})"
    assert [style, width, colour] == expected
    # The time field's clock button likewise.
    assert tab_into_picker_button(driver, "schedule-time") is not None, "Tab never reached the clock button"
    assert driver.execute_script(OUTLINE) == expected
    assert browser_errors(driver) == []
