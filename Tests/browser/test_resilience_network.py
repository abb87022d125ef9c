"""What a reviewer on flaky Wi-Fi sees when the browser's network goes and comes back
(BrowserClient.md, "Reconnecting"): Chromium's offline emulation fires `offline` and `online`
and flips `navigator.onLine`, but leaves an open WebSocket open, as a short Wi-Fi blip that
the TCP connection outlives does. The page says it is offline at once, and once the network is
back it checks its connection and says it is back: the banner clears and a screen reader hears
"Connection lost" and "Reconnected" once each (nothing for a blip shorter than the grace a dropped
connection gets), and what changed in the room meanwhile once after that, as it is now. What was
typed is saved exactly once."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import command, connection_banner, participant_id, recorded_note, reviewer_joined, shown_note, wait_js, wait_text, wait_until
from room_helpers import room_with, said_log, settled, wait_said

OFFLINE = "Offline – the page reconnects by itself when the connection returns."


def network(driver, offline):
    driver.execute_cdp_cmd("Network.emulateNetworkConditions",
                           {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def said(driver, text):
    return driver.execute_script("return window.reviewroom.announcer.log.filter((t) => t === arguments[0]).length", text)


def test_a_network_blip_the_connection_outlives_ends_with_the_page_back_online(daemon, facilitator, api_ready, browsers):
    session, note, asha = reviewer_joined(daemon, facilitator, browsers, "Wi-Fi blips under a reviewer")
    asha.execute_cdp_cmd("Network.enable", {})
    area = asha.find_element(By.ID, f"note-{note['id']}")

    network(asha, offline=True)
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": False, "text": OFFLINE, "inTree": True},
               message=f"the page never said it was offline (banner: {connection_banner(asha)})")
    area.send_keys(Keys.END, "typed during the blip")
    # Said once the loss has lasted the grace a dropped connection gets (shown at once).
    wait_said(asha, "Connection lost – reconnecting…")
    assert said(asha, "Connection lost – reconnecting…") == 1

    network(asha, offline=False)
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True},
               message=f"the banner still says {connection_banner(asha)['text']!r} after the network came back")
    wait_js(asha, "return window.reviewroom.announcer.log.includes('Reconnected')",
            message="the return of the connection was never announced")
    assert said(asha, "Connection lost – reconnecting…") == 1 and said(asha, "Reconnected") == 1
    wait_text(asha, ".tab-panel:not([hidden]) .note-status", "All changes saved")
    saved = recorded_note(daemon, facilitator, session, note["title"])
    assert saved.count("typed during the blip") == 1
    assert shown_note(asha, note["id"]) == saved
    assert browser_errors(asha) == []


def back_online(driver):
    """Ends the page's offline emulation and waits until it knows its connection is back."""
    network(driver, offline=False)
    wait_until(driver, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True},
               message=f"the banner still says {connection_banner(driver)['text']!r} after the network came back")
    wait_js(driver, "return window.reviewroom.connection.state === 'online'")


def test_a_blip_shorter_than_the_grace_is_not_said(daemon, facilitator, api_ready, browsers):
    """A burst of Wi-Fi blips made a screen reader say "Connection lost – reconnecting…" and
    "Reconnected" twenty times in a minute: a loss is said once it has lasted the grace (here
    made long, so that the blip is shorter than it on any machine)."""
    _, _, asha = reviewer_joined(daemon, facilitator, browsers, "A blip too short to mention")
    asha.execute_cdp_cmd("Network.enable", {})
    asha.execute_script("window.reviewroom.connection.lostGraceMs = 600000")
    for _ in range(3):
        network(asha, offline=True)
        wait_until(asha, lambda d: connection_banner(d)["text"] == OFFLINE, message="the page never showed it was offline")
        back_online(asha)
    settled(asha)
    assert [text for text in said_log(asha) if text in ("Connection lost – reconnecting…", "Reconnected")] == []
    assert browser_errors(asha) == []


def test_news_that_came_during_a_blip_is_said_once_after_reconnected_as_it_is_now(daemon, facilitator, api_ready, browsers):
    """During an outage the socket outlived, what happened in the room reached the page in a
    burst as the network came back, before the page knew it was back: a screen reader heard each
    event as live news before "Reconnected", with the whole length of a turn already running
    ("You have the floor for 1 minute 30 seconds"). Now the room as it is now is said once after
    "Reconnected", with what is left of the turn."""
    created, chair, pages = room_with(daemon, facilitator, browsers, "News during a blip", ["Asha", "Bo"])
    asha = pages["Asha"]
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    deck = chair.execute_script("return window.reviewroom.model.session.prompts.deck")
    asha.execute_cdp_cmd("Network.enable", {})

    network(asha, offline=True)
    wait_said(asha, "Connection lost – reconnecting…")
    mark = len(said_log(asha))
    for type_, fields in [("prompt.show", {"prompt": deck[0]["id"]}),
                          ("hand.raise", {"kind": "contribution", "participant": participant_id(created, "Bo")}),
                          ("floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 90})]:
        assert "error" not in command(chair, type_, fields), type_
    back_online(asha)
    floor_left = re.compile(r"^You have the floor, (1 minute( \d+ seconds?)?|\d+ seconds?) left$")
    wait_until(asha, lambda d: any(floor_left.match(text) for text in said_log(d)[mark:]),
               message=f"Asha never heard what is left of her turn (said {said_log(asha)[mark:]!r})")
    settled(asha)
    said = said_log(asha)[mark:]
    assert said[0] == "Reconnected" and floor_left.match(said[1]), said
    assert said[2:] == [f"Question: {deck[0]['text']}"], said
    assert browser_errors(asha) == []
