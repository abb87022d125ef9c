"""Fixtures for the browser suite: a real reviewroomd on a free port and headless Chromium.

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
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
sys.path.insert(0, str(ROOT / "Tests" / "support"))
from reviewroomd import EXECUTABLE as DAEMON, Daemon  # noqa: E402
from blackhole_proxy import BlackholeProxy  # noqa: E402
# The daemon serves the client straight from the source folder (its `web_root` key), so the
# suite tests the files as they are now, not the copy made by the last `swift build`.
# Notes are capped low so a test can paste past the cap without megabytes of typing.
MAX_NOTE_UNITS = 20000
DAEMON_ENV = {"REVIEWROOM_WEB_ROOT": os.environ.get(
    "REVIEWROOM_WEB_ROOT", str(ROOT / "Sources" / "ReviewRoomServer" / "Web")),
    "REVIEWROOM_MAX_NOTE_UNITS": str(MAX_NOTE_UNITS)}


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


def make_driver():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--force-prefers-reduced-motion"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    downloads = tempfile.mkdtemp(prefix="reviewroom-downloads-")
    # A download that starts after its click's fetch (the record, then the calendar) may come
    # when the click no longer counts as the user's: Chrome then treats a second one as an
    # "automatic" download and holds it for a permission prompt nobody answers in a test (a
    # loaded CI run saw the calendar never arrive). A person answers the prompt; the test allows.
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False,
                                              "profile.default_content_setting_values.automatic_downloads": 1})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.download_dir = pathlib.Path(downloads)
    driver.set_script_timeout(30)
    driver.collected_log = []
    return driver


@pytest.fixture
def browsers():
    """A factory of Chromium drivers, all closed at the end of the test."""
    created = []

    def factory():
        driver = make_driver()
        created.append(driver)
        return driver

    yield factory
    for driver in created:
        driver.quit()


def browser_errors(driver):
    """Console errors and CSP violations logged so far (the log is drained, so keep the result)."""
    driver.collected_log.extend(driver.get_log("browser"))
    return [entry["message"] for entry in driver.collected_log
            if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]]


def screenshot(driver, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    driver.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
