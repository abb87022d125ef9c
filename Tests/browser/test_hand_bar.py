"""A reviewer on a phone (a probe at 360 x 740): "Raise hand" sat at 825 px, under the title, the
focus and the Now panel, and the notes they typed in were 2,000 px further down. While the Floor
panel's button is out of sight, a bar at the foot of a narrow screen carries the same toggle
with the phase's time (BrowserClient.md, "The hand on a phone"). It is for touch: hidden from
screen readers and the tab order, which have the panel's button and Alt+Shift+H."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import command, participant_id, run_in_page, schedule_via_api, wait_js, wait_until
from room_helpers import my_hand, open_pages

BAR = ("const b = document.querySelector('[data-testid=hand-bar]');"
       "const r = b.getBoundingClientRect(), button = b.querySelector('button');"
       "return { shown: getComputedStyle(b).display !== 'none' && r.height > 0, top: r.top, bottom: r.bottom,"
       "  height: innerHeight, status: b.querySelector('.hand-bar-status').textContent, button: button.textContent,"
       "  ariaHidden: b.getAttribute('aria-hidden'), tabindex: button.getAttribute('tabindex') };")
CUE_SHOWN = "return !document.querySelector('[data-testid=personal-cue]').hidden"
CUE_BOTTOM = ("const c = document.querySelector('[data-testid=personal-cue]');"
              "return c.hidden ? null : c.getBoundingClientRect().bottom")
PANEL_BUTTON_TOP = "return document.getElementById('raise-hand').getBoundingClientRect().top"


def metrics(driver, width, height, scale=1):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})


def bar(driver):
    return driver.execute_script(BAR)


def bar_shows(driver, shown=True, **expected):
    def matches(d):
        b = bar(d)
        return b if b["shown"] == shown and all(b[k] == v for k, v in expected.items()) else None
    return wait_until(driver, matches, message=f"the hand bar is not {'shown' if shown else 'hidden'} with {expected}: {bar(driver)}")


def test_on_a_phone_the_hand_is_at_the_foot_of_the_screen_while_the_floor_panel_is_out_of_sight(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A hand on a phone", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    metrics(asha, 360, 740)
    asha.execute_script("window.scrollTo(0, 0)")
    assert asha.execute_script(PANEL_BUTTON_TOP) > 740, "the floor panel's button is on the first screen: nothing to test"
    shown = bar_shows(asha, button="Raise hand")
    assert shown["bottom"] <= 740 + 0.5 and shown["bottom"] > 700, shown  # at the foot of the screen
    assert ":" in shown["status"], shown  # the phase's time
    assert shown["ariaHidden"] == "true" and shown["tabindex"] == "-1", shown  # readers and keys use the panel's
    # The signals, which answer whoever speaks, come under the question, not under the long agenda.
    tops = asha.execute_script("return ['prompt', 'signals', 'agenda'].map((p) => document.getElementById(p + '-heading').getBoundingClientRect().top)")
    assert tops[0] < tops[1] < tops[2], tops

    # A tap raises the hand, as the panel's button would, and the bar says where it stands.
    asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar] button").click()
    wait_until(asha, lambda d: my_hand(d), message="the bar's button raised no hand")
    bar_shows(asha, button="Lower hand")
    assert bar(asha)["status"].startswith("Hand up, 1st in the queue · "), bar(asha)
    assert asha.find_element(By.ID, "raise-hand").text == "Lower hand"
    asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar] button").click()
    wait_until(asha, lambda d: my_hand(d) is None, message="the bar's button did not lower the hand")
    bar_shows(asha, button="Raise hand")

    # With no hand up the bar offers a direct response too, which jumps the plain queue; with a
    # hand up only the toggle.
    assert "error" not in command(chair, "hand.raise", {"kind": "contribution", "participant": chair.execute_script("return window.reviewroom.model.you.id")})
    respond = asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar-second]")
    assert respond.is_displayed() and respond.text == "Respond" and respond.get_attribute("tabindex") == "-1"
    bars = asha.execute_script("return [...document.querySelectorAll('[data-testid=hand-bar] button')].map((b) => b.getBoundingClientRect().right)")
    assert max(bars) <= 360 + 0.5, bars  # both fit the phone's width
    metrics(asha, 320, 640)  # and a small phone's, on one line: a taller bar would cover the cue
    small = bar_shows(asha, button="Raise hand")
    bars = asha.execute_script("return [...document.querySelectorAll('[data-testid=hand-bar] button')].map((b) => b.getBoundingClientRect().right)")
    assert max(bars) <= 320 + 0.5 and small["bottom"] - small["top"] <= 72, (bars, small)
    metrics(asha, 360, 740)
    respond.click()
    wait_until(asha, lambda d: (my_hand(d) or {}).get("kind") == "response", message="the bar's Respond raised no response")
    bar_shows(asha, button="Lower hand")
    assert bar(asha)["status"].startswith("Hand up, 1st in the queue · "), bar(asha)  # ahead of the chair's contribution
    assert not respond.is_displayed()
    asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar] button").click()
    wait_until(asha, lambda d: my_hand(d) is None, message="the bar's button did not lower the response")
    assert "error" not in command(chair, "hand.lower", {"participant": chair.execute_script("return window.reviewroom.model.you.id")})
    bar_shows(asha, button="Raise hand")

    # With the panel's own button in sight the bar goes; scrolled away, it is back.
    asha.execute_script("document.getElementById('raise-hand').scrollIntoView({block: 'center'})")
    bar_shows(asha, shown=False)
    note = created["session"]["notes"][0]["id"]
    asha.execute_script("document.getElementById('note-' + arguments[0]).scrollIntoView({block: 'center'})", note)
    bar_shows(asha)
    # Paused, the bar's time says so; resumed, it is the time alone again.
    assert "error" not in command(chair, "clock.pause")
    wait_until(asha, lambda d: bar(d)["status"].startswith("Paused, ") and bar(d)["status"].endswith(" left"), message=f"the bar hides the pause: {bar(asha)}")
    assert "error" not in command(chair, "clock.resume")
    wait_until(asha, lambda d: ":" in bar(d)["status"] and "Paused" not in bar(d)["status"], message=f"the bar still says paused: {bar(asha)}")

    # Given the floor while typing: the bar becomes the cue ("You have the floor", its turn's
    # time) and offers "Finish my turn", as the panel does; the cue itself stays away.
    asha.execute_script("document.getElementById('note-' + arguments[0]).focus()", note)
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 60})
    speaking = bar_shows(asha, button="Finish my turn")
    assert speaking["status"].startswith("You have the floor · Turn: ") and "left" in speaking["status"], speaking
    assert asha.execute_script(CUE_SHOWN) is False, "the cue repeats what the bar says"
    asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar] button").click()
    wait_js(asha, "return window.reviewroom.model.session.floor.speaker === null", message="the bar's button did not end the turn")
    # The tap left focus in the note being typed in, not on the bar, which is aria-hidden.
    assert asha.execute_script("return document.activeElement.id") == f"note-{note}"
    bar_shows(asha, button="Raise hand")
    # In a round the speaker's bar offers "Finish my turn" and, beside it, "Pass" (finishing
    # early is not passing); the second button passes.
    asha_id, chair_id = participant_id(created, "Asha"), chair.execute_script("return window.reviewroom.model.you.id")
    assert "error" not in command(chair, "round.start", {"order": [asha_id, chair_id], "secondsEach": 60})
    bar_shows(asha, button="Finish my turn")
    second = asha.find_element(By.CSS_SELECTOR, "[data-testid=hand-bar-second]")
    assert second.is_displayed() and second.text == "Pass", second.text
    # On a small phone the status has a row of its own over the two buttons: squeezed beside
    # them it was seven lines, a bar of 186 px of 640.
    metrics(asha, 320, 640)
    small = bar_shows(asha, button="Finish my turn")
    status_width = asha.execute_script("return document.querySelector('.hand-bar-status').getBoundingClientRect().width")
    assert small["bottom"] - small["top"] <= 120 and status_width > 250, (small, status_width)
    metrics(asha, 360, 740)
    # On the panel "Finish my turn" and "Pass" share a line (at 360 px "Pass" wrapped alone),
    # after "Raise hand", which keeps its place.
    tops = asha.execute_script(
        "return ['raise-hand', 'release-floor', 'pass'].map((id) => Math.round(document.getElementById(id).getBoundingClientRect().top))")
    assert tops[1] == tops[2] and tops[0] <= tops[1], tops
    second.click()
    wait_js(asha, "return window.reviewroom.model.session.floor.speaker !== arguments[0]", asha_id, message="the bar's Pass did not pass")
    assert asha.execute_script("return window.reviewroom.model.session.floor.round.passed") == [asha_id]
    assert "error" not in command(chair, "round.stop")
    bar_shows(asha, button="Raise hand")

    # A one-off cue (a question shown) goes above the bar, not under it.
    question = created["session"]["prompts"]["deck"][0]
    assert "error" not in command(chair, "prompt.show", {"prompt": question["id"]})
    cue = wait_until(asha, lambda d: d.execute_script(CUE_BOTTOM), message="no cue for the question")
    assert cue <= bar(asha)["top"] + 0.5, (cue, bar(asha))
    # Also over a bar of three lines: a timed turn's status wraps on a 320 px phone, and the bar
    # then covered the cue's last line.
    metrics(asha, 320, 640)
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 90})
    tall = bar_shows(asha, button="Finish my turn")
    assert tall["bottom"] - tall["top"] > 72, ("the status fits one line: nothing to test", tall)
    assert "error" not in command(chair, "prompt.show", {"prompt": created["session"]["prompts"]["deck"][1]["id"]})
    wait_until(asha, lambda d: (d.execute_script(CUE_BOTTOM) or 1e9) <= bar(d)["top"] + 0.5,
               message=f"the cue is under the bar: {asha.execute_script(CUE_BOTTOM)} vs {bar(asha)}")
    assert "error" not in command(chair, "floor.release")
    metrics(asha, 360, 740)

    # The end takes the hand away, and the bar with it.
    assert "error" not in command(chair, "session.end")
    bar_shows(asha, shown=False)
    assert browser_errors(asha) == []


def test_the_bar_is_only_for_a_narrow_screen_tall_enough_to_spare_it(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A hand on other screens", [], template="rapid-remote-90",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Olu", "role": "observer"}])
    chair, (asha, olu) = open_pages(created, browsers, ["Asha", "Olu"])
    assert "error" not in command(chair, "session.start")
    note = created["session"]["notes"][0]["id"]
    to_the_notes = "document.getElementById('note-' + arguments[0]).scrollIntoView({block: 'end'})"
    metrics(asha, 360, 740)
    asha.execute_script(to_the_notes, note)
    bar_shows(asha)
    # A desktop, with the floor panel scrolled away as well: no bar.
    metrics(asha, 1280, 700)
    asha.execute_script(to_the_notes, note)
    wait_js(asha, PANEL_BUTTON_TOP + " < 0")
    bar_shows(asha, shown=False)
    # A desktop at 400 % (320 x 200 CSS px): a bar would take a third of the screen.
    metrics(asha, 320, 200, 4)
    asha.execute_script(to_the_notes, note)
    bar_shows(asha, shown=False)
    # An observer raises no hand, so gets no bar; nor does the facilitator, who runs the floor.
    for page in (olu, chair):
        metrics(page, 360, 740)
        page.execute_script(to_the_notes, note)
        wait_js(page, "return window.scrollY > 300")
        bar_shows(page, shown=False)
    assert browser_errors(asha) == []


def test_what_the_bar_says(daemon, browsers):
    driver = browsers()
    said = run_in_page(driver, daemon, "import('/js/hand-bar.js').then(({ handBarState: s }) => {"
                       "  const away = () => false, seen = (action) => action === 'hand';"
                       "  done(["
                       "  s({ canRaise: true, panelButtonInView: away, place: 0, countdown: '12:00', refusal: '' }),"
                       "  s({ canRaise: true, panelButtonInView: away, place: 2, countdown: '-0:30', refusal: '' }),"
                       "  s({ canRaise: true, panelButtonInView: away, place: 2, countdown: '1:00', refusal: 'Not sent: you are offline' }),"
                       "  s({ canRaise: true, panelButtonInView: away, place: 0, countdown: '1:00', refusal: '', speaking: { text: 'You have the floor', inRound: false } }),"
                       "  s({ canRaise: true, panelButtonInView: seen, place: 0, countdown: '1:00', refusal: '', speaking: { text: 'You have the floor', inRound: true } }),"
                       "  s({ canRaise: true, panelButtonInView: seen, place: 0, countdown: '1:00', refusal: '' }),"
                       "  s({ canRaise: false, panelButtonInView: away, place: 0, countdown: '1:00', refusal: '' }),"
                       "  s({ canRaise: true, panelButtonInView: away, place: 1, countdown: '17:06 left', refusal: '', paused: true })]); })")
    hand = {"action": "hand", "speaking": False, "second": None}
    assert said == [
        {**hand, "button": "Raise hand", "status": "12:00", "second": "respond"},  # "Direct response" beside it
        {**hand, "button": "Lower hand", "status": "Hand up, 2nd in the queue · -0:30"},
        {**hand, "button": "Lower hand", "status": "Not sent: you are offline"},  # what the last tap came to
        {"action": "release", "button": "Finish my turn", "status": "You have the floor", "speaking": True, "second": None},
        # In a round "Pass" beside it; the hand's button in sight is not Finish's.
        {"action": "release", "button": "Finish my turn", "status": "You have the floor", "speaking": True, "second": "pass"},
        None, None,
        # A paused clock says so: "17:06 left" standing still at the foot of the notes said nothing of why.
        {**hand, "button": "Lower hand", "status": "Hand up, 1st in the queue · Paused, 17:06 left"},
    ], said
