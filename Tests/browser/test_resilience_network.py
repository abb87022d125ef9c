"""What a reviewer on flaky Wi-Fi sees when the browser's network goes and comes back
(BrowserClient.md, "Reconnecting"): Chromium's offline emulation fires `offline` and `online`
and flips `navigator.onLine`, but leaves an open WebSocket open, as a short Wi-Fi blip that
the TCP connection outlives does. The page says it is offline at once, and once the network is
back it checks its connection and says it is back: the banner clears and a screen reader hears
"Connection lost" and "Reconnected" once each. What was typed is saved exactly once."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import connection_banner, recorded_note, reviewer_joined, shown_note, wait_js, wait_text, wait_until

OFFLINE = "Offline – your edits are kept and will be sent when the connection returns."


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
