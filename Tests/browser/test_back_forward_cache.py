"""A reviewer who leaves the room page in the same tab (a bookmark, the school's own site) and
comes back with Back. Chromium keeps the room page frozen in its back/forward cache, with its
WebSocket held open (Chromium answers the server's pings itself meanwhile, so the others see the
reviewer as present until the page leaves the cache; a close asked for in `pagehide` is not sent
before the page freezes: tried, session 63), and shows that same page again. It must come back
live and up to date, not as it was when it was left. The other browser tests start Chromium
without that cache (driver_pool.py, to spend less CPU per test), so this one starts its own."""
import pytest

from conftest import browser_errors
from driver_pool import discard, new_driver
from pages import command, invite_of, joined, queue_names, schedule_via_api, wait_until

# What Chromium logs for a WebSocket whose page went into the cache: the condition under test.
CACHED_SOCKET = "failed: Page entered Back-Forward Cache"


@pytest.fixture
def cached():
    """Chromium with its back/forward cache on, as people have it; quit at the end (never pooled)."""
    driver = new_driver(back_forward_cache=True)
    yield driver
    discard(driver)


def test_a_room_page_left_and_returned_to_with_back_is_live_and_shows_what_happened_meanwhile(
        daemon, facilitator, api_ready, browsers, cached):
    created = schedule_via_api(daemon, facilitator, "Back from another page", ["Asha", "Ben"])
    asha, ben = cached, browsers()
    asha.get(invite_of(created, "Asha"))
    ben.get(invite_of(created, "Ben"))
    joined(asha)
    joined(ben)
    asha.execute_script("window.leftThisDocument = true")

    asha.get(daemon.base + "/")  # another page in the same tab
    assert asha.execute_script("return window.leftThisDocument") is None
    assert "error" not in command(ben, "hand.raise", {"kind": "contribution"})
    wait_until(ben, lambda d: queue_names(d) == ["Ben"], message="Ben's own page never listed his hand")

    asha.back()
    assert asha.execute_script("return window.leftThisDocument") is True, \
        "the room page was loaded again, not shown from the back/forward cache: this test no longer tests the cache"
    joined(asha)
    wait_until(asha, lambda d: queue_names(d) == ["Ben"],
               message=f"the page came back without the hand raised while it was away: {queue_names(asha)}")
    # And it is live: what Asha does now reaches Ben.
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_until(ben, lambda d: queue_names(d) == ["Ben", "Asha"],
               message=f"Ben's page never listed the hand Asha raised after coming back: {queue_names(ben)}")
    assert [e for e in browser_errors(asha) if CACHED_SOCKET not in e] == []
    assert browser_errors(ben) == []
