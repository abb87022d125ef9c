"""What a room display shows the room, and what it does with the wrong link (a display audit):
a link of another role is refused with what to open instead (a reviewer's link joined as the
reviewer, silently, for the whole review), the display's link opened as a room page moves to the
display page, a round names who is next in type as large as the names, a turn that is over is
boxed, and a link refused after the display had joined does not say it was "not copied whole"."""
from selenium.webdriver.common.by import By

from conftest import browser_errors, errors_beside_reconnects
from pages import command, invite_of, joined, participant_id, schedule_via_api, wait_js, wait_text, wait_until
from room_helpers import open_pages


def hall_review(daemon, facilitator, title, people=("Asha", "Bo")):
    return schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90",
                            participants=[*({"name": n, "role": "reviewer"} for n in people), {"name": "Hall", "role": "display"}])


def test_a_link_of_another_role_on_the_display_page_is_refused_and_the_displays_own_moves_there(daemon, facilitator, api_ready, browsers):
    created = hall_review(daemon, facilitator, "Links mixed up")
    screen = browsers()
    screen.get(invite_of(created, "Asha").replace("/join#", "/display#"))
    wait_text(screen, "#notice-heading", "This is not the room display’s link")
    wait_text(screen, "main", "It is the invite of Asha (reviewer)")
    wait_js(screen, "return window.reviewroom.connection.stopped === true")
    assert screen.execute_script("return sessionStorage.getItem('reviewroom.display.token')") is None
    # Asked before joining (GET /api/v1/invite): Asha was never online through it, so the record
    # does not list her as attending (refused at the welcome, she was).
    status, record = daemon.api("GET", f"/sessions/{created['session']['id']}/record?format=json", facilitator)
    assert status == 200, record
    asha_row = next(row for row in record["participants"] if row["name"] == "Asha")
    assert asha_row.get("attended") is not True and "firstJoinedAt" not in asha_row, asha_row
    # Asha joins from her own device as usual.
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)

    # The display's link opened as a room page goes to the display page, without the code in the address.
    room = browsers()
    room.get(invite_of(created, "Hall").replace("/display#", "/join#"))
    wait_until(room, lambda d: d.current_url.endswith("/display"), message=f"stayed at {room.current_url}")
    wait_until(room, lambda d: d.find_elements(By.CSS_SELECTOR, ".display-title"))
    joined(room)
    assert room.execute_script("return window.reviewroom.model.you.role") == "display"
    for driver in (screen, asha, room):
        assert browser_errors(driver) == []


def test_a_round_names_who_is_next_and_a_turn_that_is_over_is_boxed(daemon, facilitator, api_ready, browsers):
    created = hall_review(daemon, facilitator, "Round in the hall", ("Asha", "Bo", "Cai"))
    chair, (room,) = open_pages(created, browsers, ["Hall"])
    room.set_window_size(1920, 1080)
    assert command(chair, "session.start").get("type") == "ack"
    order = [participant_id(created, n) for n in ("Asha", "Bo", "Cai")]
    assert command(chair, "round.start", {"order": order, "secondsEach": 600}).get("type") == "ack"
    wait_until(room, lambda d: d.find_elements(By.CSS_SELECTOR, ".display-round .round-state-next"))
    states = room.execute_script("return [...document.querySelectorAll('.display-round li')].map((li) => li.textContent.trim())")
    assert states == ["speaking now Asha", "next Bo", "waiting Cai"], states
    # The states are read at the back of the room: as large as the names, not the page's small badges.
    badge, name = room.execute_script(
        "const li = document.querySelector('.display-round li.round-next');"
        "return [parseFloat(getComputedStyle(li.querySelector('.badge')).fontSize), parseFloat(getComputedStyle(li.querySelector('.display-name, .round-name')).fontSize)]")
    assert badge >= 0.8 * name and badge > 16, (badge, name)
    # Where the round is, without counting down the list; the turn's time bold (a plain line
    # beside the phase's countdown was missed from the back).
    assert room.find_element(By.CSS_SELECTOR, ".display-round-heading").text == "Round: speaker 1 of 3"
    assert int(room.execute_script("return getComputedStyle(document.querySelector('.display-turn')).fontWeight")) >= 700
    assert command(chair, "floor.next").get("type") == "ack"
    wait_text(room, ".display-round-heading", "Round: speaker 2 of 3")

    assert command(chair, "round.stop").get("type") == "ack"
    assert command(chair, "floor.grant", {"participant": order[1], "turnSec": 0.5}).get("type") == "ack"
    wait_until(room, lambda d: d.find_elements(By.CSS_SELECTOR, ".display-turn.over"), message="the turn's end was never boxed")
    assert room.find_element(By.CSS_SELECTOR, ".display-turn").text == "Turn time is over"
    assert room.execute_script("return getComputedStyle(document.querySelector('.display-turn')).borderTopStyle") == "solid"
    assert browser_errors(room) == []


def test_a_display_refused_on_its_return_does_not_blame_the_copying(proxied, browsers):
    daemon, proxy, facilitator = proxied
    created = hall_review(daemon, facilitator, "Deleted while offline")
    room = browsers()
    room.get(invite_of(created, "Hall").replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(room)
    proxy.cut()
    assert daemon.api("DELETE", f"/sessions/{created['session']['id']}", facilitator)[0] == 204
    proxy.mend()
    wait_text(room, "#notice-heading", "This link no longer works", timeout=40)
    text = room.find_element(By.TAG_NAME, "main").text
    assert "stopped working while this page was offline" in text and "not copied whole" not in text, text
    assert room.execute_script("return getComputedStyle(document.activeElement).outlineStyle") == "none"
    assert errors_beside_reconnects(room) == []
