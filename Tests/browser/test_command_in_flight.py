"""A command whose connection died before its answer came (a network-fault probe): "Raise hand"
pressed during a silent drop said "Not sent: you are offline. Try again once reconnected." — but
a command already sent may have been applied (the probe's was, once the network came back), so
trying again lowered the hand. Now the page says it may have gone through, and the line goes
once the page is back, showing what did happen. A command not sent at all (the page knew it was
offline) still says "Not sent"."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import wait_until
from room_helpers import proxied_room, refusal

MAYBE = "The connection dropped before the answer came, so this may have gone through. Check once reconnected before trying again."
NOT_SENT = "Not sent: you are offline. Try again once reconnected."
RECONNECT_NOISE = ("WebSocket connection to",)


def test_a_command_cut_off_in_flight_may_have_gone_through(proxied, browsers):
    _, proxy, _ = proxied
    _, chair, asha = proxied_room(proxied, browsers, "In flight", ["Asha"])
    proxy.silence()  # the socket looks open; nothing passes any more
    asha.find_element(By.ID, "raise-hand").click()
    # The page's unanswered-ping rule ends the dead connection; the command was out.
    wait_until(asha, lambda d: refusal(d)["text"] == MAYBE, timeout=40,
               message=f"the refusal line says {refusal(asha)['text']!r}")
    # Back online (new connections pass), the stale line goes.
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.connection.online"), timeout=40)
    wait_until(asha, lambda d: refusal(d)["text"] == "", message="the offline line stayed after the reconnect")

    proxy.cut()  # now the page knows it is offline: nothing is sent
    wait_until(asha, lambda d: not d.execute_script("return window.reviewroom.connection.online"), timeout=40)
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(asha, lambda d: refusal(d)["text"] == NOT_SENT, message=f"the refusal line says {refusal(asha)['text']!r}")
    proxy.mend()
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
