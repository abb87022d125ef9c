"""An invite link already open in as many tabs or devices as `max_connections_per_participant`
allows: the daemon refuses the newest `hello` with `rate_limited` and closes it with 1000
(LiveSessions, "Connections per participant"). The page says the link is open in too many
places, keeps its token, does not reconnect by itself, and joins when "Try again now" is
pressed after a place has freed; the console's live controls go back to the session page
saying so. The daemon runs with a cap of 1; the place is held by a plain WebSocket client, and a
second participant's client tells when it has been given up."""
import json
import shutil
import tempfile

import pytest
from selenium.webdriver.common.by import By
from websockets.sync.client import connect

from conftest import DAEMON_ENV, browser_errors
from pages import invite_of, joined, participant_id, schedule_via_api, sign_in, wait_js, wait_text, wait_until
from reviewroomd import Daemon

TIMEOUT = 20


def hello(ws, token):
    """Joins the open WebSocket `ws` with `token` (its welcome read)."""
    ws.send(json.dumps({"type": "hello", "token": token, "client": "browser-test/1"}))
    reply = json.loads(ws.recv(timeout=TIMEOUT))
    assert reply["type"] == "welcome", reply


def wait_offline(ws, participant):
    """Reads `ws`'s messages until a `presence` without `participant`."""
    while True:
        message = json.loads(ws.recv(timeout=TIMEOUT))
        if message.get("type") == "presence" and participant not in message["online"]:
            return


@pytest.fixture(scope="module")
def capped():
    """A daemon whose participants may hold one connection each, and a facilitator token."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-cap-")
    daemon = Daemon(data_dir, extra_env={**DAEMON_ENV, "REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT": "1"}).start()
    yield daemon, daemon.add_facilitator("Fran")["token"]
    daemon.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def test_a_link_open_in_too_many_tabs_says_so_and_joins_when_tried_again(capped, browsers):
    daemon, token = capped
    created = schedule_via_api(daemon, token, "Too many tabs", ["Asha", "Bilal"])
    tokens = {i["participant"]["name"]: i["token"] for i in created["invites"]}
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=TIMEOUT) as bilal:
        hello(bilal, tokens["Bilal"])
        page = browsers()
        with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=TIMEOUT) as elsewhere:
            hello(elsewhere, tokens["Asha"])  # Asha's one place, taken by another tab
            page.get(invite_of(created, "Asha"))
            wait_text(page, "#notice-heading", "This link is open in too many places")
            wait_text(page, ".notice", "already open in too many tabs or devices")
            assert page.execute_script("return window.reviewroom.connection.stopped"), "the page goes on trying by itself"
            assert page.execute_script("return sessionStorage.getItem('reviewroom.join.token')") == tokens["Asha"]

        wait_offline(bilal, participant_id(created, "Asha"))
        page.find_element(By.XPATH, "//button[normalize-space()='Try again now']").click()
        joined(page)
        wait_js(page, "return document.getElementById('notice-heading') === null")
        assert browser_errors(page) == []


def test_the_console_says_when_the_facilitator_is_open_in_too_many_places(capped, browsers):
    daemon, token = capped
    created = schedule_via_api(daemon, token, "Console twice", ["Asha"])
    own_link = next(i["token"] for i in created["invites"] if i["participant"]["role"] == "facilitator")
    console = browsers()
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=TIMEOUT) as elsewhere:
        hello(elsewhere, own_link)  # the facilitator's one place, taken by their invite link
        sign_in(console, daemon.base, token)
        wait_until(console, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Console twice']"))[0].click()
        wait_until(console, lambda d: d.find_element(By.ID, "run-live")).click()
        wait_text(console, ".form-status", "already open in too many tabs or devices of yours")
        assert console.execute_script("return document.getElementById('run-live') !== null")
    assert browser_errors(console) == []
