"""Invite links shared from a tablet (a probe: only "Copy link", one person at a time, with a
round trip to the mail app for each). Where the browser has the system's share sheet
(`navigator.share`: tablets and phones), each link also has "Share link", which hands the
person's link to it; where it has none (most desktops), no such button is offered. The share
sheet is stubbed here, recording what it was given: headless Chromium has none."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import fill_schedule_form, sign_in, wait_until

STUB = """
window.__shared = [];
navigator.share = (data) => { window.__shared.push(data);
  return window.__shareCancels ? Promise.reject(new DOMException('cancelled', 'AbortError')) : Promise.resolve(); };
"""


def schedule_with(driver, title, person):
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-title"))
    fill_schedule_form(driver, title, person)
    return wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Copy link']"))


def test_a_link_goes_to_the_share_sheet_where_there_is_one(daemon, facilitator, api_ready, browsers):
    tablet = browsers()
    tablet.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STUB})
    sign_in(tablet, daemon.base, facilitator)
    schedule_with(tablet, "Shared from a tablet", "Asha")
    share = tablet.find_element(By.CSS_SELECTOR, "button[aria-label='Share link for Asha']")
    assert share.text == "Share link"
    link = tablet.find_element(By.CSS_SELECTOR, "input.invite-link[data-name='Asha']").get_attribute("value")
    share.click()
    wait_until(tablet, lambda d: "Link for Asha shared" in d.page_source, message="the share was not confirmed")
    shared = tablet.execute_script("return window.__shared")
    assert shared == [{"title": "Shared from a tablet", "text": "Asha: your link to join “Shared from a tablet” on ReviewRoom", "url": link}]
    # Cancelled in the sheet: nothing to say, nothing wrong.
    tablet.execute_script("window.__shareCancels = true")
    share.click()
    wait_until(tablet, lambda d: len(d.execute_script("return window.__shared")) == 2)
    assert "could not be shared" not in tablet.page_source
    assert browser_errors(tablet) == []

    desktop = browsers()
    sign_in(desktop, daemon.base, facilitator)
    schedule_with(desktop, "Scheduled at a desk", "Ben")
    assert desktop.find_elements(By.XPATH, "//button[normalize-space()='Share link']") == []


def link_of(driver, name):
    fields = driver.find_elements(By.CSS_SELECTOR, f"input.invite-link[data-name='{name}']")
    return fields[0].get_attribute("value") if fields else None


def test_a_duplicated_console_tab_follows_a_link_replaced_or_revoked_in_the_other(daemon, facilitator, api_ready, browsers):
    """A tabs probe: a console tab duplicated (its sessionStorage, and so its invite links, copied)
    went on offering Asha's old link after "New link" in the other tab, even after a reload."""
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    schedule_with(driver, "Two console tabs", "Asha")
    first = driver.current_window_handle
    old = link_of(driver, "Asha")
    driver.execute_script("window.open(location.href)")  # copies sessionStorage, as Duplicate does
    second = next(handle for handle in driver.window_handles if handle != first)
    driver.switch_to.window(second)
    wait_until(driver, lambda d: link_of(d, "Asha") == old, message="the duplicated tab did not list Asha's link")

    driver.switch_to.window(first)
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='New link for Asha']").click()
    wait_until(driver, lambda d: d.switch_to.alert).accept()
    new = wait_until(driver, lambda d: link_of(d, "Asha") not in (None, old) and link_of(d, "Asha"), message="no new link")
    driver.switch_to.window(second)
    wait_until(driver, lambda d: link_of(d, "Asha") == new, message=f"the other tab still offers {link_of(driver, 'Asha')!r}")
    driver.refresh()
    wait_until(driver, lambda d: link_of(d, "Asha") == new, message="after a reload the other tab offers the old link")

    driver.switch_to.window(first)
    driver.find_element(By.CSS_SELECTOR, "button[aria-label='Revoke the invite of Asha']").click()
    wait_until(driver, lambda d: d.switch_to.alert).accept()
    driver.switch_to.window(second)
    wait_until(driver, lambda d: link_of(d, "Asha") is None, message="the other tab still offers the revoked link")
    assert browser_errors(driver) == []


def test_an_invite_or_a_new_link_puts_focus_on_its_copy_button_and_copying_says_so_beside_it(daemon, facilitator, api_ready, browsers):
    """A usability audit: after "Invite" the page jumped to its top, the new row with its "Copy
    link" far below; and "copied" was said only at the top, off screen."""
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    schedule_with(driver, "Copy from the row", "Asha")
    wait_until(driver, lambda d: d.find_element(By.ID, "invite-name")).send_keys("Esi Mensah")
    driver.find_element(By.XPATH, "//input[@id='invite-name']/ancestor::form//button[@type='submit']").click()
    active = lambda d: d.execute_script("return document.activeElement.getAttribute('aria-label')")  # noqa: E731
    wait_until(driver, lambda d: active(d) == "Copy link for Esi Mensah", message=f"focus is on {active(driver)!r}")
    assert driver.execute_script("const r = document.activeElement.getBoundingClientRect();"
                                 "return r.top >= 0 && r.bottom <= innerHeight"), "the copy button is off screen"
    driver.switch_to.active_element.click()
    row = driver.find_element(By.CSS_SELECTOR, "li.invite-row:has(input.invite-link[data-name='Esi Mensah'])")
    wait_until(driver, lambda d: row.find_element(By.CSS_SELECTOR, ".copied-note").text in ("Copied", "Select the link and copy it"))

    driver.find_element(By.CSS_SELECTOR, "button[aria-label='New link for Asha']").click()
    wait_until(driver, lambda d: d.switch_to.alert).accept()
    wait_until(driver, lambda d: active(d) == "Copy link for Asha", message=f"focus is on {active(driver)!r}")
    assert browser_errors(driver) == []
