"""A hand raised while the connection is down (network-fault probes and an audit, session 53).
Pressed during a silent drop it said "Not sent: you are offline. Try again once reconnected." — but
the command was already out and was applied once the network came back, so trying again lowered
the hand; then it said "may have gone through. Check once reconnected", and the page resent it
anyway; pressed while the page knew it was offline it was dropped. Raising or lowering a hand is
safe to repeat, so now the page says at once that it will be done on reconnecting, and does it."""
from selenium.webdriver.common.by import By

from conftest import errors_beside_reconnects
from pages import wait_until
from room_helpers import proxied_room, refusal

RAISE_QUEUED = "You are offline: your hand will go up when you are reconnected."


def hand_up(driver):
    return driver.execute_script(
        "const s = window.reviewroom.model.session; const me = window.reviewroom.model.you.id;"
        "return (s.floor.queue || []).some((h) => h.participant === me);")


def test_a_hand_raised_while_offline_goes_up_once_reconnected(proxied, browsers):
    _, proxy, _ = proxied
    _, chair, asha = proxied_room(proxied, browsers, "In flight", ["Asha"])
    proxy.silence()  # the socket looks open; nothing passes any more
    asha.find_element(By.ID, "raise-hand").click()
    # The page's unanswered-ping rule ends the dead connection; the command was out.
    wait_until(asha, lambda d: refusal(d)["text"] == RAISE_QUEUED, timeout=40,
               message=f"the refusal line says {refusal(asha)['text']!r}")
    # Back online (new connections pass): the hand is up (sent again if it had not gone through),
    # once, and the line about it goes.
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.connection.online"), timeout=40)
    wait_until(asha, hand_up, message="the hand raised during the drop is not up after the reconnect")
    wait_until(asha, lambda d: refusal(d)["text"] == "", message="the offline line stayed after the reconnect")

    asha.find_element(By.ID, "raise-hand").click()  # lowers it
    wait_until(asha, lambda d: not hand_up(d), message="the hand did not go down")
    proxy.cut()  # now the page knows it is offline: nothing can be sent
    wait_until(asha, lambda d: not d.execute_script("return window.reviewroom.connection.online"), timeout=40)
    asha.find_element(By.ID, "raise-hand").click()
    wait_until(asha, lambda d: refusal(d)["text"] == RAISE_QUEUED, message=f"the refusal line says {refusal(asha)['text']!r}")
    proxy.mend()
    wait_until(asha, lambda d: d.execute_script("return window.reviewroom.connection.online"), timeout=40)
    wait_until(asha, hand_up, message="the hand raised while offline did not go up once reconnected")
    wait_until(asha, lambda d: refusal(d)["text"] == "", message="the offline line stayed after the reconnect")
    assert errors_beside_reconnects(asha) == []
