"""The console's live controls take one command per intent: a double click (or two quick clicks,
the second landing on whatever replaced the first control) sends one command; controls that
cannot apply now are not offered; a refused command is reported, not lost."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import (axe_problems, click_when_ready, command, invite_of, joined, open_live_console, participant_id, schedule_via_api,
                   start_live_review, wait_js, wait_until)

AGENDA = [{"title": f"Phase {n}", "kind": "discussion", "durationSec": 600, "onTimeUp": "overtime"} for n in range(1, 5)]


def two_quick_clicks(driver, element_id, gap_ms=150):
    """Clicks the middle of `element_id`, then `gap_ms` later whatever is at that point then
    (as a person's second click of a double click lands on what replaced the first control)."""
    return driver.execute_async_script(
        "const [id, gap, done] = arguments;"
        "const node = document.getElementById(id); node.scrollIntoView({block: 'center'});"
        "const r = node.getBoundingClientRect(); const x = r.x + r.width / 2, y = r.y + r.height / 2;"
        "const click = (detail) => { const target = document.elementFromPoint(x, y);"
        "  target.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, detail, clientX: x, clientY: y})); return target.id; };"
        "const first = click(1);"
        "setTimeout(() => done([first, click(1)]), gap);", element_id, gap_ms)


def double_click(driver, element_id):
    node = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", node)
    ActionChains(driver).double_click(node).perform()


def session_of(driver):
    return driver.execute_script("return window.reviewroom.model.session")


def settled(driver):
    """Waits until no control is held (every command answered and its pause over)."""
    wait_js(driver, "return !document.querySelector('.controls [aria-disabled=true]')")


def test_double_clicks_send_one_command(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Double clicks", ["Asha", "Bo", "Cai"], agenda=AGENDA)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Double clicks")

    # Start, twice quickly: the second click lands on "Pause", which is held, so the session runs.
    two_quick_clicks(console, "control-start")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    settled(console)
    assert session_of(console)["clock"]["status"] == "live"

    # Pause by double click: paused, not paused-then-resumed.
    double_click(console, "control-pause")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'paused'")
    settled(console)
    assert session_of(console)["clock"]["status"] == "paused"
    two_quick_clicks(console, "control-resume")
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    settled(console)
    assert session_of(console)["clock"]["status"] == "live"

    # Next phase, double clicked, pressed again half a second later ("it did not react": a
    # usability audit saw that skip a phase), then clicked twice quickly: one phase each time.
    double_click(console, "control-next")
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 1")
    settled(console)
    two_quick_clicks(console, "control-next", gap_ms=600)
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 2")
    settled(console)
    assert session_of(console)["clock"]["phase"] == 2
    two_quick_clicks(console, "control-next")
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 3")
    settled(console)
    assert session_of(console)["clock"]["phase"] == 3

    # Three hands up; "Next speaker" twice quickly gives Asha the floor and keeps it hers.
    names = ["Asha", "Bo", "Cai"]
    pages = []
    for name in names:
        page = browsers()
        page.get(invite_of(created, name))
        joined(page)
        page.find_element(By.ID, "raise-hand").click()
        wait_js(console, "return window.reviewroom.model.session.floor.queue.length === arguments[0]", len(pages) + 1)
        pages.append(page)
    two_quick_clicks(console, "control-next-speaker")
    asha = participant_id(created, "Asha")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha)
    settled(console)
    floor = session_of(console)["floor"]
    assert floor["speaker"] == asha and [h["participant"] for h in floor["queue"]] == [participant_id(created, n) for n in ("Bo", "Cai")]

    # A round, started by double click, is running afterwards (not started then stopped).
    # Once the floor's pause after "Next speaker"'s answer is over: pressed within it, "End the
    # turn" was ignored (as a double click's second press is), and the round then asked first
    # about Asha's turn (CI once).
    click_when_ready(console, "control-release")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === null")
    settled(console)
    double_click(console, "control-round-start")
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    settled(console)
    assert session_of(console)["floor"]["round"] is not None
    # A bad length in the Turn field, typed for later, does not hold up a round's "Next speaker",
    # which does not use it.
    round_speaker = session_of(console)["floor"]["speaker"]
    console.find_element(By.ID, "control-turn").clear()
    console.find_element(By.ID, "control-turn").send_keys("5")
    console.find_element(By.ID, "control-next-speaker").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker !== arguments[0]", round_speaker)
    settled(console)
    # Enter on "Start a round", and Enter again a second later: focus is on "Stop the round" by
    # then, which does not stop the round just started.
    click_when_ready(console, "control-round-stop")
    wait_js(console, "return !window.reviewroom.model.session.floor.round")
    settled(console)
    console.find_element(By.ID, "control-round-start").send_keys(Keys.ENTER)
    again = console.execute_async_script(
        "const done = arguments[0]; setTimeout(() => { const f = document.activeElement; f.click(); done(f.id); }, 1000);")
    assert again == "control-round-stop", again
    settled(console)
    assert session_of(console)["floor"]["round"] is not None
    assert all(browser_errors(d) == [] for d in [console, *pages])


def test_controls_that_cannot_apply_are_not_offered_and_refusals_are_reported(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Not offered", ["Asha"], agenda=AGENDA, promptDeck="covid-recovery")
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Not offered")
    disabled = lambda ids: {i: console.find_element(By.ID, i).get_attribute("disabled") is not None for i in ids}  # noqa: E731
    before_start = ["control-prev", "control-next", "control-goto", "control-goto-go",
                    "control-extend-minus-300", "control-extend-minus-60", "control-extend-plus-60", "control-extend-plus-300"]
    assert disabled(before_start) == {i: True for i in before_start}
    assert axe_problems(console) == []

    console.find_element(By.ID, "control-start").click()
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    settled(console)
    assert disabled(before_start[1:]) == {i: False for i in before_start[1:]}
    assert disabled(["control-prev"]) == {"control-prev": True}  # at the first phase

    # Shortened to now, the phase goes into overtime: the minus buttons go, the plus ones stay.
    # Taking off all that is left ends the phase at once, so the second press asks first;
    # declined, nothing changes.
    console.find_element(By.ID, "control-extend-minus-300").click()
    wait_js(console, "return window.reviewroom.model.session.clock.durationSec === 300")
    settled(console)
    console.find_element(By.ID, "control-extend-minus-300").click()
    alert = console.switch_to.alert
    assert "taking 5 min off ends it now" in alert.text, alert.text
    alert.dismiss()
    settled(console)
    assert console.execute_script("return window.reviewroom.model.session.clock.durationSec") == 300
    console.find_element(By.ID, "control-extend-minus-300").click()
    console.switch_to.alert.accept()
    settled(console)
    wait_js(console, "return window.reviewroom.model.session.clock.remainingSec < 0 || "
            "window.reviewroom.model.remainingSec(window.reviewroom.connection.serverNow()) < 0")
    wait_until(console, lambda d: disabled(["control-extend-minus-60", "control-extend-minus-300"]) == {
        "control-extend-minus-60": True, "control-extend-minus-300": True})
    assert disabled(["control-extend-plus-60"]) == {"control-extend-plus-60": False}

    # In a round nobody can be given the floor by hand, not even someone whose hand is up.
    page = browsers()
    page.get(invite_of(created, "Asha"))
    joined(page)
    asha = participant_id(created, "Asha")
    assert disabled(["control-grant"]) == {"control-grant": False}
    console.find_element(By.ID, "control-round-start").click()
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    settled(console)
    assert command(console, "hand.raise", {"kind": "contribution", "participant": asha}).get("error") is None
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-grant-{asha}"))
    assert disabled(["control-grant", f"control-grant-{asha}"]) == {"control-grant": True, f"control-grant-{asha}": True}

    # A refused command is reported with the server's reason: a question past 2000 characters.
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    console.execute_script("const f = document.getElementById('control-new-question'); f.value = 'x'.repeat(2001);"
                           "f.dispatchEvent(new Event('input', {bubbles: true}));")
    deck = len(session_of(console)["prompts"]["deck"])
    console.find_element(By.ID, "control-add-question").click()
    wait_js(console, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.offsetHeight > 0 && n.innerText.includes('at most 2000 fit')",
            message="the refusal of the long question was never shown beside the controls")
    assert len(session_of(console)["prompts"]["deck"]) == deck
    assert console.find_element(By.ID, "control-new-question").get_attribute("value") == "x" * 2001

    # Shown, then the session ends: "Hide" is not offered any more.
    first = session_of(console)["prompts"]["deck"][0]["id"]
    assert command(console, "prompt.show", {"prompt": first}).get("error") is None
    wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Hide']"))
    assert command(console, "session.end").get("error") is None
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'ended'")
    hide = console.find_element(By.XPATH, "//button[normalize-space()='Hide']")
    assert hide.get_attribute("disabled") is not None
    assert axe_problems(console) == []
    assert browser_errors(console) == [] and browser_errors(page) == []
