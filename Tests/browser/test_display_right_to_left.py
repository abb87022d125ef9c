"""Right-to-left names on the room display (a display audit): a long name is cut at the end of
its line, and for an Arabic name the display cut the wrong end, its beginning, so the room read
the last of the name and not the first. The name's own direction decides where it is cut: a
right-to-left name keeps its beginning and loses its end, as a left-to-right one does."""
from conftest import browser_errors
from pages import command, participant_id, schedule_via_api, wait_text, wait_until
from room_helpers import open_pages
from test_display_crowd import hands_up

# 73 letters and spaces: longer than a 720p display's column at its type.
LONG_ARABIC = "عبد الرحمن بن محمد بن عبد الله بن عبد العزيز بن سليمان الهاشمي القرشي المكي"

# Whether the first and the last letters of `name` (arguments[1]), in the first element matching
# arguments[0] that has it, are shown: inside every box that clips the name between them.
NAME_ENDS_SHOWN = """
const host = [...document.querySelectorAll(arguments[0])].find((n) => n.textContent.includes(arguments[1]));
if (!host) return null;
const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
let text;
while ((text = walker.nextNode()) && !text.data.includes(arguments[1]));
const at = text.data.indexOf(arguments[1]), range = document.createRange();
const letters = (from) => { range.setStart(text, from); range.setEnd(text, from + 3); return range.getBoundingClientRect(); };
const clips = [];
for (let n = text.parentElement; n && n !== host.parentElement; n = n.parentElement) {
  if (getComputedStyle(n).overflowX !== 'visible') clips.push(n.getBoundingClientRect());
}
const shown = (r) => r.width > 0 && clips.every((c) => r.left >= c.left - 1 && r.right <= c.right + 1);
return {beginning: shown(letters(at)), end: shown(letters(at + arguments[1].length - 3))};
"""


def name_ends(driver, selector, name):
    return driver.execute_script(NAME_ENDS_SHOWN, selector, name)


def test_a_long_right_to_left_name_keeps_its_beginning_in_the_queue_and_the_round(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Names from right to left", [], template="rapid-remote-90",
                               participants=[{"name": n, "role": "reviewer"} for n in (LONG_ARABIC, "Asha")]
                               + [{"name": "Room", "role": "display"}])
    chair, (room,) = open_pages(created, browsers, ["Room"])
    room.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 1280, "height": 720, "deviceScaleFactor": 1, "mobile": False})
    assert "error" not in command(chair, "session.start")
    with hands_up(daemon, created, [LONG_ARABIC, "Asha"]):
        wait_text(room, "[data-testid=queue]", "Asha")
        ends = name_ends(room, "[data-testid=queue] li", LONG_ARABIC)
        assert ends and ends["beginning"] and not ends["end"], \
            f"the queue cut the long Arabic name at its beginning, not its end: {ends}"

        order = [participant_id(created, n) for n in (LONG_ARABIC, "Asha")]
        assert "error" not in command(chair, "round.start", {"order": order, "secondsEach": 60})
        wait_text(room, "[data-testid=round-order] li", "speaking now")
        ends = name_ends(room, "[data-testid=round-order] li", LONG_ARABIC)
        assert ends and ends["beginning"] and not ends["end"], \
            f"the round's order cut the long Arabic name at its beginning, not its end: {ends}"
    assert room.execute_script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"), \
        "the long name makes the display scroll sideways"
    assert browser_errors(room) == []
