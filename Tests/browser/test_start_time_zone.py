"""The start time a page shows before a review starts names its time zone (BrowserClient.md,
"Time": times are formatted in the session's time zone). A reviewer whose laptop is set to
another zone than the session's (here the session is in New York) read "Starts at 6:02 AM" as
their own time; it says "6:02 AM EST" on the reviewer page and the display (there on one line)."""
import datetime
import json
import re
import urllib.request
from zoneinfo import ZoneInfo

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, text_of, wait_until


def test_the_start_time_before_the_review_names_the_session_time_zone(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Starts in New York time", [], timeZone="America/New_York",
                               template="rapid-remote-90", promptDeck="covid-recovery",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    starts = datetime.datetime.fromisoformat(created["session"]["startsAt"].replace("Z", "+00:00"))
    local = starts.astimezone(ZoneInfo("America/New_York"))
    zone = local.tzname()
    expected = re.compile(rf"\b{local.strftime('%-I')}:{local.strftime('%M')}\s(AM|PM)\s{zone}\b")
    asha, room = browsers(), browsers()
    asha.get(invite_of(created, "Asha"))
    room.get(invite_of(created, "Room"))
    for page, where in ((asha, ".countdown"), (room, ".display-countdown")):
        joined(page)
        wait_until(page, lambda d: expected.search(text_of(d, where) or ""),
                   message=f"{where} shows {text_of(page, where)!r}, not the start with its zone ({zone})")
        assert browser_errors(page) == []
    # Across the room the start time is one line, not "6:02 AM" / "EST" wrapped in countdown-sized type.
    assert room.execute_script("const n = document.querySelector('.display-countdown-time');"
                               "return n.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(n).fontSize);")


def test_every_zone_the_browser_offers_is_one_the_server_takes(daemon, browsers):
    """The schedule form offers the browser's zones and pre-selects its own. Chromium names some
    by the tz database's links (Asia/Saigon for Ho Chi Minh City, America/Buenos_Aires…), which
    the server refused: a facilitator in Vietnam could not schedule with the default."""
    with urllib.request.urlopen(f"{daemon.base}/api/v1/openapi.json", timeout=20) as response:
        accepted = set(json.load(response)["components"]["schemas"]["TimeZone"]["enum"])
    page = browsers()
    page.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Ho_Chi_Minh"})
    page.get(f"{daemon.base}/console")
    offered = page.execute_script("return Intl.supportedValuesOf('timeZone')")
    own = page.execute_script("return Intl.DateTimeFormat().resolvedOptions().timeZone")
    assert len(offered) > 300, offered
    assert [zone for zone in offered + [own] if zone not in accepted] == []
