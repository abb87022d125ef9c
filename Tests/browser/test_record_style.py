"""The HTML record is styled both where it is read: served by the daemon and saved to disk.

The daemon serves every HTML response with PROTOCOL §2's CSP (`default-src 'self'`), which
refuses the record's inline `<style>`; the record also links `/record.css`, the same CSS served
by the daemon, and that sheet applies — also behind a reverse proxy that serves the daemon under
a path prefix, since the link is relative to the record's URL. Opened from disk (an export, or the console's download)
no CSP applies and the inline style does; the link then finds nothing, which is harmless.
The record is opened at its real API URL, the facilitator's bearer token added to the request
by Chromium itself (DevTools `Network.setExtraHTTPHeaders`), so the daemon's own response
headers, its CSP included, are what the page runs under."""
import http.server
import pathlib
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request

from conftest import DAEMON, browser_errors, screenshot
from pages import schedule_via_api, wait_js

# A rule of RecordStyle.css: `main{max-width:60rem;...}` at the record's 16px root font size.
STYLED_MAIN_WIDTH = "960px"
STYLED = ("const main = document.querySelector('main'); const h2 = document.querySelector('h2');"
          "return {main: getComputedStyle(main).maxWidth, font: getComputedStyle(document.body).fontFamily,"
          "  rule: getComputedStyle(h2).borderBottomStyle};")


LINK = '<link rel="stylesheet" href="../../../../record.css">'


def open_served_record(driver, daemon, token, session, base=None):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {"Authorization": f"Bearer {token}"}})
    try:
        driver.get(f"{base or daemon.base}/api/v1/sessions/{session}/record?format=html")
        wait_js(driver, "return document.readyState === 'complete' && !!document.querySelector('main')")
    finally:
        driver.execute_cdp_cmd("Network.setExtraHTTPHeaders", {"headers": {}})


def test_the_record_served_by_the_daemon_is_styled_by_its_linked_sheet_under_the_csp(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Styled record", ["Asha"])
    page = browsers()
    open_served_record(page, daemon, facilitator, created["session"]["id"])
    styled = page.execute_script(STYLED)
    screenshot(page, "record-served")
    assert styled["main"] == STYLED_MAIN_WIDTH, styled
    assert "system-ui" in styled["font"] and styled["rule"] == "solid", styled
    sheets = page.execute_script("return [...document.styleSheets].map((s) => s.href)")
    assert f"{daemon.base}/record.css" in sheets
    # The CSP is the daemon's own, unloosened: it still refuses the inline copy (Chromium logs
    # that refusal), and refuses nothing else — the linked sheet, in particular, loads.
    logged = browser_errors(page)
    refused = [m for m in logged if "Content Security Policy" in m]
    assert refused and all("inline style" in m for m in refused), logged
    # Chromium asks for /favicon.ico by itself for a page without an icon link (the record has
    # none, and the daemon serves favicon.svg): that 404 is the browser's, not the record's.
    assert [m for m in logged if m not in refused and "/favicon.ico " not in m] == [], logged


def test_the_exported_and_the_downloaded_record_files_are_styled_by_their_inline_style(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Record on disk", ["Asha"])
    session = created["session"]["id"]
    folder = pathlib.Path(tempfile.mkdtemp(prefix="reviewroom-record-"))
    exported = subprocess.run([str(DAEMON), "export", session, "--format", "html", "--data-dir", daemon.data_dir],
                              check=True, capture_output=True, text=True, timeout=60, env=daemon.env).stdout
    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions/{session}/record?format=html",
                                     headers={"Authorization": f"Bearer {facilitator}"})
    with urllib.request.urlopen(request, timeout=15) as response:
        downloaded = response.read().decode("utf-8")
    page = browsers()
    for name, html in (("exported", exported), ("downloaded", downloaded)):
        assert html.count("<style>") == 1 and LINK in html, name
        file = folder / f"{name}.html"
        file.write_text(html, encoding="utf-8")
        page.get(file.as_uri())
        wait_js(page, "return document.readyState === 'complete' && !!document.querySelector('main')")
        styled = page.execute_script(STYLED)
        assert styled["main"] == STYLED_MAIN_WIDTH, (name, styled)
        assert "system-ui" in styled["font"] and styled["rule"] == "solid", (name, styled)
        assert not [m for m in browser_errors(page) if "Content Security Policy" in m], name
    screenshot(page, "record-on-disk")


class PrefixProxy(http.server.ThreadingHTTPServer):
    """A reverse proxy serving the daemon under `/reviewroom` (as a school's nginx might, with
    `public_url` `https://school.example/reviewroom`): it strips the prefix, forwards GETs with
    their headers, relays the daemon's status, headers and body, and notes every path asked."""

    PREFIX = "/reviewroom"

    def __init__(self, upstream):
        self.upstream = upstream
        self.asked = []
        super().__init__(("127.0.0.1", 0), PrefixProxyHandler)


class PrefixProxyHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.asked.append(self.path)
        if not self.path.startswith(PrefixProxy.PREFIX + "/"):
            self.send_error(404)
            return
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        request = urllib.request.Request(self.server.upstream + self.path[len(PrefixProxy.PREFIX):], headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                status, relayed, body = response.status, response.getheaders(), response.read()
        except urllib.error.HTTPError as error:
            status, relayed, body = error.code, error.headers.items(), error.read()
        self.send_response(status)
        for key, value in relayed:
            if key.lower() not in ("connection", "transfer-encoding", "content-length"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_the_record_served_behind_a_reverse_proxy_under_a_path_prefix_is_styled(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Proxied record", ["Asha"])
    proxy = PrefixProxy(daemon.base)
    threading.Thread(target=proxy.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{proxy.server_address[1]}{PrefixProxy.PREFIX}"
        page = browsers()
        open_served_record(page, daemon, facilitator, created["session"]["id"], base=base)
        styled = page.execute_script(STYLED)
        screenshot(page, "record-proxied")
        assert styled["main"] == STYLED_MAIN_WIDTH, (styled, proxy.asked)
        assert "system-ui" in styled["font"] and styled["rule"] == "solid", styled
        sheets = page.execute_script("return [...document.styleSheets].map((s) => s.href)")
        assert f"{base}/record.css" in sheets, sheets
        assert f"{PrefixProxy.PREFIX}/record.css" in proxy.asked and "/record.css" not in proxy.asked, proxy.asked
    finally:
        proxy.shutdown()
        proxy.server_close()


# Lines of a note in both directions: each takes its own, from its first strong letter.
MIXED_NOTE = "Year 7 pupils read daily.\nنعم، القراءة مهمة جداً!\nBack to English.\n"
LINE_EDGES = """
const main = document.querySelector('main');
const box = document.createElement('div');
box.className = 'note-text';
box.textContent = arguments[0];
main.prepend(box);
const text = box.firstChild;
const inner = box.getBoundingClientRect();
const style = getComputedStyle(box);
const left = inner.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft);
const right = inner.right - parseFloat(style.paddingRight);
return arguments[0].split('\\n').slice(0, 3).map((line) => {
  const start = arguments[0].indexOf(line);
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, start + line.length);
  const r = range.getBoundingClientRect();
  return {fromLeft: r.left - left, fromRight: right - r.right};
});
"""


def test_a_right_to_left_line_of_a_note_reads_right_to_left_in_the_record(daemon, facilitator, api_ready, browsers):
    """An Arabic line in a note sat left-aligned in an LTR paragraph, its "!" on the wrong side:
    the record's note text (and the who-wrote-what cells, headings and questions) now sets each
    line's direction from its own first letter (`unicode-bidi: plaintext`)."""
    created = schedule_via_api(daemon, facilitator, "Both directions", ["Asha"])
    page = browsers()
    open_served_record(page, daemon, facilitator, created["session"]["id"])
    english, arabic, again = page.execute_script(LINE_EDGES, MIXED_NOTE)
    assert english["fromLeft"] < 2 and english["fromRight"] > 100, english
    assert arabic["fromRight"] < 2 and arabic["fromLeft"] > 100, arabic
    assert again["fromLeft"] < 2, again
