"""Invite links as people really open them (PRODUCT.md, "Humane"; BrowserClient.md, "Tokens" and
"Notices"): a link copied with the full stop that ended the sentence, a closing bracket or a blank
still joins (tokens are base64url, so none of these is part of one); a link that was never valid
or was cut short says it may not have been copied whole — not only that it was withdrawn — with
the token gone from the address bar; and whenever a notice replaces the room, keyboard focus goes
to its heading instead of falling to the page's body."""
import pytest
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import focused, invite_of, joined, schedule_via_api, text_of, wait_text, wait_until

# Chrome logs the refused handshake of a bad link.
HANDSHAKE_NOISE = ("WebSocket connection to",)


@pytest.mark.parametrize("tail", [".", ")", ">", "%20", ".%E2%80%9D"])
def test_a_link_copied_with_punctuation_after_it_still_joins(daemon, facilitator, api_ready, browsers, tail):
    created = schedule_via_api(daemon, facilitator, f"Copied with {tail!r}", ["Asha"])
    page = browsers()
    page.get(invite_of(created, "Asha") + tail)
    joined(page)
    assert page.execute_script("return window.reviewroom.model.you.name") == "Asha"
    assert page.execute_script("return location.hash") == ""
    assert browser_errors(page) == []


def test_a_link_cut_short_says_it_may_not_have_been_copied_whole_and_focuses_the_notice(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A link cut short", ["Asha"])
    url = invite_of(created, "Asha")
    page = browsers()
    page.get(url[:-8])
    wait_text(page, "#notice-heading", "This link no longer works")
    assert "not copied whole" in text_of(page, ".notice")
    assert "#" not in page.current_url
    assert focused(page)["id"] == "notice-heading"
    assert [e for e in browser_errors(page) if not any(n in e for n in HANDSHAKE_NOISE)] == []


def test_a_notice_that_replaces_the_room_takes_focus_from_the_notes(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Revoked while typing", ["Asha"])
    note = created["session"]["notes"][0]
    page = browsers()
    page.get(invite_of(created, "Asha"))
    joined(page)
    page.find_element(By.ID, f"note-{note['id']}").send_keys("typing when")
    assert focused(page)["id"] == f"note-{note['id']}"
    asha = next(p["id"] for p in created["session"]["participants"] if p["name"] == "Asha")
    status, _ = daemon.api("DELETE", f"/sessions/{created['session']['id']}/participants/{asha}", facilitator)
    assert status == 204
    wait_text(page, "#notice-heading", "This link no longer works")
    # Revoked under the page (4003): withdrawn or replaced, as the facilitator did.
    assert "The invite was withdrawn or replaced." in text_of(page, ".notice")
    wait_until(page, lambda d: focused(d)["id"] == "notice-heading",
               message=f"focus is on {focused(page)} after the room went")
