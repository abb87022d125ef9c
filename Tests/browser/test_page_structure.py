"""What a screen reader finds by headings and in the tab's title: the console's live view starts
with its h1 and names no section at two levels (its controls came first, "Agenda" and "Floor"
each twice); the display's Now and Floor regions have headings; and the title of the room pages
and the live view says when the connection is lost ("Connection lost – …", back when it is) and
when the review has ended ("Ended – …"): a tab in the background, or a list of tabs, told nothing."""
from conftest import browser_errors
from pages import command, joined, start_live_review, wait_until

OUTLINE = "return [...document.querySelectorAll('main h1, main h2, main h3, main h4')].map((h) => [h.tagName, h.textContent.trim()])"
TITLE = "Structure and titles"
# Every id named by aria-labelledby, aria-describedby, aria-controls or a label's `for`, that no
# element has; hidden parts included (an axe probe found the hidden shortcuts section naming a
# heading it had removed).
DANGLING = (
    "return [...document.querySelectorAll('[aria-labelledby], [aria-describedby], [aria-controls], label[for]')]"
    ".flatMap((n) => ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for']"
    ".flatMap((a) => (n.getAttribute(a) || '').split(/\\s+/).filter(Boolean))"
    ".filter((id) => !document.getElementById(id)).map((id) => `${n.tagName}.${n.className} -> ${id}`))")


def title_becomes(driver, expected):
    wait_until(driver, lambda d: d.title == expected, message=f"the title is {driver.title!r}, not {expected!r}")


def network(driver, offline):
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_headings_and_titles_say_where_and_how_things_are(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, TITLE, ["Asha"])
    outline = console.execute_script(OUTLINE)
    assert outline[0] == ["H1", TITLE] and ["H2", "Run the session"] in outline, outline
    # Every part of the controls is reached by its heading, the round and the questions too.
    controls = [text for level, text in outline if level == "H3" and text.endswith(" controls")]
    assert controls == ["Clock controls", "Agenda controls", "Floor controls", "Round controls", "Question controls"], outline
    levels = {}
    for level, text in outline:
        levels.setdefault(text, set()).add(level)
    assert {text: found for text, found in levels.items() if len(found) > 1} == {}, outline

    status, invite = daemon.api("POST", f"/sessions/{created['session']['id']}/participants", facilitator, {"name": "Hall", "role": "display"})
    assert status == 201, invite
    display = browsers()
    display.get(invite["url"])
    joined(display)
    regions = display.execute_script(
        "return ['.display-clock', '.display-floor'].map((s) => { const n = document.querySelector(s);"
        " const h = n.querySelector('h2'); return [h && h.textContent, h && n.getAttribute('aria-labelledby') === h.id]; })")
    assert regions == [["Now", True], ["Floor", True]], regions

    # Each tab names the person (or the console) too: one browser may hold several of them.
    title_becomes(asha, f"{TITLE} – Asha, reviewer – ReviewRoom")
    title_becomes(console, f"{TITLE} – facilitator console")
    asha.execute_cdp_cmd("Network.enable", {})
    network(asha, offline=True)
    title_becomes(asha, f"Connection lost – {TITLE} – Asha, reviewer – ReviewRoom")
    network(asha, offline=False)
    title_becomes(asha, f"{TITLE} – Asha, reviewer – ReviewRoom")
    assert "error" not in command(console, "session.end")
    for driver, title in ((asha, f"{TITLE} – Asha, reviewer – ReviewRoom"), (console, f"{TITLE} – facilitator console"),
                          (display, f"{TITLE} – room display")):
        title_becomes(driver, f"Ended – {title}")
    for driver in (asha, console, display):
        assert driver.execute_script(DANGLING) == [], driver.current_url
    assert browser_errors(console) == [] and browser_errors(asha) == [] and browser_errors(display) == []
