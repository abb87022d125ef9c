"""Co-facilitation (PROTOCOL.md §3.2) from the browser: a facilitator invited by link, who cannot
open another facilitator's session from the console's sign-in, reaches the live controls from
their room page and runs the clock and the floor with them; reviewers are offered no such link."""
import pytest
from selenium.webdriver.common.by import By

from conftest import browser_errors
from console_helpers import co_facilitator_console, hold_events, no_control_held, release_events, settle_for, started_console
from pages import (axe_problems, click_when_ready, command, invite_of, joined, open_live_console, participant_id,
                   schedule_via_api, set_value_of, wait_js, wait_text, wait_until)
from room_helpers import said_log, settled

REFUSAL = "return (document.querySelector('.controls [data-testid=refusal]') || {}).innerText"
AGENDA = [{"title": f"Phase {n}", "kind": "discussion", "durationSec": 600, "onTimeUp": "overtime"} for n in range(1, 4)]


def started_by_two(daemon, facilitator, browsers, title, people):
    """A session of `people` started from Fran's console, with Cy's co-facilitator console open
    beside it: (the created session, Fran's driver, Cy's driver)."""
    created = schedule_via_api(daemon, facilitator, title, people, agenda=AGENDA)
    console = browsers()
    open_live_console(console, daemon.base, facilitator, title)
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    click_when_ready(console, "control-start")
    wait_js(cy, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console, cy


def hands_up(console, cy, people):
    """Raises the hands of `people`, in order, from Fran's console, and waits until Cy's shows them."""
    for person in people:
        assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": person})
    wait_js(cy, "return window.reviewroom.model.session.floor.queue.length === arguments[0]", len(people))


def test_a_co_facilitator_runs_the_review_from_the_console_controls(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Two chairs", ["Asha"], agenda=AGENDA, promptDeck="covid-recovery")
    session = created["session"]["id"]
    status, invite = daemon.api("POST", f"/sessions/{session}/participants", facilitator, {"name": "Cy", "role": "facilitator"})
    assert status == 201, invite
    asha_id = participant_id(created, "Asha")

    # A reviewer's room page offers no controls link.
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    assert asha.find_elements(By.ID, "open-controls") == []

    # Cy's room page links to the controls, which join as Cy with the invite (no API token asked for).
    cy = browsers()
    cy.get(invite["url"])
    joined(cy)
    wait_until(cy, lambda d: d.find_element(By.ID, "open-controls")).click()
    wait_until(cy, lambda d: d.find_elements(By.ID, "control-start"), message="the controls never opened for Cy")
    joined(cy)
    assert cy.execute_script("return window.reviewroom.model.you.name") == "Cy"
    assert cy.find_elements(By.ID, "facilitator-token") == []
    assert cy.current_url.endswith("/console#cofacilitate")  # no token in the address

    # Cy starts the review, raises a hand for Asha, gives her the floor and shows a question.
    click_when_ready(cy, "control-start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    set_value_of(cy, "control-grant-who", asha_id)
    click_when_ready(cy, "control-raise-for")
    wait_js(asha, "return window.reviewroom.model.session.floor.queue.length === 1")
    click_when_ready(cy, "control-next-speaker")
    wait_js(asha, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    cy.find_element(By.ID, "control-questions").click()
    first = created["session"]["prompts"]["deck"][0]
    wait_until(cy, lambda d: d.find_element(By.XPATH, f"//button[starts-with(@aria-label, 'Show to everyone: question 1,')]")).click()
    wait_js(asha, "return window.reviewroom.model.session.prompts.current === arguments[0]", first["id"])
    # Rewording needs the HTTP API, which an invite does not open: not offered.
    assert cy.find_elements(By.CSS_SELECTOR, "[id^=control-reword-]") == []
    assert axe_problems(cy) == []

    # Reloaded, the page is still Cy's controls; the nav leads back to the room page.
    cy.refresh()
    wait_until(cy, lambda d: d.find_elements(By.ID, "control-pause"))
    joined(cy)
    assert cy.execute_script("return window.reviewroom.model.you.name") == "Cy"
    cy.find_element(By.ID, "back-to-room").click()
    wait_until(cy, lambda d: d.find_elements(By.ID, "open-controls"))
    joined(cy)
    assert browser_errors(cy) == [] and browser_errors(asha) == []


def test_the_controls_without_an_invite_say_where_they_open_from_before_asking_for_a_token(daemon, api_ready, browsers):
    """An audit: /console#cofacilitate in a tab holding no invite (a bookmark, a link opened in a new
    tab) put focus on "Facilitator token", described by its hint only, and the reason sat in a live
    region after the Sign in button, drawn with its text in place: probably never read out, and a
    co-facilitator was asked for a token they do not have. The reason now comes first, takes
    focus, and describes the field."""
    page = browsers()
    page.get(daemon.base + "/console#cofacilitate")
    field = wait_until(page, lambda d: d.find_element(By.ID, "facilitator-token"))
    reason = wait_js(page, "const n = document.activeElement; return n !== document.body && n !== arguments[0] && n;", field,
                     message="focus stayed on the token field (or nowhere)")
    said = reason.text
    assert "no facilitator token" in said and "open your invite link in this tab" in said, said
    assert page.execute_script("return !!(arguments[0].compareDocumentPosition(arguments[1]) & Node.DOCUMENT_POSITION_FOLLOWING)",
                               reason, field), "the reason comes after the field it explains"
    described = page.execute_script(
        "return (arguments[0].getAttribute('aria-describedby') || '').split(' ').filter(Boolean)"
        ".map((id) => document.getElementById(id).textContent);", field)
    assert described[0] == said, described
    assert axe_problems(page) == []
    assert browser_errors(page) == []


def test_the_controls_stay_with_the_session_they_were_opened_for(daemon, facilitator, api_ready, browsers):
    """A tabs probe: Cy opened Alpha's controls, then her reviewer link for Beta in the same tab;
    Back and a reload showed Beta's room under the controls, joined as Cy the reviewer, every
    control on offer and refused at the first press, and "Back to the room page" opened Beta's."""
    alpha = schedule_via_api(daemon, facilitator, "Controls of Alpha", ["Asha"], agenda=AGENDA)
    beta = schedule_via_api(daemon, facilitator, "Room of Beta", ["Cy"], agenda=AGENDA)
    cy = browsers()
    co_facilitator_console(daemon, facilitator, alpha, cy)
    cy.get(invite_of(beta, "Cy"))
    joined(cy)
    assert cy.execute_script("return window.reviewroom.model.session.title") == "Room of Beta"

    cy.back()
    cy.refresh()
    wait_until(cy, lambda d: d.find_elements(By.ID, "controls-heading"), message="the controls did not open again")
    joined(cy)
    assert cy.execute_script("return [window.reviewroom.model.session.title, window.reviewroom.model.you.role]") == \
        ["Controls of Alpha", "facilitator"]
    cy.find_element(By.ID, "back-to-room").click()
    wait_until(cy, lambda d: d.find_elements(By.ID, "open-controls"), message="the way back did not reach Cy's Alpha room")
    assert cy.execute_script("return window.reviewroom.model.session.title") == "Controls of Alpha"

    # A link that is not a facilitator's, in a tab that never opened the controls: no controls.
    asha = browsers()
    asha.get(invite_of(alpha, "Asha"))
    joined(asha)
    asha.get(daemon.base + "/console#cofacilitate")
    heading = wait_until(asha, lambda d: d.find_elements(By.ID, "notice-heading"), message="a reviewer's link was given the controls")[0]
    assert heading.text == "These controls are for facilitators"
    assert asha.find_elements(By.ID, "control-start") == []
    assert browser_errors(cy) == [] and browser_errors(asha) == []


def test_two_facilitators_pressing_next_speaker_at_once_give_the_floor_once(daemon, facilitator, api_ready, browsers):
    created, console, cy = started_by_two(daemon, facilitator, browsers, "Both press next", ["Asha", "Bo"])
    asha_id, bo_id = participant_id(created, "Asha"), participant_id(created, "Bo")

    # With no hand up, "Next speaker" sends nothing and says why.
    click_when_ready(cy, "control-next-speaker")
    wait_js(cy, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.innerText.includes('No hand is up, so nobody is next')")
    hands_up(console, cy, [asha_id, bo_id])

    # Fran gives Asha the floor; Cy presses "Next speaker" before the news of it arrives.
    hold_events(cy)
    click_when_ready(console, "control-next-speaker")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    click_when_ready(cy, "control-next-speaker")
    release_events(cy)
    settled(cy)
    settled(console)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert floor["speaker"] == asha_id and [h["participant"] for h in floor["queue"]] == [bo_id], floor
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_a_round_moved_on_twice_at_once_moves_on_once(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Round twice", ["Asha", "Bo", "Cai"], agenda=AGENDA)
    order = [participant_id(created, name) for name in ("Asha", "Bo", "Cai")]
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Round twice")
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    for driver in (console, cy):
        settle_for(driver, 0)
    assert "error" not in command(console, "session.start")
    assert "error" not in command(console, "round.start", {"order": order, "secondsEach": 120})
    wait_until(cy, lambda d: d.find_elements(By.ID, "control-round-stop"))

    # Asha is done; Fran and Cy both press "Next speaker", Cy before the news of Fran's press
    # arrives. Cy's press was meant to end Asha's turn, so it is refused and says so: Bo speaks
    # (it used to move the round past Bo, whose turn had just begun).
    hold_events(cy)
    click_when_ready(console, "control-next-speaker")
    wait_js(console, "return window.reviewroom.model.session.floor.round.index === 1")
    click_when_ready(cy, "control-next-speaker")
    wait_js(cy, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.innerText.includes('Bo had just been given the floor, so your “Next speaker” changed nothing')",
            message="Cy was never told the round had moved on")
    release_events(cy)
    settled(cy)
    settled(console)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert floor["round"]["index"] == 1 and floor["speaker"] == order[1], floor
    # Fran's console, whose press came first, says nothing of the kind.
    assert "changed nothing" not in console.execute_script("return document.querySelector('.controls [data-testid=refusal]').innerText")
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_a_hide_that_lands_on_a_question_just_shown_by_someone_else_says_so(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Hide race", ["Asha"], agenda=AGENDA, promptDeck="covid-recovery")
    deck = created["session"]["prompts"]["deck"]
    console = browsers()
    open_live_console(console, daemon.base, facilitator, "Hide race")
    cy = browsers()
    co_facilitator_console(daemon, facilitator, created, cy)
    assert "error" not in command(console, "session.start")
    assert "error" not in command(console, "prompt.show", {"prompt": deck[0]["id"]})
    console.find_element(By.ID, "control-questions").click()
    hide = "//button[starts-with(@aria-label, 'Hide: question 1,')]"
    wait_until(console, lambda d: d.find_elements(By.XPATH, hide))

    # Cy shows question 2 just as Fran hides question 1 (prompt.hide names no question).
    hold_events(console)
    assert "error" not in command(cy, "prompt.show", {"prompt": deck[1]["id"]})
    console.find_element(By.XPATH, hide).click()
    release_events(console)
    wait_js(console, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.innerText.includes('Cy had just shown question 2, so your Hide hid question 2.')",
            message="Fran was never told her Hide hid question 2, by Cy")
    assert console.execute_script("return window.reviewroom.model.session.prompts.current") is None
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_two_facilitators_adding_a_minute_at_once_are_told_it_added_two(daemon, facilitator, api_ready, browsers):
    """`clock.extend` is relative, so two "+1 min" pressed together add 2 min: the second press
    to land says so and how to take it back; the first says nothing."""
    _, console, cy = started_by_two(daemon, facilitator, browsers, "Both extend", ["Asha"])

    # Fran adds a minute; Cy adds one too before the news of Fran's arrives.
    hold_events(cy)
    click_when_ready(console, "control-extend-plus-60")
    wait_js(console, "return window.reviewroom.model.session.clock.durationSec === 660")
    click_when_ready(cy, "control-extend-plus-60")
    release_events(cy)
    wait_js(cy, "const n = document.querySelector('.controls [data-testid=refusal]');"
            "return n && n.innerText.includes('Fran had just changed this phase’s time by +1 min, "
            "and your +1 min was added to it: +2 min in all.')",
            message="Cy was never told the phase got two minutes")
    # Cy heard who started the review, the name with the first sentence (not after the length).
    assert "Fran started the review: the clock is running. Now: Phase 1, 10 minutes" in said_log(cy), said_log(cy)
    # Cy also heard who added the first minute (event `by`), and Fran whose minute came second.
    assert "1 minute added to Phase 1 (by Fran)" in said_log(cy), said_log(cy)
    wait_until(console, lambda d: "1 minute added to Phase 1 (by Cy)" in said_log(d), message=str(said_log(console)))
    wait_js(console, "return window.reviewroom.model.session.clock.durationSec === 720")
    settled(console)
    assert "Someone else" not in console.execute_script(
        "return document.querySelector('.controls [data-testid=refusal]').innerText")
    # A press on its own says nothing of the kind.
    click_when_ready(console, "control-extend-minus-60")
    wait_js(console, "return window.reviewroom.model.session.clock.durationSec === 660")
    settled(console)
    assert "Someone else" not in console.execute_script(
        "return document.querySelector('.controls [data-testid=refusal]').innerText")
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_two_quick_presses_of_ones_own_are_not_taken_for_someone_elses(daemon, facilitator, api_ready, browsers):
    """Fran presses "+1 min" twice before the news of the first arrives: both are hers, so the
    second says nothing of "someone else"."""
    _, console, _ = started_by_two(daemon, facilitator, browsers, "Own twice", ["Asha"])
    hold_events(console)
    click_when_ready(console, "control-extend-plus-60")
    click_when_ready(console, "control-extend-plus-60")
    release_events(console)
    wait_js(console, "return window.reviewroom.model.session.clock.durationSec === 720")
    settled(console)
    assert "Someone else" not in console.execute_script(
        "return document.querySelector('.controls [data-testid=refusal]').innerText")
    assert browser_errors(console) == []


def test_a_press_straight_after_the_other_facilitators_move_is_not_sent(daemon, facilitator, api_ready, browsers):
    """Both press "Next phase" (or one ends the turn the other has just given) a fraction of a
    second apart: the second console had drawn the first one's move, but its facilitator decided
    on the screen before, and the room moved two phases (a co-facilitation audit). For a moment
    after a change made elsewhere, the phase and floor controls say so instead of acting."""
    created, console, cy = started_by_two(daemon, facilitator, browsers, "Settling", ["Asha"])
    asha = participant_id(created, "Asha")
    settle_for(cy, 60_000)
    click_when_ready(console, "control-next")
    wait_js(cy, "return window.reviewroom.model.session.clock.phase === 1")
    click_when_ready(cy, "control-next")
    wait_js(cy, "const n = document.querySelector('.controls [data-testid=refusal]'); return n && n.innerText.includes("
            "'Fran had just moved the room to 2. Phase 2, so your “Next phase” was not sent: check, then press it again')",
            message="Cy was not told the press was not sent")
    click_when_ready(cy, "control-extend-minus-300")
    wait_js(cy, "return document.querySelector('.controls [data-testid=refusal]').innerText.includes('so your “−5 min” was not sent')")
    # Cy's own move inside the wait keeps the wait, which is still about Fran's move (an audit
    # heard Cy's own move called "from another of your screens").
    set_value_of(cy, "control-goto", "2")
    click_when_ready(cy, "control-goto-go")
    wait_js(cy, "return window.reviewroom.model.session.clock.phase === 2")
    no_control_held(cy)
    click_when_ready(cy, "control-extend-plus-60")
    wait_js(cy, "return document.querySelector('.controls [data-testid=refusal]').innerText.includes("
            "'Fran had just moved the room to 2. Phase 2, so your “+1 min” was not sent')",
            message="the wait after Cy's own move was not about Fran's")
    assert "error" not in command(console, "phase.goto", {"index": 1})
    wait_js(cy, "return window.reviewroom.model.session.clock.phase === 1")
    assert "error" not in command(console, "floor.grant", {"participant": asha})
    wait_js(cy, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha)
    click_when_ready(cy, "control-release")
    wait_js(cy, "return document.querySelector('.controls [data-testid=refusal]').innerText.includes("
            "'Fran had just given the floor to Asha, so your “End the turn” was not sent')")
    assert "Now: Phase 2 (by Fran)" in said_log(cy), said_log(cy)
    settled(console)
    s = console.execute_script("return window.reviewroom.model.session")
    assert s["clock"]["phase"] == 1 and s["clock"]["durationSec"] == 600 and s["floor"]["speaker"] == asha, s
    # A second later (here: once the wait is over) the same press is meant, and acts. (The
    # controls end at the window's foot and scroll on their own: the presses above scrolled
    # them, and the refusal line, kept at their top, lies over "Next phase" until tapped away.)
    settle_for(cy, 0)
    cy.execute_script("document.querySelector('.controls').scrollTop = 0")
    click_when_ready(cy, "control-next")
    wait_js(console, "return window.reviewroom.model.session.clock.phase === 2")
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_next_speaker_on_a_view_behind_does_not_give_a_turn_again(daemon, facilitator, api_ready, browsers):
    """Fran gives Asha, then Bo, the floor with "Next speaker" while Cy's view, a moment behind,
    still shows Asha's hand first: Cy's "Next speaker" is refused (`next` on floor.next). As
    `floor.grant` to the hand shown it gave Asha the floor again and cut Bo's turn off (an audit)."""
    created, console, cy = started_by_two(daemon, facilitator, browsers, "Stale next", ["Asha", "Bo", "Cai"])
    asha, bo, cai = (participant_id(created, name) for name in ("Asha", "Bo", "Cai"))
    settle_for(console, 0)
    hands_up(console, cy, [asha, bo, cai])
    hold_events(cy)
    for speaker in (asha, bo):
        click_when_ready(console, "control-next-speaker")
        wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", speaker)
    click_when_ready(cy, "control-next-speaker")
    wait_js(cy, "const n = document.querySelector('.controls [data-testid=refusal]'); return n && n.innerText.includes("
            "'so your “Next speaker” changed nothing (it was meant for Asha): Cai is first now')",
            message="Cy was not told the queue had moved on")
    release_events(cy)
    settled(cy)
    settled(console)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert floor["speaker"] == bo and [h["participant"] for h in floor["queue"]] == [cai], floor
    assert browser_errors(console) == [] and browser_errors(cy) == []


@pytest.mark.full_chromium
def test_a_co_facilitator_takes_the_record_from_the_controls_after_the_end(daemon, facilitator, api_ready, browsers):
    """The co-facilitator's controls offered no record after the end (only the owner's, which read
    it with the API sign-in); the way to it was "Back to the room page", off-screen at the top (a
    co-facilitation audit). They now offer it with the invite the controls joined with."""
    title = "Record for the co-facilitator"
    created, console, cy = started_by_two(daemon, facilitator, browsers, title, ["Asha"])
    assert "error" not in command(cy, "session.end")
    wait_until(cy, lambda d: d.find_elements(By.ID, "control-record"), message="no record offered to the co-facilitator")
    cy.find_element(By.ID, "control-record-md").click()
    record = wait_until(cy, lambda d: [p for p in d.download_dir.iterdir() if p.name.endswith(" - record.md")],
                        message="the record never arrived")[0]
    assert title in record.read_text(encoding="utf-8")
    page = cy.current_window_handle
    cy.find_element(By.ID, "control-record-view").click()
    tab = wait_until(cy, lambda d: [h for h in d.window_handles if h != page], message="no new tab opened")[0]
    cy.switch_to.window(tab)
    wait_text(cy, "main h1", f"Review record: {title}")
    assert cy.current_url.endswith("/record-view#controls")
    assert browser_errors(cy) == []
    cy.close()
    cy.switch_to.window(page)
    assert browser_errors(console) == [] and browser_errors(cy) == []


def test_the_owner_hears_a_co_facilitator_withdrawn_and_someone_invited(daemon, facilitator, api_ready, browsers):
    """A revocation changed the people list without a word: the owner's console never said the
    co-facilitator had gone (a co-facilitation audit). Facilitators now hear who was invited and
    whose invite was withdrawn; a reviewer's page does not."""
    created, console, cy = started_by_two(daemon, facilitator, browsers, "Who is in the review", ["Asha"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    session = created["session"]["id"]
    status, dana = daemon.api("POST", f"/sessions/{session}/participants", facilitator, {"name": "Dana", "role": "reviewer"})
    assert status == 201, dana
    wait_until(console, lambda d: "Invited to the review: Dana." in said_log(d), message=f"said: {said_log(console)}")
    cy_id = cy.execute_script("return window.reviewroom.model.you.id")
    assert daemon.api("DELETE", f"/sessions/{session}/participants/{cy_id}", facilitator)[0] == 204
    wait_until(console, lambda d: "No longer in the review (invite withdrawn): Cy." in said_log(d), message=f"said: {said_log(console)}")
    assert not any("invite withdrawn" in line or "Invited to" in line for line in said_log(asha)), said_log(asha)
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_the_wait_is_not_for_this_consoles_own_moves_or_a_turn_that_ends(daemon, facilitator, api_ready, browsers):
    """The second's wait after a change made elsewhere (`JustChanged`) met a console's own "Start
    round" (its round slot, not its floor slot, was held) and a speaker finishing their own turn:
    "Next speaker" pressed then was not sent (a re-audit). Neither is such a change."""
    created, console = started_console(daemon, facilitator, browsers, "Own moves", ["Asha", "Bo", "Cai"])
    asha, bo, cai = (participant_id(created, name) for name in ("Asha", "Bo", "Cai"))
    # The round's order is who is online: Asha and Bo.
    asha_page, bo_page = browsers(), browsers()
    for page, name in ((asha_page, "Asha"), (bo_page, "Bo")):
        page.get(invite_of(created, name))
        joined(page)
    wait_js(console, "return window.reviewroom.model.online.size >= 3")
    settle_for(console, 60_000)  # a wait that cannot run out during the test
    click_when_ready(console, "control-round-start")
    wait_js(console, "return !!window.reviewroom.model.session.floor.round")
    click_when_ready(console, "control-next-speaker")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", bo,
            message=f"the console's own round was taken for a change made elsewhere: {console.execute_script(REFUSAL)}")
    click_when_ready(console, "control-round-stop")
    wait_js(console, "return !window.reviewroom.model.session.floor.round")
    # Asha speaks and finishes her own turn; Cai's hand is up: Next speaker gives it to Cai.
    assert "error" not in command(console, "hand.raise", {"kind": "contribution", "participant": cai})
    no_control_held(console)
    set_value_of(console, "control-grant-who", asha)
    click_when_ready(console, "control-grant")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha)
    assert "error" not in command(asha_page, "floor.release")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === null")
    click_when_ready(console, "control-next-speaker")
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", cai,
            message=f"a turn that ended held the next one back: {console.execute_script(REFUSAL)}")
    assert browser_errors(console) == [] and browser_errors(asha_page) == []
