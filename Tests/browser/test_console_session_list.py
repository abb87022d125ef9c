"""The console's session list (BrowserClient.md, "The session list"): grouped by where each
session stands, soonest first, and from eight sessions on a filter over titles and host schools
that says how many match (a trust's console gathers a year of reviews in one list)."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, schedule_via_api, sign_in, wait_until

GROUPS = ("return [...document.querySelectorAll('main .session-group:not([hidden])')].map((g) => ["
          "  g.querySelector('h2').textContent,"
          "  [...g.querySelectorAll('li:not([hidden]) button')].map((b) => b.textContent)])")


def test_sessions_are_grouped_soonest_first_and_a_filter_finds_one(daemon, facilitator, api_ready, browsers):
    schedule_via_api(daemon, facilitator, "Spring review", ["Asha"], minutes=60 * 24 * 90)
    schedule_via_api(daemon, facilitator, "Opening now", ["Asha"], minutes=2)
    for n in range(1, 7):
        schedule_via_api(daemon, facilitator, f"Cluster visit {n}", ["Asha"], minutes=60 * 24 * (30 + n), hostSchool="École Sainte-Anne",
                         template="rapid-remote-90", promptDeck="covid-recovery")
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.execute_script(GROUPS), message="no groups")
    groups = driver.execute_script(GROUPS)
    titles = [title for _, members in groups for title in members]
    # Other tests share the daemon: only this test's sessions are checked, in their order.
    mine = [t for t in titles if t in {"Spring review", "Opening now"} or t.startswith("Cluster visit")]
    assert mine == ["Opening now"] + [f"Cluster visit {n}" for n in range(1, 7)] + ["Spring review"]
    assert "Upcoming" in [name for name, _ in groups]
    assert "Opening now" in dict(groups)["Upcoming"]

    field = driver.find_element(By.ID, "sessions-filter")
    assert driver.find_element(By.CSS_SELECTOR, "label[for=sessions-filter]").text == "Find a session"
    field.send_keys("ecole visit 3")
    wait_until(driver, lambda d: d.execute_script(GROUPS) == [["Upcoming", ["Cluster visit 3"]]],
               message=f"the filter shows {driver.execute_script(GROUPS)!r}")
    count = driver.find_element(By.ID, "sessions-filter-count").text
    assert count.startswith("1 of ") and count.endswith(" sessions match."), count
    field.send_keys(" nowhere")
    wait_until(driver, lambda d: d.execute_script(GROUPS) == [], message="a query nothing matches still showed sessions")
    assert driver.find_element(By.ID, "sessions-filter-count").text.startswith("No session matches.")
    field.clear()
    field.send_keys(" ")
    wait_until(driver, lambda d: len([t for _, m in d.execute_script(GROUPS) for t in m]) == len(titles))
    assert driver.find_element(By.ID, "sessions-filter-count").text == ""
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []


ROWS = ("return [...document.querySelectorAll('main .session-row:not([hidden])')].map((row) => ["
        "  row.querySelector('button').textContent, row.querySelector('.meta').textContent])")


def test_a_workshop_is_marked_in_the_list_and_found_by_that_word(daemon, facilitator, api_ready, browsers):
    """A workshop's title is the facilitator's to change: the list says which sessions are
    post-review workshops, and the filter finds them by it."""
    review = schedule_via_api(daemon, facilitator, "Marked: March review", ["Asha"], minutes=60 * 24 * 20)
    schedule_via_api(daemon, facilitator, "Marked: findings day", [], minutes=60 * 24 * 27,
                     template="rapid-remote-90", followsSession=review["session"]["id"])
    for n in range(1, 7):
        schedule_via_api(daemon, facilitator, f"Marked: other {n}", ["Asha"], minutes=60 * 24 * (40 + n))
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.execute_script(ROWS), message="no sessions listed")
    rows = dict(driver.execute_script(ROWS))
    assert rows["Marked: findings day"].startswith("Post-review workshop · Northfield · "), rows["Marked: findings day"]
    assert "workshop" not in rows["Marked: March review"].lower(), rows["Marked: March review"]
    assert not any("workshop" in rows[f"Marked: other {n}"].lower() for n in range(1, 7)), rows

    hint = driver.find_element(By.ID, "sessions-filter").get_attribute("aria-describedby")
    assert "“workshop”" in driver.find_element(By.ID, hint).text, "the filter's hint says the word finds workshops"
    driver.find_element(By.ID, "sessions-filter").send_keys("marked workshop")
    wait_until(driver, lambda d: [title for title, _ in d.execute_script(ROWS)] == ["Marked: findings day"],
               message=f"the filter shows {driver.execute_script(ROWS)!r}")
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []
