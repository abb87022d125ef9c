"""Everyone sees the same clock (PRODUCT.md, "Fair and fast"; BrowserClient.md, "Time"), also when
a device's own clock is set while the page is open — a school PC whose clock Windows or NTP
corrects by two minutes mid-review. The page measured the server's clock offset once per
connection and kept the sample with the smallest round trip, so its countdown stayed two
minutes off until the next reconnect; a sample that cannot agree with the kept one (their
round trips allow no common offset) now replaces it at the next `ping`, within 15 s.
The step is made in the page (`Date.now` moved on by two minutes, as the OS clock would), and
the path gets slower at the same time (a proxy adds 50 ms each way), so no later ping has a
round trip as short as the kept one's; the daemon, the socket and the pings are real."""
import re

from conftest import browser_errors
from pages import command, wait_js, wait_until
from room_helpers import proxied_room

STEP_MS = 120_000
# The page's estimate of server time minus the real time (daemon and browser share a clock here).
ERROR_MS = ("const c = window.reviewroom.connection;"
            "return c.serverNow() - (performance.timeOrigin + performance.now());")
# Seconds left as shown ("9:58 left") and as the server's endsAt says by the real clock.
SHOWN_AND_TRUE = ("const s = window.reviewroom.model.session;"
                  "return [document.querySelector('.countdown').textContent,"
                  " (Date.parse(s.clock.endsAt) - (performance.timeOrigin + performance.now())) / 1000];")


def shown_seconds(text):
    minutes, seconds = re.match(r"(\d+):(\d\d) left", text).groups()
    return int(minutes) * 60 + int(seconds)


def test_the_countdown_follows_the_server_after_the_device_clock_is_set(proxied, browsers):
    proxy = proxied[1]
    _, chair, asha = proxied_room(proxied, browsers, "A device clock set mid-review", ["Asha"])
    assert "error" not in command(chair, "session.start")
    # The first few quick pings are over (one a second after the welcome; then one every 15 s).
    asha.execute_script("const c = window.reviewroom.connection; const ping = c.ping.bind(c); c.pings = 0;"
                        "c.ping = () => { c.pings += 1; return ping(); };")
    wait_js(asha, "return window.reviewroom.model.session.clock.endsAt && window.reviewroom.connection.pings >= 2")
    assert abs(asha.execute_script(ERROR_MS)) < 500

    proxy.delay = 0.05
    asha.execute_script("const real = Date.now.bind(Date); Date.now = () => real() + arguments[0];", STEP_MS)
    # The next regular ping (every 15 s) must bring the estimate back.
    wait_until(asha, lambda d: abs(d.execute_script(ERROR_MS)) < 500, timeout=25,
               message=f"the page's server time stayed {asha.execute_script(ERROR_MS):.0f} ms off after the device clock was set")
    # What Asha sees agrees with the server's clock again (to the second the countdown shows).
    wait_until(asha, lambda d: abs(shown_seconds(d.execute_script(SHOWN_AND_TRUE)[0]) - d.execute_script(SHOWN_AND_TRUE)[1]) <= 1.5,
               message=f"the countdown shows {asha.execute_script(SHOWN_AND_TRUE)}")
    assert browser_errors(asha) == []
