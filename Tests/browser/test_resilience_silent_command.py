"""A reviewer on a phone raises her hand just as her connection dies without a close (a switch
from Wi-Fi to mobile data; PRODUCT.md: tolerates flaky school Wi-Fi). A probe found the page
noticed only through its heartbeat, 17-22 s later, showing the room as it had been meanwhile,
and the hand was lost: "may have gone through" was shown, then cleared on the way back, with
no hand up. Now a command left unanswered with nothing heard from the server makes the page
check the connection at once (connection.js, COMMAND_SILENCE_MS), and a hand command cut off
in flight is sent again once the page is back if it did not go through (RoomView.resendHand).
The heartbeat is switched off here, so only the command can have made the page notice."""
from selenium.webdriver.common.by import By

from conftest import errors_beside_reconnects
from pages import command, connection_banner, invite_of, joined, schedule_via_api, text_of, wait_js, wait_text, wait_until
from room_helpers import proxied_reviewer, proxied_room, said_log


def test_a_hand_raised_into_a_dead_connection_makes_the_page_notice_and_goes_up_once_back(proxied, browsers):
    proxy = proxied[1]
    _, asha = proxied_reviewer(proxied, browsers, "A hand into a dead connection")
    asha.execute_script("clearInterval(window.reviewroom.connection.pingTimer)")  # no heartbeat

    proxy.silence()
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", timeout=30,
               message="the page never noticed that its hand went into a dead connection")
    # Back through a fresh connection (the proxy forwards new ones): the hand is up, once.
    wait_js(asha, "const m = window.reviewroom.model; return window.reviewroom.connection.online"
                  " && m.session.floor.queue.filter((h) => h.participant === m.you.id).length === 1", timeout=40,
            message="the hand raised into the dead connection never went up")
    wait_until(asha, lambda d: "Your hand is up, 1st in the queue" in said_log(d),
               message=f"the hand going up was not said: {said_log(asha)}")
    assert asha.find_element(By.ID, "raise-hand").text == "Lower hand"
    assert errors_beside_reconnects(asha) == []


def test_on_a_phone_the_connection_banner_stays_in_view_while_offline(proxied, browsers):
    daemon, proxy, facilitator = proxied
    created = schedule_via_api(daemon, facilitator, "The banner on a phone", ["Asha"])
    asha = browsers()
    asha.set_window_size(360, 740)
    asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(asha)
    note = created["session"]["notes"][0]["id"]
    asha.execute_script("document.getElementById('note-' + arguments[0]).scrollIntoView({block: 'end'})", note)
    assert asha.execute_script("return window.scrollY") > 300, "the page was not scrolled down to the notes"

    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="the page never noticed its network went")
    box = asha.execute_script("const r = document.getElementById('connection-banner').getBoundingClientRect();"
                              "return {top: r.top, bottom: r.bottom, height: innerHeight, width: innerWidth};")
    assert box["top"] >= 0 and box["bottom"] <= box["height"], box
    proxy.mend()
    wait_until(asha, lambda d: connection_banner(d)["text"] == "", timeout=40, message="the banner never cleared")
    assert errors_beside_reconnects(asha) == []


def test_a_hand_raised_into_a_dead_connection_that_a_phase_move_overtook_is_said_not_up(proxied, browsers):
    """The same press, but the facilitator moves to the next phase before the page is back: the
    move clears hands, so the page rightly does not raise it again, but it said nothing — after
    "may have gone through", the hand was simply not up. Now it says why and what to do."""
    _, chair, asha = proxied_room(proxied, browsers, "A hand overtaken by a move", ["Asha"])
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    asha.execute_script("clearInterval(window.reviewroom.connection.pingTimer)")  # no heartbeat
    proxied[1].silence()
    asha.find_element(By.ID, "raise-hand").click()
    assert "error" not in command(chair, "phase.next")
    wait_text(asha, "[data-testid=refusal]", "Your hand is not up: while the connection was down the review moved on to",
              timeout=40)
    phase = asha.execute_script("return window.reviewroom.model.phase.title")
    assert f"moved on to {phase}, which clears hands. Raise it again" in text_of(asha, "[data-testid=refusal]")
    assert asha.execute_script("const m = window.reviewroom.model;"
                               " return m.session.floor.queue.some((h) => h.participant === m.you.id)") is False
    assert asha.find_element(By.ID, "raise-hand").text == "Raise hand"
    assert errors_beside_reconnects(asha) == []
