"""A page told `not_open` waits for the lobby by the server's clock (`/livez`'s `Date`), checking
without reloading (`lobby-wait.js`). It used to reload at most 15 s apart until let in: each
reload read its whole notice to a screen reader again, and one while the Wi-Fi was down left the
browser's own error page, which never joined (an audit, session 53). The daemon is real; the
device clock is moved in the page (`Date.now`) and a failed check is a blocked request."""
from conftest import browser_errors
from pages import invite_of, run_in_page, schedule_lobby_opening_in, text_of, wait_text, wait_until

# Chrome may log the refused handshake and the blocked check.
NOISE = ("WebSocket connection to", "livez", "ERR_BLOCKED_BY_CLIENT")


def test_the_wait_comes_from_the_servers_clock(daemon, browsers):
    driver = browsers()
    waits = run_in_page(
        driver, daemon,
        "import('/js/lobby-wait.js').then(({ lobbyWaitMs }) => done(["
        "  lobbyWaitMs(60000, 0), lobbyWaitMs(60000, 55000), lobbyWaitMs(60000, 60000),"
        "  lobbyWaitMs(60000, 60001), lobbyWaitMs(60000, 900000)]),"
        "(e) => done(['import failed: ' + e]));")
    # At most 15 s apart; a second more than the wait (the Date header is rounded down); 0 once open.
    assert waits == [15000, 6000, 1000, 0, 0]
    assert browser_errors(driver) == []


def test_a_page_waiting_for_the_lobby_reloads_once_when_it_opens_even_after_a_failed_check(daemon, facilitator, api_ready, browsers):
    # The lobby opens a minute before the start, about 25 s from now; the device's clock is five
    # minutes ahead, so by its own clock the page would think the lobby long open.
    created = schedule_lobby_opening_in(daemon, facilitator, 25, "Opens soon, checked quietly")
    page = browsers()
    page.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": (
        "(() => { const real = Date.now.bind(Date); Date.now = () => real() + 300000;"
        "  sessionStorage.setItem('loads', String(Number(sessionStorage.getItem('loads') || 0) + 1)); })();")})
    page.execute_cdp_cmd("Network.enable", {})
    page.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/livez"]})
    page.get(invite_of(created, "Asha"))
    wait_text(page, "#notice-heading", "This review is not open yet")
    wait_until(page, lambda d: d.execute_script("return Number(document.body.dataset.lobbyChecksFailed || 0)") >= 1,
               timeout=20, message="the page never checked the server's clock")
    # The check could not reach the server: no reload, the notice stays (not the browser's error page).
    assert page.execute_script("return sessionStorage.getItem('loads')") == "1"
    assert "joins by itself" in text_of(page, ".notice")
    page.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    wait_until(page, lambda d: d.execute_script("return !!(window.reviewroom && window.reviewroom.model.session)"), timeout=60,
               message="the page never joined after the lobby opened")
    assert page.execute_script("return window.reviewroom.model.you.name") == "Asha"
    # One reload in all, when the server's clock said the lobby was open: the notice was read once.
    assert page.execute_script("return sessionStorage.getItem('loads')") == "2"
    assert [e for e in browser_errors(page) if not any(n in e for n in NOISE)] == []
