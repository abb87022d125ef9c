"""The notes' tabs (BrowserClient.md, note-panels.js): one tab per note in a tablist; the
selected tab is the one Tab reaches and shows its panel; ←/→ move to the previous/next tab
(wrapping), Home/End to the first/last, and a click selects a tab."""
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, wait_until

STATE = """
return [...document.querySelectorAll('[role=tab]')].map((tab) => [tab.id, tab.getAttribute('aria-selected'), tab.tabIndex,
  document.getElementById(tab.getAttribute('aria-controls')).hidden, document.activeElement === tab]);
"""


def selected(driver):
    """The id of the selected tab, after checking that it alone is selected, reachable and shown."""
    state = driver.execute_script(STATE)
    chosen = [tab for tab in state if tab[1] == "true"]
    assert len(chosen) == 1, state
    for tab_id, on, index, hidden, _ in state:
        assert (index, hidden) == ((0, False) if on == "true" else (-1, True)), state
    return chosen[0][0]


def test_arrow_keys_home_end_and_clicks_move_between_the_notes_tabs(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Tabs", ["Asha"])
    ids = [f"tab-{n['id']}" for n in created["session"]["notes"]]
    assert len(ids) >= 3, created["session"]["notes"]
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    wait_until(asha, lambda d: len(d.execute_script(STATE)) == len(ids), message="the notes' tabs never showed")
    assert selected(asha) == ids[0]
    tab = asha.find_element("id", ids[0])
    tab.click()
    for key, expected in ((Keys.ARROW_RIGHT, ids[1]), (Keys.ARROW_RIGHT, ids[2]), (Keys.ARROW_LEFT, ids[1]),
                          (Keys.END, ids[-1]), (Keys.ARROW_RIGHT, ids[0]), (Keys.ARROW_LEFT, ids[-1]), (Keys.HOME, ids[0])):
        asha.switch_to.active_element.send_keys(key)
        assert selected(asha) == expected, (key, asha.execute_script(STATE))
        assert asha.execute_script("return document.activeElement.id") == expected
    asha.find_element("id", ids[1]).click()
    assert selected(asha) == ids[1]
    assert browser_errors(asha) == []
