"""A connection that stops answering is given up (connection.js, PING_ANSWER_LIMIT_MS): the
daemon is frozen with SIGSTOP, so its sockets stay open but nothing comes back (as after a Wi-Fi
drop, when the browser's TCP connection looks open for minutes). The page says it is
reconnecting, keeps the note editable and its unsent text, and once the daemon answers again
(SIGCONT) joins by itself on a fresh connection and sends the text. It runs in its own module,
so freezing this module's daemon touches no other test."""
import os
import signal

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import connection_banner, kept_text_reaches_server, reviewer_joined, wait_text, wait_until

RECONNECT_NOISE = ("WebSocket connection to",)


def test_a_connection_that_stops_answering_is_replaced(daemon, facilitator, api_ready, browsers):
    session, note, asha = reviewer_joined(daemon, facilitator, browsers, "The daemon freezes under a reviewer")
    assert connection_banner(asha)["hidden"]

    os.kill(daemon.process.pid, signal.SIGSTOP)
    try:
        # The next ping (sent now rather than in up to 15 s) gets no answer: the page gives up on
        # the connection and says so, though the socket never closed.
        asha.execute_script("window.reviewroom.connection.ping()")
        wait_until(asha, lambda d: connection_banner(d) == {"hidden": False, "text": "Connection lost – reconnecting…", "inTree": True}, timeout=30,
                   message=f"the page never gave up on the silent connection (banner: {connection_banner(asha)})")
        area = asha.find_element(By.ID, f"note-{note['id']}")
        area.send_keys(Keys.END, "typed while the daemon was frozen")
        wait_text(asha, ".tab-panel:not([hidden]) .note-status", "Unsynced changes")
    finally:
        os.kill(daemon.process.pid, signal.SIGCONT)

    wait_until(asha, lambda d: connection_banner(d)["hidden"], timeout=40,
               message=f"the banner never cleared once the daemon answered again (banner: {connection_banner(asha)})")
    kept_text_reaches_server(asha, daemon, facilitator, session, note, "typed while the daemon was frozen")
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
