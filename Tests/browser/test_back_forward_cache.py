"""A reviewer who leaves the room page in the same tab (a bookmark, the school's own site) and
comes back with Back, in Chromium with its back/forward cache on, as people have it.

Chromium kept a room page served `no-cache` frozen in that cache, WebSocket and all, and answered
the daemon's pings for it: the others saw the reviewer online until the page left the cache
(still online 45 s after leaving, past the daemon's 35 s drop for a silent connection; closing
the socket in `pagehide` did not help: the close was not sent before the page froze). Pages are
served `no-store` (StaticFiles.swift), which Chromium never caches with a WebSocket: the page
unloads, the others see the reviewer go at once, and Back loads the page again, which rejoins
and shows what happened meanwhile; the facilitator's live console likewise. The other browser
tests start Chromium without that cache (driver_pool.py, to spend less CPU per test), so this
one starts its own."""
import pytest

from conftest import browser_errors
from driver_pool import discard, new_driver
from pages import (WAIT, command, invite_of, joined, open_live_console, participant_id, queue_names, schedule_via_api,
                   wait_until)

ONLINE = "return window.reviewroom.model.online.has(arguments[0])"


@pytest.fixture
def cached():
    """Chromium with its back/forward cache on, as people have it; quit at the end (never pooled)."""
    driver = new_driver(back_forward_cache=True, full=True)
    yield driver
    discard(driver)


def test_a_reviewer_who_leaves_the_room_page_goes_offline_and_back_brings_a_live_page_up_to_date(
        daemon, facilitator, api_ready, browsers, cached):
    created = schedule_via_api(daemon, facilitator, "Back from another page", ["Asha", "Ben"])
    asha, ben = cached, browsers()
    asha.get(invite_of(created, "Asha"))
    ben.get(invite_of(created, "Ben"))
    joined(asha)
    joined(ben)
    asha_id = participant_id(created, "Asha")
    # Presence comes after the welcome, in a message of its own.
    wait_until(ben, lambda d: d.execute_script(ONLINE, asha_id), message="Ben's page never showed Asha online")
    asha.execute_script("window.leftThisDocument = true")

    asha.get(daemon.base + "/")  # another page in the same tab
    # Within WAIT (20 s), under the daemon's 35 s drop of a connection gone silent: only the
    # page's own leaving can make this.
    wait_until(ben, lambda d: not d.execute_script(ONLINE, asha_id),
               message=f"Ben's page still shows Asha online {WAIT} s after she left the room page")
    assert "error" not in command(ben, "hand.raise", {"kind": "contribution"})
    wait_until(ben, lambda d: queue_names(d) == ["Ben"], message="Ben's own page never listed his hand")

    asha.back()
    joined(asha)
    assert asha.execute_script("return window.leftThisDocument") is None, \
        "the room page came back frozen from the back/forward cache: its person stayed online while away"
    wait_until(ben, lambda d: d.execute_script(ONLINE, asha_id), message="Ben's page never showed Asha back")
    wait_until(asha, lambda d: queue_names(d) == ["Ben"],
               message=f"the page came back without the hand raised while it was away: {queue_names(asha)}")
    # And it is live: what Asha does now reaches Ben.
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(ben, lambda d: queue_names(d) == ["Ben", "Asha"],
               message=f"Ben's page never listed the hand Asha raised after coming back: {queue_names(ben)}")
    assert browser_errors(asha) == []
    assert browser_errors(ben) == []


def test_a_facilitator_who_leaves_the_live_console_comes_back_to_it_live_with_back(
        daemon, facilitator, api_ready, browsers, cached):
    created = schedule_via_api(daemon, facilitator, "Console left and back", ["Asha"])
    fran, asha = cached, browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    open_live_console(fran, daemon.base, facilitator, "Console left and back")
    live_view = fran.current_url
    fran_id = fran.execute_script("return window.reviewroom.model.you.id")
    wait_until(asha, lambda d: d.execute_script(ONLINE, fran_id), message="Asha's page never showed the facilitator")

    fran.get(daemon.base + "/")
    wait_until(asha, lambda d: not d.execute_script(ONLINE, fran_id),
               message=f"Asha's page still shows the facilitator online {WAIT} s after the console was left")

    fran.back()
    joined(fran)
    assert fran.current_url == live_view
    assert fran.execute_script("return window.reviewroom.model.session.title") == "Console left and back"
    wait_until(asha, lambda d: d.execute_script(ONLINE, fran_id), message="Asha's page never showed the facilitator back")
    # And it is live: the review started from it reaches Asha.
    assert "error" not in command(fran, "session.start")
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.model.session.clock.status") == "live",
               message="the review started from the console that came back never reached Asha")
    assert browser_errors(fran) == [] and browser_errors(asha) == []
