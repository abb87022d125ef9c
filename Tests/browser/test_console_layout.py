"""The console's live view fits a 320 CSS px screen and 200 % zoom: nothing sticks out past the
viewport or is clipped, with long names, a round, the questions open and a hand up; and the
buttons that go away after use say where focus should go instead."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import (axe_problems, command, open_live_console, participant_id, schedule_via_api, sign_in, wait_js,
                   wait_until)

AGENDA = [{"title": "Evidence walk and learning conversations with the whole reviewing team", "kind": "evidence", "durationSec": 5400},
          {"title": "Feedback", "kind": "discussion", "durationSec": 600}]
PEOPLE = ["Asha Kowalczyk-Whitfield-Abernathy", "Ben", "Cai"]

# Every element of the page that reaches past the viewport's sides, or clips its content sideways.
OVERFLOW = """
const vw = document.documentElement.clientWidth; const out = [];
for (const n of document.querySelectorAll('main *, header *')) {
  if (n.closest('.visually-hidden, .skip-link, .cursor-layer')) continue;
  // (an empty element of no height, such as the quiet connection banner, hides nothing)
  const r = n.getBoundingClientRect(); if (!r.width || !r.height) continue;
  const cs = getComputedStyle(n);
  if (r.right > vw + 1 || r.left < -1) out.push(['beyond', n.tagName, n.id || n.className, Math.round(r.left), Math.round(r.right)]);
  // (a text field scrolls its own text: a long phase title in a narrow field is not clipped)
  else if (n.scrollWidth > n.clientWidth + 1 && ['hidden', 'clip'].includes(cs.overflowX) && !n.matches('input, textarea'))
    out.push(['clipped', n.tagName, n.id || n.className]);
}
return {vw, page: document.documentElement.scrollWidth, problems: out.slice(0, 8)};
"""


def test_the_live_view_fits_320_px_and_200_percent_zoom(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Reading for pleasure – rapid remote review with Northfield Primary",
                               PEOPLE, agenda=AGENDA, promptDeck="covid-recovery")
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Reading for pleasure – rapid remote review with Northfield Primary")
    asha = participant_id(created, PEOPLE[0])
    for kind, fields in (("session.start", {}), ("hand.raise", {"kind": "response", "participant": asha}),
                         ("hand.raise", {"kind": "contribution", "participant": participant_id(created, "Ben")})):
        assert command(console, kind, fields).get("error") is None
    # Found and clicked in one script: the console draws a burst of events twice (the second at
    # the next frame), and an element found between the two was stale by the click (a CI run).
    console.execute_script("[...document.querySelectorAll('summary')].find((s) => s.textContent.trim() === 'Questions').click()")
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-grant-{asha}"))
    for width, height, scale in ((320, 640, 1), (400, 800, 1), (683, 450, 2)):
        console.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
        wait_js(console, "return window.innerWidth === arguments[0]", width)
        result = console.execute_script(OVERFLOW)
        assert result["problems"] == [] and result["page"] <= result["vw"], (width, result)
    assert axe_problems(console) == []
    console.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert browser_errors(console) == []


def test_the_schedule_form_fits_320_px_and_200_percent_zoom(daemon, facilitator, api_ready, browsers):
    """WCAG 1.4.10 (reflow): the form with a template's agenda and a deck loaded. Its agenda
    fieldset was 494 px wide at 360 px (a fieldset is as wide as its widest row by default, and a
    template's long names widen its select), so the whole page scrolled sideways."""
    console = browsers()
    sign_in(console, daemon.base, facilitator)
    console.find_element(By.ID, "new-session").click()
    wait_until(console, lambda d: d.find_elements(By.CSS_SELECTOR, "form.schedule .edit-row"), message="no agenda rows")
    for width, height, scale in ((320, 640, 1), (360, 740, 1), (683, 450, 2)):
        console.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})
        wait_js(console, "return window.innerWidth === arguments[0]", width)
        result = console.execute_script(OVERFLOW)
        assert result["problems"] == [] and result["page"] <= result["vw"], (width, result)
    console.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert browser_errors(console) == []


def test_buttons_that_go_after_use_name_where_focus_goes(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Focus fallbacks", PEOPLE)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Focus fallbacks")
    ids = [participant_id(created, name) for name in PEOPLE]
    assert command(console, "session.start").get("error") is None
    for pid in ids[:2]:
        assert command(console, "hand.raise", {"kind": "contribution", "participant": pid}).get("error") is None
    assert command(console, "floor.grant", {"participant": ids[2], "turnSec": 60}).get("error") is None
    wait_until(console, lambda d: d.find_elements(By.ID, "control-release") and d.find_elements(By.ID, f"control-grant-{ids[1]}"))
    fallback = lambda element_id: console.execute_script(  # noqa: E731
        "const f = document.getElementById(arguments[0]).dataset.focusFallback; return f && document.getElementById(f) ? f : null;", element_id)
    # A hand's buttons that go by someone else's doing name the hands' heading (test_focus.py has
    # where focus goes after this console's own press: the next hand's same button).
    for pid in ids[:2]:
        assert fallback(f"control-grant-{pid}") == "control-hands-heading"
        assert fallback(f"control-lower-{pid}") == "control-hands-heading"
    assert console.find_element(By.ID, "control-hands-heading").get_attribute("tabindex") == "-1"
    assert fallback("control-release") == "control-next-speaker"
    assert fallback("control-end") == "controls-heading"
    assert console.find_element(By.ID, "controls-heading").get_attribute("tabindex") == "-1"
    assert browser_errors(console) == []
