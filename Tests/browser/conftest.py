"""Fixtures for the browser suite: a real reviewroomd on a free port and headless Chromium.

The daemon is `.build/debug/reviewroomd` (override with REVIEWROOMD=path). Every browser
collects its console log; `browser_errors` returns the errors and CSP violations so each
test can assert there were none. Screenshots go to artifacts/screenshots/.
"""
import json
import os
import pathlib
import queue
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DAEMON = pathlib.Path(os.environ.get("REVIEWROOMD", ROOT / ".build" / "debug" / "reviewroomd"))
# The daemon serves the client straight from the source folder (its `web_root` key), so the
# suite tests the files as they are now, not the copy made by the last `swift build`.
# Notes are capped low so a test can paste past the cap without megabytes of typing.
MAX_NOTE_UNITS = 20000
DAEMON_ENV = {**os.environ, "REVIEWROOM_WEB_ROOT": os.environ.get(
    "REVIEWROOM_WEB_ROOT", str(ROOT / "Sources" / "ReviewRoomServer" / "Web")),
    "REVIEWROOM_MAX_NOTE_UNITS": str(MAX_NOTE_UNITS)}
START_TIMEOUT = 30


class Daemon:
    """One reviewroomd process; `restart()` keeps the data dir and the port."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.process = None
        self.port = 0
        self.base = None

    def start(self, port=0):
        # The daemon's log goes to a file in its data dir, kept across restarts, for reading after a failure.
        self.log = open(os.path.join(self.data_dir, "daemon.log"), "a")
        self.process = subprocess.Popen(
            [str(DAEMON), "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", self.data_dir],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env=DAEMON_ENV)
        lines = queue.Queue()

        def pump(stream):
            for line in stream:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, args=(self.process.stdout,), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=START_TIMEOUT)
            except queue.Empty:
                self.stop()
                raise RuntimeError("reviewroomd printed no 'Listening on' line")
            if line is None:
                raise RuntimeError(f"reviewroomd exited with {self.process.wait()} before listening")
            if line.startswith("Listening on "):
                self.base = line.split("Listening on ", 1)[1].strip().rstrip("/")
                self.port = int(self.base.rsplit(":", 1)[1])
                return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if getattr(self, "log", None):
            self.log.close()

    def restart(self):
        self.stop()
        return self.start(self.port)

    def facilitator_token(self, name="Fran"):
        out = subprocess.run([str(DAEMON), "facilitator", "add", name, "--json", "--data-dir", self.data_dir],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)["token"]

    def api(self, method, path, token, body=None):
        """(status, parsed JSON or None) of one API request."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, None


@pytest.fixture(scope="module")
def daemon():
    if not DAEMON.exists():
        pytest.fail(f"{DAEMON} is not built: run `swift build` first")
    data_dir = tempfile.mkdtemp(prefix="reviewroom-browser-")
    instance = Daemon(data_dir).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def facilitator(daemon):
    return daemon.facilitator_token()


@pytest.fixture(scope="module")
def api_ready(daemon, facilitator):
    """Skips tests that need the HTTP API v1 when this build does not serve it yet."""
    status, _ = daemon.api("GET", "/templates", facilitator)
    if status == 404:
        pytest.skip("this reviewroomd build has no HTTP API v1 yet (GET /api/v1/templates is 404)")
    return True


def make_driver():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1366,900",
                "--force-prefers-reduced-motion"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    downloads = tempfile.mkdtemp(prefix="reviewroom-downloads-")
    options.add_experimental_option("prefs", {"download.default_directory": downloads,
                                              "download.prompt_for_download": False})
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
