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
