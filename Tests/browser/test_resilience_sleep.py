"""A laptop that slept with the room open, or a Wi-Fi path that died (PRODUCT.md: tolerates
flaky school Wi-Fi): the page's WebSocket is dead but no close ever comes (a proxy between
browser and daemon stops forwarding and never closes), while the daemon runs on. Nothing is
done to the page: it must notice by itself — its regular `ping` goes unanswered
(connection.js, PING_ANSWER_LIMIT_MS) — say so, reconnect through a fresh connection and send
what was typed meanwhile, exactly once; "Connection lost" and "Reconnected" are each said once.
(Chromium's own tab freezing, `Page.setWebLifecycleState`, closes the page's WebSockets — the
page then takes the ordinary reconnect path — so the dead socket is made by the proxy.)"""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import connection_banner, invite_of, joined, recorded_note, schedule_via_api, shown_note, wait_js, wait_until


def said(driver, text):
    return driver.execute_script("return window.reviewroom.announcer.log.filter((t) => t === arguments[0]).length", text)


def test_a_page_whose_connection_died_without_a_close_notices_by_itself_and_recovers(proxied, browsers):
    daemon, proxy, facilitator = proxied
    created = schedule_via_api(daemon, facilitator, "A reviewer's Wi-Fi path dies", ["Asha"])
    session, note = created["session"]["id"], created["session"]["notes"][0]
    asha = browsers()
    asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(asha)

    proxy.silence()
    # The page still thinks it is connected: what is typed now waits on a dead socket.
    asha.find_element(By.ID, f"note-{note['id']}").send_keys(Keys.END, "typed on a dead connection")

    wait_until(asha, lambda d: connection_banner(d)["text"] != "", timeout=40,
               message="the page never noticed its connection had died")
    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced", timeout=40,
            message="the page never reconnected and sent what was typed")
    wait_until(asha, lambda d: connection_banner(d) == {"hidden": True, "text": "", "inTree": True},
               message=f"the banner never cleared (banner: {connection_banner(asha)})")
    saved = recorded_note(daemon, facilitator, session, note["title"])
    assert saved == "typed on a dead connection"
    assert shown_note(asha, note["id"]) == saved
    assert said(asha, "Connection lost – reconnecting…") == 1 and said(asha, "Reconnected") == 1
    assert browser_errors(asha) == []
