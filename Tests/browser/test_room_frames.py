"""A burst of events is drawn twice (BrowserClient.md, "A burst drawn twice"): the room view and
the console's controls draw its first event as it comes and everything after it at the next
frame, where every event used to be one whole redraw (a resume's replay, a mass join). The
room view's queue may take one more, paced (test_queue_flicker.py)."""
from conftest import browser_errors
from pages import command, participant_id, schedule_via_api, wait_js
from room_helpers import open_pages
from console_helpers import hold_events, release_events, started_console

PEOPLE = [f"Reviewer {n}" for n in range(1, 11)]

# Counts the redraws of the view class in `module` from now on. The page's own module instance:
# imported beside the page's script, under the client's version (`v/<version>/js/`), not `/js/`,
# which would be a second instance of the module that the page never draws with.
COUNT_RENDERS = (
    "const done = arguments[arguments.length - 1];"
    "import(new URL(arguments[0], document.querySelector('script[type=module]').src)).then((m) => { const View = m[arguments[1]]; const render = View.prototype.render;"
    "  window.renders = 0; View.prototype.render = function () { window.renders += 1; return render.call(this); }; done(true); });")


def held_then_released(page, chair, created):
    """Ten hands raised while `page` keeps its events back, then handed to it in one go."""
    hold_events(page)
    for name in PEOPLE:
        assert "error" not in command(chair, "hand.raise", {"kind": "contribution", "participant": participant_id(created, name)})
    wait_js(page, "return window.heldEvents.length === 10")
    # The frame after anything drawn before has come by now: only the release's draws count.
    page.execute_async_script("requestAnimationFrame(() => setTimeout(arguments[0], 0))")
    page.execute_script("window.renders = 0")
    release_events(page)


def test_ten_floor_changes_at_once_are_two_redraws_of_the_room(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Drawn once", PEOPLE + ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    asha.execute_async_script(COUNT_RENDERS, "room-view.js", "RoomView")
    held_then_released(asha, chair, created)
    # What is drawn in the end is the last state: all ten hands in the floor panel. Its queue is
    # listed at most twice a second (paced-draw.js), so the burst's two redraws may be followed
    # by a third, the queue's, half a second after the first.
    wait_js(asha, "return arguments[0].every((name) => document.querySelector('[aria-labelledby=floor-heading]').innerText.includes(name))",
            PEOPLE, message="the floor panel never listed all ten hands")
    assert asha.execute_script("return window.renders") in (2, 3)
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_ten_floor_changes_at_once_are_two_redraws_of_the_consoles_controls(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Controls drawn once", PEOPLE)
    console.execute_async_script(COUNT_RENDERS, "live-console.js", "LiveConsole")
    held_then_released(console, console, created)
    wait_js(console, "return window.renders >= 2")
    assert console.execute_script("return window.renders") == 2
    lowers = console.execute_script("return document.querySelectorAll('.controls [id^=control-lower-]').length")
    assert lowers == 10
    assert browser_errors(console) == []
