"""Two reviewers type into one note while the daemon is killed with SIGKILL and restarted on the
same port and data directory (PRODUCT.md: nothing acknowledged is ever lost; PROTOCOL.md §3.1,
§3.3): both pages resume (`hello` with `resume`, answered `resumed`), the edits they had not
seen confirmed are sent again on their old revision with their old opId, and in the end every
word each of them typed — before, during and after the outage — is in the note exactly once,
and both pages show exactly the server's text. Runs in its own module: it kills this module's
daemon."""
import re

from conftest import browser_errors
from pages import invite_of, joined, recorded_note, schedule_via_api, shown_note, wait_js

RECONNECT_NOISE = ("WebSocket connection to",)

# Types a numbered word at the end of the note every 40 ms, as a person would (an `input` event
# per change), and keeps the list of words typed; counts the hellos and their answers.
TYPIST = """
const [noteId, tag] = arguments;
window.__typed = [];
let n = 0;
window.__typist = setInterval(() => {
  const area = document.getElementById('note-' + noteId);
  const word = tag + String(++n).padStart(3, '0');
  area.value += word + ' ';
  area.dispatchEvent(new Event('input', {bubbles: true}));
  window.__typed.push(word);
}, 40);
"""
SPY = """
window.__joins = [];
const Native = window.WebSocket;
window.WebSocket = class extends Native {
  constructor(...args) {
    super(...args);
    const send = this.send.bind(this);
    this.send = (data) => {
      const m = JSON.parse(data);
      if (m.type === 'hello') window.__joins.push(m.resume ? 'hello+resume' : 'hello');
      send(data);
    };
    this.addEventListener('message', (event) => {
      const m = JSON.parse(event.data);
      if (m.type === 'welcome' || m.type === 'resumed') window.__joins.push(m.type);
    });
  }
};
"""


def typed(driver):
    return driver.execute_script("return window.__typed.length")


def test_two_typists_lose_and_double_nothing_through_a_kill_and_restart(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Killed while two people type", ["Asha", "Ben"])
    session, note = created["session"]["id"], created["session"]["notes"][0]
    pages = {}
    for name, tag in (("Asha", "A"), ("Ben", "B")):
        page = browsers()
        page.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": SPY})
        page.get(invite_of(created, name))
        joined(page)
        pages[tag] = page
    for tag, page in pages.items():
        page.execute_script(TYPIST, note["id"], tag)
    for page in pages.values():
        wait_js(page, "return window.__typed.length >= 15", message="the typist never got going")

    daemon.process.kill()
    daemon.process.wait()
    # Both keep typing while the daemon is dead.
    down = {tag: typed(page) for tag, page in pages.items()}
    for tag, page in pages.items():
        wait_js(page, "return window.__typed.length >= arguments[0] + 15", down[tag],
                message="the typist stopped while the daemon was down")
    daemon.start(daemon.port)
    for page in pages.values():
        wait_js(page, "return window.reviewroom.connection.online", timeout=40, message="the page never rejoined")
    back = {tag: typed(page) for tag, page in pages.items()}
    for tag, page in pages.items():
        wait_js(page, "return window.__typed.length >= arguments[0] + 15", back[tag],
                message="the typist stopped after the restart")
        page.execute_script("clearInterval(window.__typist)")
    for page in pages.values():
        wait_js(page, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced",
                timeout=40, message="the page never got all its edits confirmed")

    server = recorded_note(daemon, facilitator, session, note["title"])
    for tag, page in pages.items():
        words = re.findall(tag + r"\d{3}", server)
        sent = page.execute_script("return window.__typed")
        assert sorted(words) == sorted(sent), f"{tag}: missing {set(sent) - set(words)}, doubled {[w for w in set(words) if words.count(w) > 1]}"
        wait_js(page, "return document.getElementById('note-' + arguments[0]).value === arguments[1]", note["id"], server,
                message=f"{tag}'s page does not show the server's text")
        assert shown_note(page, note["id"]) == server
        # Rejoined by resuming, not by a fresh snapshot.
        joins = page.execute_script("return window.__joins")
        assert joins[:2] == ["hello", "welcome"] and joins[2:4] == ["hello+resume", "resumed"], joins
        assert [e for e in browser_errors(page) if not any(n in e for n in RECONNECT_NOISE)] == []
