"""The start time a page shows before a review starts names its time zone (BrowserClient.md,
"Time": times are formatted in the session's time zone). A reviewer whose laptop is set to
another zone than the session's (here the session is in New York) read "Starts at 6:02 AM" as
their own time; it says "6:02 AM EST" on the reviewer page and the display (there on one line)."""
import datetime
import json
import re
import urllib.request
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from websockets.sync.client import connect

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, set_value_of, sign_in, text_of, wait_until


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


def test_a_start_time_gone_by_says_the_review_is_due_and_how_long_ago(daemon, facilitator, api_ready, browsers):
    """Reviewers waiting in the lobby at 1:30 read "Starts at 1:14 PM GMT" and wondered whether
    they had the wrong time: a start a minute or more past reads "Due at", with how long ago,
    on the reviewer page and the display, until the facilitator starts the review."""
    created = schedule_via_api(daemon, facilitator, "Started late", [], minutes=-20, template="rapid-remote-90",
                               promptDeck="covid-recovery", lobbyOpensMinutesBefore=60,
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    asha, room = browsers(), browsers()
    asha.get(invite_of(created, "Asha"))
    room.get(invite_of(created, "Room"))
    joined(asha)
    joined(room)
    ago = r"(19|20|21) min ago"
    wait_until(asha, lambda d: re.fullmatch(ago, text_of(d, "[data-testid=start-detail]") or ""),
               message=f"the lobby's start detail reads {text_of(asha, '[data-testid=start-detail]')!r}")
    # A start on another day than today names its day (between midnight and 00:20 here).
    assert re.fullmatch(r"Due at (?:\w+, \w+ \d{1,2}, )?\d{1,2}:\d{2} (AM|PM) GMT", text_of(asha, ".countdown")), text_of(asha, ".countdown")
    wait_until(room, lambda d: re.fullmatch(r"due to start, " + ago, text_of(d, ".display-countdown-label") or ""),
               message=f"the display's label reads {text_of(room, '.display-countdown-label')!r}")
    # Once the facilitator starts it, the phase's countdown takes the place of both.
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=20) as console:
        console.send(json.dumps({"type": "hello", "facilitatorToken": facilitator, "session": created["session"]["id"]}))
        assert json.loads(console.recv(timeout=20))["type"] == "welcome"
        console.send(json.dumps({"type": "session.start", "id": 1}))
        assert next(m for m in (json.loads(console.recv(timeout=20)) for _ in range(20)) if m.get("id") == 1)["type"] == "ack"
    wait_until(asha, lambda d: re.fullmatch(r"\d+:\d{2} left", text_of(d, ".countdown") or ""),
               message=f"the started review's countdown reads {text_of(asha, '.countdown')!r}")
    assert not asha.find_element(By.CSS_SELECTOR, "[data-testid=start-detail]").is_displayed()
    wait_until(room, lambda d: "due to start" not in (text_of(d, ".display-countdown-label") or ""))
    assert browser_errors(asha) == [] and browser_errors(room) == []


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


def test_a_reviewer_abroad_sees_the_start_with_its_date_in_their_own_time_and_how_long_until_it(daemon, facilitator, api_ready, browsers):
    """A lobby open a day early showed "Starts at 9:30 AM GMT+9" in Los Angeles: no date (it was
    tomorrow in Tokyo, today in LA), nothing in the reader's own time, no countdown."""
    created = schedule_via_api(daemon, facilitator, "Starts in Tokyo time", [], minutes=23 * 60, timeZone="Asia/Tokyo",
                               lobbyOpensMinutesBefore=1440, template="rapid-remote-90", promptDeck="covid-recovery",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    starts = datetime.datetime.fromisoformat(created["session"]["startsAt"].replace("Z", "+00:00"))
    tokyo = starts.astimezone(ZoneInfo("Asia/Tokyo"))
    other_day = tokyo.date() != datetime.datetime.now(ZoneInfo("Asia/Tokyo")).date()
    asha, room = browsers(), browsers()
    asha.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "America/Los_Angeles"})
    asha.get(invite_of(created, "Asha"))
    room.get(invite_of(created, "Room"))
    joined(asha)
    joined(room)
    wait_until(asha, lambda d: re.search(r"your time · in 2[23] h( \d+ min)?$", text_of(d, "[data-testid=start-detail]") or ""),
               message=f"the lobby's start detail reads {text_of(asha, '[data-testid=start-detail]')!r}")
    la = starts.astimezone(ZoneInfo("America/Los_Angeles"))
    assert la.strftime("%a") in text_of(asha, "[data-testid=start-detail]"), "the local time names its weekday"
    countdown = text_of(asha, ".countdown")
    assert tokyo.strftime("%b") in countdown if other_day else tokyo.strftime("%b") not in countdown, countdown
    assert "GMT+9" in countdown, countdown
    # The room's display: the start and how long until it, no "your time".
    wait_until(room, lambda d: re.search(r"start time, in 2[23] h", text_of(d, ".display-countdown-label") or ""),
               message=f"the display's label reads {text_of(room, '.display-countdown-label')!r}")
    assert browser_errors(asha) == [] and browser_errors(room) == []


def test_the_not_open_page_gives_the_opening_in_the_readers_own_time_and_how_long_until_it(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Opens later in Tokyo", [], minutes=5 * 60, timeZone="Asia/Tokyo",
                               lobbyOpensMinutesBefore=15, template="rapid-remote-90", promptDeck="covid-recovery",
                               participants=[{"name": "Asha", "role": "reviewer"}])
    asha = browsers()
    asha.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Europe/Berlin"})
    asha.get(invite_of(created, "Asha"))
    wait_until(asha, lambda d: "not open yet" in (text_of(d, "h1") or ""))
    body = text_of(asha, ".notice")
    assert re.search(r"It opens at .+GMT\+9, in 4 h 4[45] min\.", body), body
    assert re.search(r"That is \w{3} .+ your time\.", body), body
    # Which review, and its start, before the lobby's opening: a reviewer with several invites
    # could not tell them apart, and took the opening for the start (a visual audit).
    assert re.search(r"“Opens later in Tokyo” starts at .+GMT\+9\.", body), body
    assert body.index("starts at") < body.index("It opens at"), body
    assert browser_errors(asha) == []


def test_the_schedule_form_says_when_the_clocks_skip_or_repeat_the_chosen_time(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "schedule-date"))
    note = driver.find_element(By.ID, "schedule-clock-change")
    assert not note.is_displayed()
    Select(driver.find_element(By.ID, "schedule-zone")).select_by_value("America/New_York")
    set_value_of(driver, "schedule-date", "2027-03-14")
    set_value_of(driver, "schedule-time", "02:30")
    wait_until(driver, lambda d: "Clocks go forward over 02:30" in note.text, message=f"the note reads {note.text!r}")
    assert "3:30" in note.text, note.text
    set_value_of(driver, "schedule-date", "2027-11-07")
    set_value_of(driver, "schedule-time", "01:30")
    wait_until(driver, lambda d: "happens twice" in note.text and "EDT" in note.text, message=f"the note reads {note.text!r}")
    set_value_of(driver, "schedule-time", "09:30")
    wait_until(driver, lambda d: not note.is_displayed())
    assert browser_errors(driver) == []
