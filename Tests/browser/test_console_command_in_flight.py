"""A facilitator's "+1 min" pressed into a connection that died silently (a network probe): the
console said "may have gone through", the line cleared while it was still reconnecting, and
once back nothing said the minute had never been added. Now, once back, the console says
which it was: after a resume whose replay holds no clock change, that it did not go through;
when the clock did change meanwhile (someone else's change cannot be told from its own), to
check the room. The daemon here never saw the press, as in the probe."""
from conftest import browser_errors, proxied_daemon
from pages import click_when_ready, command, open_live_console, schedule_via_api, wait_js, wait_until
from room_helpers import refusal

MAYBE = "The connection dropped before the answer came, so this may have gone through. Check once reconnected before trying again."
NOT_APPLIED = ("“+1 min” did not go through: the connection dropped before it reached the server. "
               "Press it again if you still want it.")
CHECK = ("The connection dropped before “+1 min” was answered: check that the room shows what you wanted "
         "before pressing it again.")
RECONNECT_NOISE = ("WebSocket connection to",)


def press_into_a_dead_connection(console, proxy):
    """Presses "+1 min" after the console's connection went silent; waits until it says "may have gone through"."""
    console.execute_script("clearInterval(window.reviewroom.connection.pingTimer)")  # only the press finds out
    proxy.silence()
    click_when_ready(console, "control-extend-plus-60")
    wait_until(console, lambda d: refusal(d)["text"] == MAYBE, timeout=40,
               message=f"the refusal line says {refusal(console)['text']!r}")


def test_a_minute_pressed_into_a_dead_connection_is_said_to_be_lost_once_back(browsers):
    with proxied_daemon() as (daemon, proxy, facilitator):
        title = "A minute into a dead connection"
        schedule_via_api(daemon, facilitator, title, ["Asha"])
        console = browsers()
        open_live_console(console, f"http://127.0.0.1:{proxy.port}", facilitator, title)
        assert "error" not in command(console, "session.start")
        wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
        duration = console.execute_script("return window.reviewroom.model.session.agenda[0].durationSec")

        press_into_a_dead_connection(console, proxy)
        wait_until(console, lambda d: refusal(d)["text"] == NOT_APPLIED, timeout=60,
                   message=f"once back, the refusal line says {refusal(console)['text']!r}")
        assert console.execute_script("return window.reviewroom.model.session.agenda[0].durationSec") == duration

        # Another change to the clock while it was away: the console cannot tell whose it was.
        press_into_a_dead_connection(console, proxy)
        wait_until(console, lambda d: not d.execute_script("return window.reviewroom.connection.online"), timeout=40)
        console.execute_script("window.reviewroom.connection.stop()")  # held offline while the room changes
        direct = browsers()
        open_live_console(direct, daemon.base, facilitator, title)
        assert "error" not in command(direct, "clock.pause")
        console.execute_script("window.reviewroom.connection.stopped = false; window.reviewroom.connection.reconnectNow()")
        wait_until(console, lambda d: refusal(d)["text"] == CHECK, timeout=60,
                   message=f"once back after a change, the refusal line says {refusal(console)['text']!r}")
        assert [e for e in browser_errors(console) if not any(n in e for n in RECONNECT_NOISE)] == []
