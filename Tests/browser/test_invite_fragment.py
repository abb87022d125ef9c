"""A second invite link opened in a tab already on `/join` or `/display` is a same-document
(fragment) navigation: no page load. PROTOCOL.md §3.1: the client takes the token from the
fragment and removes it from the address bar. The page must do that for the new token too and
become the new link's person, not stay the first one with the token left in the address bar."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, wait_until


def schedule_with(daemon, facilitator, title, people):
    """A session with `people` as (name, role) pairs; returns the 201 body."""
    return schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90", promptDeck="covid-recovery",
                            participants=[{"name": name, "role": role} for name, role in people])


def you(driver):
    return driver.execute_script("const r = window.reviewroom; return r && r.model.you ? r.model.you.name : null;")


def switches_to_second_link(driver, first, second, storage_key, second_name):
    driver.get(first)
    joined(driver)
    assert "#" not in driver.current_url
    # The same tab, the second link: only the fragment differs from the page's URL.
    driver.get(second)
    wait_until(driver, lambda d: you(d) == second_name and d.execute_script(
        "return window.reviewroom.connection.online"), timeout=20,
        message=f"the page stayed {you(driver)!r} after the second link (address bar: {driver.current_url})")
    token = second.split("#", 1)[1]
    assert token not in driver.current_url and "#" not in driver.current_url
    assert driver.execute_script("return location.hash") == ""
    assert driver.execute_script("return sessionStorage.getItem(arguments[0])", storage_key) == token
    assert browser_errors(driver) == []


def test_a_second_join_link_in_the_same_tab_joins_as_its_person_and_leaves_the_address_bar(daemon, facilitator, api_ready, browsers):
    created = schedule_with(daemon, facilitator, "Second link, join", [("Asha", "reviewer"), ("Ben", "observer")])
    switches_to_second_link(browsers(), invite_of(created, "Asha"), invite_of(created, "Ben"), "reviewroom.join.token", "Ben")


def test_a_second_display_link_in_the_same_tab_joins_as_its_screen_and_leaves_the_address_bar(daemon, facilitator, api_ready, browsers):
    created = schedule_with(daemon, facilitator, "Second link, display",
                            [("Asha", "reviewer"), ("Hall screen", "display"), ("Library screen", "display")])
    first, second = invite_of(created, "Hall screen"), invite_of(created, "Library screen")
    assert "/display#" in first and "/display#" in second
    switches_to_second_link(browsers(), first, second, "reviewroom.display.token", "Library screen")


def test_a_malformed_second_link_is_still_taken_out_of_the_address_bar(daemon, facilitator, api_ready, browsers):
    created = schedule_with(daemon, facilitator, "Second link, malformed", [("Asha", "reviewer")])
    page = browsers()
    page.get(invite_of(created, "Asha"))
    joined(page)
    # A stray `%` (a mangled paste) is not percent-encoding: decodeURIComponent throws on it.
    bad = "%E0%A4%Azz"
    page.get(page.current_url + "#" + bad)
    wait_until(page, lambda d: "#" not in d.current_url and d.find_elements(By.ID, "notice-heading"),
               message=f"the malformed fragment stayed in the address bar: {page.current_url}")
    assert page.execute_script("return sessionStorage.getItem('reviewroom.join.token')") is None
