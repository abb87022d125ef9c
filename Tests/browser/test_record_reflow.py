"""The HTML record reflows at 320 CSS px (400 % zoom of a 1280 px window; WCAG 1.4.10): the page
does not scroll sideways, the summary's text wraps inside the viewport (it ran past the right
edge, cut), and each wide table scrolls in a region of its own that the keyboard can reach and
that names its table. The record of a played session, saved to disk, as it is downloaded."""
import asyncio
import base64
import pathlib
import struct
import tempfile
import urllib.request
import zlib

from pages import schedule_via_api, wait_js
from test_record_a11y import run_session

REFLOW = """
const vw = document.documentElement.clientWidth;
const cut = [...document.querySelectorAll('dl.facts dd')].filter((dd) =>
  dd.getBoundingClientRect().right > vw + 1 || dd.scrollWidth > dd.clientWidth + 1).map((dd) => dd.textContent);
const tables = [...document.querySelectorAll('table')].map((table) => {
  const region = table.parentElement;
  return {label: region.getAttribute('aria-label'), role: region.getAttribute('role'), tabindex: region.getAttribute('tabindex'),
          scrolls: getComputedStyle(region).overflowX === 'auto', wider: region.scrollWidth > region.clientWidth,
          inside: region.getBoundingClientRect().right <= vw + 1};
});
return {vw, page: document.documentElement.scrollWidth, cut, tables};
"""


def played_record(daemon, facilitator, title, people):
    """The HTML record of a session with `people` played through, saved to disk as downloaded."""
    created = schedule_via_api(daemon, facilitator, title, people)
    asyncio.run(run_session(daemon, facilitator, created))
    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions/{created['session']['id']}/record?format=html",
                                     headers={"Authorization": f"Bearer {facilitator}"})
    saved = pathlib.Path(tempfile.mkdtemp(prefix="reviewroom-record-")) / "record.html"
    with urllib.request.urlopen(request, timeout=15) as response:
        saved.write_bytes(response.read())
    return saved


def test_the_record_reflows_at_320_px_with_each_wide_table_scrolling_alone(daemon, facilitator, api_ready, browsers):
    saved = played_record(daemon, facilitator, "Reflowing record for Northfield Primary", ["Asha", "Bilal"])
    page = browsers()
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 320, "height": 640, "deviceScaleFactor": 1, "mobile": False})
    page.get(saved.as_uri())
    wait_js(page, "return document.readyState === 'complete' && window.innerWidth === 320")
    result = page.execute_script(REFLOW)
    assert result["page"] <= result["vw"] and result["cut"] == [], result
    assert result["tables"] and all(t["role"] == "region" and t["tabindex"] == "0" and t["label"] and t["scrolls"] and t["inside"]
                                    for t in result["tables"]), result["tables"]
    # The agenda's nine columns do not fit: its region scrolls, the page does not.
    agenda = next(t for t in result["tables"] if t["label"] == "Agenda: planned and as run")
    assert agenda["wider"], agenda
    # Its phase column keeps a readable width in that region (a host's audit on a phone found a
    # phase's purpose one word per line, its first row some 250 px tall), and a contents list
    # leads to each section of the record.
    widths = page.execute_script("return [...document.querySelectorAll('#agenda tbody th')].map((th) => th.getBoundingClientRect().width)")
    assert widths and min(widths) >= 150, widths
    assert page.execute_script("return [...document.querySelectorAll('nav.contents a')].map((a) => a.getAttribute('href'))")[:2] == ["#attendance", "#agenda"]


def png_rows(data):
    """The rows of an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium's screenshots are), as
    lists of (r, g, b): enough to read a few pixels without an image library."""
    width = height = channels = None
    compressed = b""
    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6) and chunk[12] == 0, chunk
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            compressed += chunk
        at += 12 + length
    raw, stride, rows, previous = zlib.decompress(compressed), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up, corner = previous[i], previous[i - channels] if i >= channels else 0
            if kind == 1: line[i] = (line[i] + left) & 255
            elif kind == 2: line[i] = (line[i] + up) & 255
            elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                nearest = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))[2]
                line[i] = (line[i] + nearest) & 255
        rows.append([tuple(line[x * channels:x * channels + 3]) for x in range(width)])
        previous = line
    return rows


def test_a_table_that_scrolls_sideways_shows_a_shadow_where_more_of_it_is(daemon, facilitator, api_ready, browsers):
    """On a phone the agenda's region showed its first three columns cut at the screen's edge,
    with nothing to say that "Actual" and "Difference" were a scroll away (a visual audit): a
    shadow darkens the edge with more beyond it, and goes once the region is scrolled to it."""
    saved = played_record(daemon, facilitator, "Shadowed record", ["Asha"])
    page = browsers()
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 740, "deviceScaleFactor": 1, "mobile": False})
    page.get(saved.as_uri())
    wait_js(page, "return document.readyState === 'complete' && window.innerWidth === 360")
    region = "document.querySelector('#agenda .table-scroll')"

    def edges():
        """The darkest pixel in the region's first and last 4 px, down a body row's left of any text."""
        box = page.execute_script(f"const r = {region}.getBoundingClientRect(), c = document.querySelector('#agenda tbody td').getBoundingClientRect();"
                                  "scrollTo(0, scrollY + c.top - 100); const n = document.querySelector('#agenda tbody td').getBoundingClientRect(), s = "
                                  f"{region}.getBoundingClientRect(); return [s.left, s.right, n.top + scrollY]")
        left, right, top = box  # the clip is in the page's coordinates, not the window's
        shot = page.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "clip": {
            "x": left, "y": top + 2, "width": right - left, "height": 1, "scale": 1}})
        row = png_rows(base64.b64decode(shot["data"]))[0]
        return min(sum(p) for p in row[:4]), min(sum(p) for p in row[-4:])

    assert page.execute_script(f"const r = {region}; return r.scrollWidth > r.clientWidth + 50"), "the agenda fits: nothing to test"
    start_left, start_right = edges()
    assert start_right < 3 * 245, f"no shadow at the right edge with more to the right: {start_right}"
    page.execute_script(f"const r = {region}; r.scrollLeft = r.scrollWidth")
    end_left, end_right = edges()
    assert end_left < 3 * 245 and end_right > start_right, f"scrolled to the end, the shadow did not move to the left edge: {(end_left, end_right)}"


def test_printed_tables_wrap_a_long_name_instead_of_running_off_the_page(daemon, facilitator, api_ready, browsers):
    """Printed, a table cannot scroll: a probe's 150-letter name pushed the attendance table to
    1,519 px and the log's to 3,068 px on an A4 page about 700 px wide."""
    long_name = "Bartholomew" * 14
    saved = played_record(daemon, facilitator, "Printed record", ["Asha", long_name])
    page = browsers()
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 700, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    page.get(saved.as_uri())
    wait_js(page, "return document.readyState === 'complete' && window.innerWidth === 700")
    widths = page.execute_script(
        "return [...document.querySelectorAll('table')].filter((t) => t.textContent.includes(arguments[0]))"
        "  .map((t) => [t.parentElement.getAttribute('aria-label'), Math.round(t.getBoundingClientRect().width)]);", long_name)
    assert widths, "no table names the long-named reviewer"
    assert all(width <= 700 for _, width in widths), widths


# Each element's text as laid out: on how many lines (the distinct tops of its line boxes).
LINES = """
const lines = (el) => { const range = document.createRange(); range.selectNodeContents(el);
  return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size; };
return [...document.querySelectorAll(arguments[0])].map((el) => [el.textContent, lines(el)]);
"""


# The words of each element's text that are laid out over more than one line.
BROKEN_WORDS = """
const broken = [];
for (const el of document.querySelectorAll(arguments[0])) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const word of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange(); range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) broken.push(word[0]);
    }
  }
}
return broken;
"""


def test_printed_times_and_column_headings_are_not_broken_inside_a_word(daemon, facilitator, api_ready, browsers):
    """Printed on A4 (about 700 px), `overflow-wrap: anywhere` let the agenda's Due, Started and
    Ended cells break as "04 / :5 / 4" and a heading as "Phr / ase" (a host's audit): each time
    is on one line now, while a long name still wraps (the test above). An agenda across midnight
    gives each cell its date ("2026-12-06 22:48 GMT"), which broke at its hyphens, four lines a
    cell: date and time now take a line each at most. Which of the two a run sees depends on the
    time of day it runs at (the session starts two minutes from now), so both are held here."""
    saved = played_record(daemon, facilitator, "Printed times", ["Asha", "Bilal"])
    page = browsers()
    page.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 700, "height": 1000, "deviceScaleFactor": 1, "mobile": False})
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    page.get(saved.as_uri())
    wait_js(page, "return document.readyState === 'complete' && window.innerWidth === 700")
    times = page.execute_script(LINES, "#agenda tbody td:nth-last-child(-n+3)")  # Due, Started, Ended
    most = 1 if all(" " not in text for text, _ in times) else 2
    assert len(times) >= 3 and all(lines <= most for _, lines in times), times
    assert page.execute_script(BROKEN_WORDS, "#agenda tbody td:nth-last-child(-n+3)") == []
    headings = page.execute_script(LINES, "thead th")
    assert headings and all(lines == 1 for text, lines in headings if " " not in text.strip()), headings
