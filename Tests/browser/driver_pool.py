"""Chromium drivers reused from test to test, reset in between: headless shells, and whole
Chromiums for the tests that need one (`new_driver`), each kind pooled apart.

Starting Chromium costs about 0.9 CPU-seconds and the browser suite starts hundreds; on a
2-core CI machine that was a quarter of the suite's time. A driver goes back to its worker's
pool only when its test passed and changed nothing the reset does not undo: a test that used
CDP emulation (anything but `Input.*`), sized the window or set network conditions marks its
driver `tainted` and that driver is quit, as is one that went through a BlackholeProxy, whose
test left more than its one tab, or whose reset fails in any way. A pooled driver that no
longer answers when taken (`alive`) is quit and another started.

The reset, in the driver's one tab: keys and buttons an action chain left pressed released,
the page's `beforeunload` listeners stopped and its session storage cleared, the tab taken to
about:blank and its history dropped, the storage of every origin the test opened cleared,
cookies cleared, the download folder emptied, the browser log drained and the timeouts set
back. (A reset that opened a new tab and closed the old one instead saw a typing test fail in
the new tab: the same tab is kept.) The HTTP cache is kept: the pages (`no-store`) link their
files under the client's version, which the browser keeps for good (StaticFiles.swift), and the
version changes whenever a file does (a test that edits the client's files gets a new one,
test_page_files_kept.py), so a warm cache changes only how fast a page loads (its modules'
compiled code is kept with them), never what it shows.
Opening a room page and resetting took 0.49–0.50 CPU-seconds with the cache kept and
0.63–0.64 with it cleared (two runs of 20 rounds each way), and the whole suite 591 s and
1,130 CPU-seconds against 607 s and 1,175 (session 63, one run each way), when every file was
`no-cache` and asked for again on each load. With the files kept under their version, that
round took 0.29–0.30 CPU-seconds where it took 0.56–0.57 just before (two runs each), and the
suite 532 s and 1,022 CPU-seconds (session 65).
"""
import pathlib
import shutil
import tempfile
import urllib.parse

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.chrome.service import Service

from blackhole_proxy import BlackholeProxy

# Idle drivers of each kind kept per worker (a test uses at most a handful at once).
POOL_LIMIT = 6
HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell"


class PooledChrome(webdriver.Chrome):
    """A Chrome driver that notes whether its test changed browser state its reset does not undo."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.tainted = False
        self.visited_origins = set()

    def get(self, url):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("http", "https"):
            self.visited_origins.add(f"{parts.scheme}://{parts.netloc}")
        # Chromium keeps idle connections for reuse; one to a proxy that then went silent would
        # take the next test's first request into the silence (a reused browser hung there).
        if parts.port in BlackholeProxy.ports:
            self.tainted = True
        return super().get(url)

    def execute_cdp_cmd(self, cmd, cmd_args):
        if not cmd.startswith("Input."):
            self.tainted = True
        return super().execute_cdp_cmd(cmd, cmd_args)

    def _cdp(self, cmd, cmd_args):
        return super().execute_cdp_cmd(cmd, cmd_args)

    def set_window_size(self, *args, **kwargs):
        self.tainted = True
        return super().set_window_size(*args, **kwargs)

    def set_window_rect(self, *args, **kwargs):
        self.tainted = True
        return super().set_window_rect(*args, **kwargs)

    def maximize_window(self):
        self.tainted = True
        return super().maximize_window()

    def minimize_window(self):
        self.tainted = True
        return super().minimize_window()

    def fullscreen_window(self):
        self.tainted = True
        return super().fullscreen_window()

    def set_network_conditions(self, **network_conditions):
        self.tainted = True
        return super().set_network_conditions(**network_conditions)

    def quit(self):
        self.tainted = True
        return super().quit()

    def reset(self):
        """Bring the driver back to what `new_driver` returns; raises if it cannot."""
        try:
            self.switch_to.alert.dismiss()
        except NoAlertPresentException:
            pass
        if len(self.window_handles) != 1:
            raise RuntimeError("the test opened or closed tabs")
        # Keys and buttons an action chain left pressed (WebDriver keeps them per session).
        ActionChains(self).reset_actions()
        # The pages ask before being left (`beforeunload`, a prompt nobody answers here): a
        # capturing listener on the window, added last but run first, stops them being asked.
        self.execute_script("window.addEventListener('beforeunload', (e) => e.stopImmediatePropagation(), true);"
                            "try { sessionStorage.clear(); } catch {}")
        super().get("about:blank")
        self._cdp("Page.resetNavigationHistory", {})
        for origin in self.visited_origins:
            self._cdp("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self._cdp("Network.clearBrowserCookies", {})
        self.visited_origins.clear()
        for entry in self.download_dir.iterdir():
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        self.get_log("browser")
        self.collected_log = []
        self.implicitly_wait(0)
        self.set_page_load_timeout(300)
        self.set_script_timeout(30)


def new_driver(*extra_args, back_forward_cache=False, full=False):
    """A freshly started headless browser (1366×900, reduced motion, its own download folder),
    with `extra_args` on its command line too (a test that needs them quits its driver itself):
    Chromium itself (`--headless=new`) when `full`, its headless shell otherwise.
    The headless shell (Debian's chromium-headless-shell, from the same Chromium build) is
    Chromium's old headless mode: the same Blink, V8 and network stack, without the browser
    around them (no tab strip, download manager, kiosk mode or back/forward cache). Starting
    one took 0.35 CPU-seconds where Chromium took 1.1–1.2, opening a room page and resetting
    0.24 where Chromium took 0.36, a console 0.79–0.88 where it took 1.03 (two runs each), and
    the whole suite 415 s and 763 CPU-seconds where it took 577 s and 1,104 (session 67, one
    run each way on a 2-core VM): `make test` went past its 20 minutes on the browser suite.
    What only the whole browser does is tested in it: a test marked `full_chromium` gets
    Chromium from `browsers` (conftest.py).
    `--disable-gpu`: there is no GPU here, and without it Chromium draws through one emulated in
    software in a GPU process of its own; a quarter of the suite's files took 6–8 % fewer
    CPU-seconds and 8–10 % less time with it (two runs each way on a 2-core VM, session 62).
    Without `back_forward_cache`, Chromium's back/forward cache is off: with it on, every page a
    test leaves (the reset's about:blank, the next test's `get`) is kept alive frozen, and the
    next page starts in a new renderer process; opening a room page and resetting the driver
    took 0.83–0.98 CPU-seconds with it and 0.63–0.74 without (three runs of 20 rounds each way),
    and the whole suite 604 s and 1,175 CPU-seconds (session 63; 642 s and 1,246 in session 62).
    The cache itself is tested where a person meets it (test_back_forward_cache.py)."""
    options = webdriver.ChromeOptions()
    if not full:
        options.binary_location = HEADLESS_SHELL
    for arg in (*(("--headless=new",) if full else ()), "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--force-prefers-reduced-motion",
                *(() if back_forward_cache else ("--disable-features=BackForwardCache",)), *extra_args):
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
    driver = PooledChrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.full = full
    driver.download_dir = pathlib.Path(downloads)
    driver.set_script_timeout(30)
    driver.collected_log = []
    return driver


class DriverPool:
    """One worker's idle drivers: `take` reuses one or starts one, `give_back` resets or quits it."""

    def __init__(self):
        self.idle = {False: [], True: []}  # headless shells, whole Chromiums (`full`)

    def take(self, full=False):
        idle = self.idle[full]
        while idle:
            driver = idle.pop()
            if alive(driver):
                return driver
            discard(driver)
        return new_driver(full=full)

    def give_back(self, driver, reusable):
        idle = self.idle[driver.full]
        if reusable and not driver.tainted and len(idle) < POOL_LIMIT:
            try:
                driver.reset()
                idle.append(driver)
                return
            except Exception:  # any failed reset: the driver is given up, never reused half-reset
                pass
        discard(driver)

    def close(self):
        for idle in self.idle.values():
            while idle:
                discard(idle.pop())


def alive(driver):
    """Whether an idle driver still answers: its chromedriver runs and its browser has its one
    tab. A run once found a pooled driver's chromedriver gone (connection refused on its port)
    when the next test took it, which failed that test however good the page was."""
    if driver.service.process is None or driver.service.process.poll() is not None:
        return False
    try:
        return len(driver.window_handles) == 1
    except Exception:  # chromedriver or its browser gone: the driver is given up, not the test
        return False


def discard(driver):
    """Quit the driver and remove its download folder, whatever state it is in."""
    try:
        webdriver.Chrome.quit(driver)
    except Exception:  # already quit by its test, or its Chromium is gone
        pass
    shutil.rmtree(driver.download_dir, ignore_errors=True)
