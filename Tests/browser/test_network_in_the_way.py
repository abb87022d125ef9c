"""A school network in the way of the live connection (a probe, session 31): a web filter or
proxy that strips the WebSocket upgrade, or a Wi-Fi sign-in page answering in the daemon's
place. The page loaded, but its WebSocket never opened, and it said "Connection lost –
reconnecting…" for ever, with nothing a teacher could act on. After a few tries the page now
asks `/ws` over plain HTTP (connection.js, `diagnose`) and says what is in the way and what to
do; once the network lets it through, it joins by itself."""
import pytest
from selenium.webdriver.common.by import By

from conftest import browser_errors, proxied_daemon
from pages import axe_problems, connection_banner, invite_of, schedule_via_api, wait_js, wait_until
from room_helpers import ALT_SHIFT, press

SIGN_IN_PAGE = (b"HTTP/1.1 302 Found\r\nLocation: http://portal.school.example/login\r\n"
                b"Content-Length: 0\r\nConnection: close\r\n\r\n")
# The browser logs each failed handshake; that is the condition under test, not a fault.
HANDSHAKE_NOISE = ("WebSocket connection to", "/ws - Failed to load resource")


@pytest.mark.parametrize("network, expected", [
    ("strip", "This network blocks the live connection: the page loaded, but a web filter or proxy"),
    (SIGN_IN_PAGE, "This network answered instead of ReviewRoom, as a Wi-Fi sign-in page or web filter does."),
])
def test_a_network_in_the_way_is_named_with_what_to_do_and_the_page_joins_once_it_is_gone(browsers, network, expected):
    with proxied_daemon() as (daemon, proxy, facilitator):
        created = schedule_via_api(daemon, facilitator, "Behind a school filter", ["Asha"])
        proxy.websocket = network
        asha = browsers()
        asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
        wait_until(asha, lambda d: connection_banner(d)["text"].startswith(expected), timeout=40,
                   message=f"the page never said what is in the way: {connection_banner(asha)}")
        banner = connection_banner(asha)["text"]
        if network == "strip":
            assert f"allow WebSocket connections to 127.0.0.1:{proxy.port}" in banner, banner
        assert asha.execute_script("return window.reviewroom.announcer.log").count(banner) == 1

        proxy.websocket = None  # the IT team allowed it, or the reviewer signed in to the Wi-Fi
        wait_js(asha, "return !!(window.reviewroom.model.session && window.reviewroom.connection.online)", timeout=40,
                message="the page never joined once the network let it through")
        wait_until(asha, lambda d: connection_banner(d)["text"] == "", timeout=40,
                   message=f"the banner still says {connection_banner(asha)['text']!r} once joined")
        assert [e for e in browser_errors(asha) if not any(n in e for n in HANDSHAKE_NOISE)] == []


BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def test_a_first_connection_that_fails_says_the_page_is_joining_not_that_a_connection_was_lost(browsers):
    """A reverse proxy answering 502 for `/ws` (its daemon restarting), or Wi-Fi gone right after
    the page loaded: the page was eight empty boxes with no heading, said "Connection lost –
    reconnecting…" for a connection it never had, and a screen reader heard nothing (an audit,
    session 53). Now it has a heading saying it is joining, says once that it is not connected
    yet, and once it joins, says so."""
    with proxied_daemon() as (daemon, proxy, facilitator):
        title = "Behind a restarting proxy"
        created = schedule_via_api(daemon, facilitator, title, ["Asha"])
        proxy.websocket = BAD_GATEWAY
        asha = browsers()
        asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
        wait_until(asha, lambda d: connection_banner(d)["text"] == "Not connected yet – trying again…", timeout=40,
                   message=f"the page never said it is not connected yet: {connection_banner(asha)}")
        assert asha.find_element(By.TAG_NAME, "h1").text == "Joining the session…"
        assert asha.title == "Not connected – ReviewRoom – join a session"
        assert [p for p in asha.find_elements(By.CSS_SELECTOR, "main section.panel") if p.is_displayed()] == []
        assert axe_problems(asha) == []
        # Said once, and not again at the tries after it; never "lost".
        wait_js(asha, "return window.reviewroom.announcer.log.length > 0", timeout=40)
        tries = asha.execute_script("return window.reviewroom.connection.attempt")
        wait_js(asha, "return window.reviewroom.connection.attempt >= arguments[0] + 2", tries, timeout=40)
        log = asha.execute_script("return window.reviewroom.announcer.log")
        assert log == ["Not connected yet – trying again…"], log
        assert "lost" not in connection_banner(asha)["text"]
        # The time-left key, pressed meanwhile, is answered (it did nothing).
        press(asha, ALT_SHIFT + "o")
        wait_js(asha, "return window.reviewroom.announcer.log.at(-1) === 'Not joined yet: this page is still connecting to the session.'")

        proxy.websocket = None  # the daemon behind the proxy is back
        wait_js(asha, "return !!(window.reviewroom.model.session && window.reviewroom.connection.online)", timeout=40,
                message="the page never joined once the proxy let it through")
        assert asha.find_element(By.TAG_NAME, "h1").text == title
        # The tries that failed before it are no backoff for a drop after it (it waited up to 15 s).
        assert asha.execute_script("return window.reviewroom.connection.attempt") == 0
        wait_js(asha, "return window.reviewroom.announcer.log.length === 3")
        assert asha.execute_script("return window.reviewroom.announcer.log")[2] == f"Connected: you have joined “{title}”."
        assert [e for e in browser_errors(asha) if not any(n in e for n in HANDSHAKE_NOISE)] == []
