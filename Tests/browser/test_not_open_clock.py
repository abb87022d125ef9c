"""A link opened before the lobby opens says when it opens and "joins by itself when the review
opens" (BrowserClient.md, "Notices"). The page timed that from its own clock: on a device whose
clock is ahead of the server's, the wait looked over already, so no retry was set and the page
never joined; on one whose clock is behind, it joined late by as much. It now tries again at
most 15 s apart either way. The device clock is moved five minutes on or back in the page
(`Date.now`); the daemon is real."""
import pytest

from conftest import browser_errors
from pages import invite_of, schedule_lobby_opening_in, text_of, wait_text, wait_until

SKEW_MS = 5 * 60 * 1000
# Chrome may log the handshakes of the refused tries.
HANDSHAKE_NOISE = ("WebSocket connection to",)


@pytest.mark.parametrize("skew_ms", [SKEW_MS, -SKEW_MS], ids=["ahead", "behind"])
def test_a_device_clock_off_the_servers_still_joins_when_the_lobby_opens(daemon, facilitator, api_ready, browsers, skew_ms):
    created = schedule_lobby_opening_in(daemon, facilitator, 12, "Opens soon, clock off")
    page = browsers()
    page.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": f"(() => {{ const real = Date.now.bind(Date); Date.now = () => real() + ({skew_ms}); }})();"})
    page.get(invite_of(created, "Asha"))
    wait_text(page, "#notice-heading", "This review is not open yet")
    assert "joins by itself" in text_of(page, ".notice")
    wait_until(page, lambda d: d.execute_script("return !!(window.reviewroom && window.reviewroom.model.session)"), timeout=45,
               message="the page never joined after the lobby opened")
    assert page.execute_script("return window.reviewroom.model.you.name") == "Asha"
    assert [e for e in browser_errors(page) if not any(n in e for n in HANDSHAKE_NOISE)] == []
