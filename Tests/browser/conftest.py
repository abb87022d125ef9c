"""Fixtures for the browser suite: a real reviewroomd on a free port and headless Chromium (its
headless shell, or Chromium itself for a test marked `full_chromium`: driver_pool.py).

The daemon is `.build/debug/reviewroomd` (override with REVIEWROOMD=path). Every browser
collects its console log; `browser_errors` returns the errors and CSP violations so each
test can assert there were none. Screenshots go to artifacts/screenshots/.
"""
import contextlib
import os
import pathlib
import sys
import shutil
import tempfile

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "Tests" / "support"))
from reviewroomd import EXECUTABLE as DAEMON, Daemon  # noqa: E402
from blackhole_proxy import BlackholeProxy  # noqa: E402
from driver_pool import DriverPool  # noqa: E402
from slowest_first import slowest_files_first  # noqa: E402
# The daemon serves the client straight from the source folder (its `web_root` key), so the
# suite tests the files as they are now, not the copy made by the last `swift build`.
# Notes are capped low so a test can paste past the cap without megabytes of typing.
MAX_NOTE_UNITS = 20000
DAEMON_ENV = {"REVIEWROOM_WEB_ROOT": os.environ.get(
    "REVIEWROOM_WEB_ROOT", str(ROOT / "Sources" / "ReviewRoomServer" / "Web")),
    "REVIEWROOM_MAX_NOTE_UNITS": str(MAX_NOTE_UNITS)}


# The files that took 20 s or more of a worker's time, the longest first (three workers on a 2-core
# VM, session 62): `make browser-test` hands them out first (slowest_first.py).
SLOWEST_FILES = [
    "test_room_announcements.py", "test_console_cofacilitation.py", "test_console_undo.py", "test_live_session.py",
    "test_host_record.py", "test_console_questions.py", "test_console_fields.py", "test_console_timeup.py",
    "test_focus.py", "test_console_stable_layout.py", "test_room_catch_up.py", "test_network_in_the_way.py",
    "test_console_copy.py", "test_low_vision.py", "test_console_controls_kept.py", "test_not_open_clock.py",
    "test_schedule_edit.py", "test_resilience_silent_command.py", "test_voice_control.py", "test_console_guards.py",
    "test_lobby_wait.py", "test_room_clock.py", "test_console_shortcuts.py", "test_console_command_in_flight.py",
    "test_first_time_facilitator.py", "test_workshop_wording.py", "test_resilience_network.py",
    "test_console_share_link.py", "test_room_keyboard.py", "test_schedule_rows.py", "test_room_floor.py",
    "test_connection_notices.py", "test_display_crowd.py",
]


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "full_chromium: the test needs the whole browser (downloads, a tab hidden behind "
                   "another, kiosk mode, the back/forward cache), "
                   "not the headless shell the suite otherwise runs in (driver_pool.py)")


def pytest_collection_modifyitems(items):
    slowest_files_first(items, SLOWEST_FILES, pathlib.Path(__file__).parent)


@pytest.fixture(scope="module")
def daemon():
    if not DAEMON.exists():
        pytest.fail(f"{DAEMON} is not built: run `swift build` first")
    data_dir = tempfile.mkdtemp(prefix="reviewroom-browser-")
    instance = Daemon(data_dir, extra_env=DAEMON_ENV).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@contextlib.contextmanager
def proxied_daemon(**extra_env):
    """(daemon, proxy, facilitator token): a daemon (with `extra_env` besides the suite's) reached
    through a BlackholeProxy, whose origin it allows."""
    proxy = BlackholeProxy()
    data_dir = tempfile.mkdtemp(prefix="reviewroom-browser-")
    env = dict(DAEMON_ENV, REVIEWROOM_ALLOWED_ORIGINS=f"http://127.0.0.1:{proxy.port}", **extra_env)
    daemon = Daemon(data_dir, extra_env=env).start()
    proxy.target = ("127.0.0.1", daemon.port)
    try:
        yield daemon, proxy, daemon.add_facilitator("Fran")["token"]
    finally:
        proxy.close()
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def proxied():
    """`proxied_daemon()` for one test module."""
    with proxied_daemon() as parts:
        yield parts


@pytest.fixture(scope="module")
def facilitator(daemon):
    return daemon.add_facilitator("Fran")["token"]


@pytest.fixture(scope="module")
def api_ready(daemon, facilitator):
    """The HTTP API v1 the browser tests drive answers (a failure, never a skip: a build
    without it must not pass the browser suite)."""
    status, _ = daemon.api("GET", "/templates", facilitator)
    assert status == 200, f"GET /api/v1/templates answered {status}; the browser tests need the HTTP API v1"
    return True


@pytest.fixture(scope="session")
def driver_pool():
    """This worker's `DriverPool`; its idle drivers are quit when the worker's tests are done."""
    pool = DriverPool()
    yield pool
    pool.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so `browsers` knows whether its test passed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def browsers(driver_pool, request):
    """A factory of drivers, given back at the end of the test: reused by later tests if this
    one passed and did nothing the pool's reset does not undo, quit otherwise (driver_pool.py).
    Chromium's headless shell, or Chromium itself for a test marked `full_chromium`."""
    created = []
    full = request.node.get_closest_marker("full_chromium") is not None

    def factory():
        driver = driver_pool.take(full)
        created.append(driver)
        return driver

    yield factory
    report = getattr(request.node, "report_call", None)
    passed = report is not None and report.passed
    for driver in created:
        driver_pool.give_back(driver, reusable=passed)


def browser_errors(driver):
    """Console errors and CSP violations logged so far (the log is drained, so keep the result)."""
    driver.collected_log.extend(driver.get_log("browser"))
    return [entry["message"] for entry in driver.collected_log
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]


# What a page whose network was cut logs with nothing wrong: each WebSocket try that failed and,
# after four in a row, its plain fetch of /ws asking why (connection.js `diagnose`), which the
# cut fails too (a cut that lasted four tries on a loaded run, session 62).
RECONNECT_NOISE = ("WebSocket connection to", "/ws - Failed to load resource")


def errors_beside_reconnects(driver):
    """`browser_errors` less what failed reconnect tries log (RECONNECT_NOISE)."""
    return [e for e in browser_errors(driver) if not any(n in e for n in RECONNECT_NOISE)]


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
