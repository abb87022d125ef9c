"""Names in any script on the room page (BrowserClient.md, "Names in sentences"): a name with
right-to-left letters is isolated wherever it joins other text, so "ليلى has the floor" keeps its
words in order, and a long name without spaces breaks rather than widening the page."""
from conftest import browser_errors
from pages import command, participant_id, schedule_via_api, text_of, wait_js, wait_text
from room_helpers import open_pages

LAILA = "ليلى"
LONG = "Wolfeschlegelsteinhausenbergerdorff" * 5  # 175 letters, within the 200 a name may have
FSI, PDI = "\u2068", "\u2069"


def test_a_right_to_left_name_is_isolated_and_a_long_one_wraps(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Names in any script", ["Asha", LAILA, LONG])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, LAILA)})
    wait_text(asha, "[data-testid=speaker]", "has the floor")
    assert text_of(asha, "[data-testid=speaker]").startswith(f"{FSI}{LAILA}{PDI} has the floor")
    # The announcement carries the isolates too: a screen reader reads the sentence in order.
    wait_js(asha, "return window.reviewroom.announcer.log.some((m) => m.includes(arguments[0]))", f"{FSI}{LAILA}{PDI} has the floor")
    # Latin names are left as they are.
    assert asha.execute_script("return window.reviewroom.model.nameOf(arguments[0])", participant_id(created, "Asha")) == "Asha"

    # The 175-letter name in the people list breaks; the page does not scroll sideways.
    asha.set_window_size(1280, 900)
    wait_js(asha, "return document.body.innerText.includes(arguments[0].slice(0, 30))", LONG)
    widths = asha.execute_script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], widths
    assert browser_errors(asha) == [] and browser_errors(chair) == []
