"""Note edits not yet confirmed survive a reload of the page (kept-edits.js): they lived only in
the page's memory, so a reload, or a Chromebook discarding the tab in the background (it reloads
when shown again), lost what a reviewer typed while the connection was down (an audit, session
53). Kept in the tab's sessionStorage, they are carried onto the note as the server has it after
the reload and sent with their old opIds: an edit the server had applied before the reload (its
ack lost) is acked as a repeat and not applied twice."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors, proxied_daemon
from pages import joined, invite_of, note_get, schedule_via_api, wait_js, wait_until

KEPT = "return Object.keys(sessionStorage).filter((k) => k.startsWith('reviewroom.kept.')).map((k) => sessionStorage.getItem(k))"
# The page asks before leaving with unsaved edits (a beforeunload prompt): the test's reload
# stands for a tab discarded and restored, which asks nothing.
NO_PROMPT = "window.addEventListener('beforeunload', (e) => e.stopImmediatePropagation(), true);"
# Chromium logs the WebSocket the reload cuts.
RELOAD_NOISE = ("WebSocket connection to",)


def reload_with_kept_edits(driver, note, typed):
    """Types `typed` at the end of the note (its edits unconfirmed), waits until they are kept in
    the tab, and reloads the page."""
    area = driver.find_element(By.ID, f"note-{note}")
    area.send_keys(Keys.END, typed)
    wait_until(driver, lambda d: any(typed.strip() in kept for kept in d.execute_script(KEPT)),
               message=f"the unconfirmed edit was never kept in the tab: {driver.execute_script(KEPT)}")
    driver.execute_script(NO_PROMPT)
    driver.refresh()
    joined(driver)


def test_unconfirmed_edits_survive_a_reload_and_are_applied_exactly_once(browsers):
    with proxied_daemon() as (daemon, proxy, facilitator):
        created = schedule_via_api(daemon, facilitator, "Kept over a reload", ["Asha"])
        note = created["session"]["notes"][0]
        asha = browsers()
        asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
        joined(asha)
        asha.find_element(By.ID, f"note-{note['id']}").send_keys("Seen at first.")
        wait_until(asha, lambda d: note_get(d, note["id"])["text"] == "Seen at first.")

        # The connection goes silent: the edit never reaches the daemon. Reloaded, it is sent.
        proxy.silence(websockets_only=True)
        reload_with_kept_edits(asha, note["id"], " Typed into a dead connection.")
        wait_until(asha, lambda d: note_get(d, note["id"])["text"] == "Seen at first. Typed into a dead connection.",
                   message=f"the kept edit did not reach the server: {note_get(asha, note['id'])}")
        said = asha.execute_script("return window.reviewroom.announcer.log")
        assert f"Your unsaved edits to {note['title']} were kept from before the page reloaded, and are being sent." in said, said
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")
        wait_until(asha, lambda d: d.execute_script(KEPT) == [], message="the kept copy stayed after the edits were saved")

        # The daemon applies the edit but its answer is held back: the reload sends it again
        # with the same opId, and it is in the note once.
        proxy.hold(websockets_only=True)
        reload_with_kept_edits(asha, note["id"], " Applied, answer lost.")
        expected = "Seen at first. Typed into a dead connection. Applied, answer lost."
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")
        assert note_get(asha, note["id"])["text"] == expected
        assert asha.execute_script("return window.reviewroom.notesView.text(arguments[0])", note["id"]) == expected
        assert [e for e in browser_errors(asha) if not any(n in e for n in RELOAD_NOISE)] == []
