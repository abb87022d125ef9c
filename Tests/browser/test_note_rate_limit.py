"""Typing faster than the server's message rate (PROTOCOL §3.4: a message beyond it is answered
`rate_limited` and not applied; §3.2: a refused `note.edit` does not use up its `opId`). The page
used to drop the refused edit and fetch the note again at once, which was refused too: from then
on it sent nothing for that note until a reconnect, showing all the text while the server, the
record and everyone else stopped partway (found by an OT probe typing 200 keys a second). Now the
same edit goes again a moment later, and everything typed arrives."""
from selenium.webdriver.common.by import By

from conftest import browser_errors, proxied_daemon
from pages import joined, note_get, wait_until
from pages import invite_of, schedule_via_api

TYPED = "Pupils chose their own books and talked about them with real enthusiasm. " * 2


def test_a_rate_limited_edit_is_sent_again_and_nothing_typed_is_lost(browsers):
    # A small allowance: 20 messages a second, bursts of 20 (the defaults are 50 and 200).
    with proxied_daemon(REVIEWROOM_MESSAGES_PER_SECOND="20", REVIEWROOM_MESSAGE_BURST="20") as (daemon, _, facilitator):
        created = schedule_via_api(daemon, facilitator, "Fast typing", ["Asha"])
        asha = browsers()
        asha.get(invite_of(created, "Asha"))
        joined(asha)
        note = created["session"]["notes"][0]["id"]
        area = asha.find_element(By.ID, f"note-{note}")
        area.click()
        # Count the refusals the page gets (the test is about them).
        asha.execute_script("""
            const connection = window.reviewroom.connection, command = connection.command.bind(connection);
            window.__rateLimited = 0;
            connection.command = (...args) => command(...args).catch((error) => {
              if (error.code === 'rate_limited') window.__rateLimited += 1;
              throw error;
            });""")
        # A letter every 10 ms, typed in the page itself (WebDriver's keys come slower).
        asha.execute_async_script("""
            const [area, text, done] = arguments; let next = 0;
            const typing = setInterval(() => {
              if (next >= text.length) { clearInterval(typing); done(); return; }
              area.focus(); document.execCommand('insertText', false, text[next++]);
            }, 10);""", area, TYPED)
        # Refusals happen (the test is about them), and the server ends with every letter.
        wait_until(asha, lambda d: note_get(d, note).get("text") == TYPED, timeout=60,
                   message=f"the server's note stopped at {note_get(asha, note).get('text')!r}")
        assert asha.find_element(By.ID, f"note-{note}").get_attribute("value") == TYPED
        assert asha.execute_script("return window.__rateLimited") > 0, "no edit was refused: the test tested nothing"
        assert browser_errors(asha) == []
