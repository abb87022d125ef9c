"""Note edits not yet confirmed survive a reload of the page (kept-edits.js): they lived only in
the page's memory, so a reload, or a Chromebook discarding the tab in the background (it reloads
when shown again), lost what a reviewer typed while the connection was down (an audit, session
53). Kept in the tab's sessionStorage, they are carried onto the note as the server has it after
the reload and sent with their old opIds: an edit the server had applied before the reload (its
ack lost) is acked as a repeat and not applied twice."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors, proxied_daemon
from pages import joined, invite_of, note_get, run_in_page, schedule_via_api, wait_js, wait_until

KEPT = "return Object.keys(sessionStorage).filter((k) => k.startsWith('reviewroom.kept.')).map((k) => sessionStorage.getItem(k))"
# The text of each note kept in the tab (its edits applied), as the page computes it.
KEPT_TEXTS = ("const done = arguments[arguments.length - 1];"
              "import('/js/kept-edits.js').then(({ KeptEdits }) => done(new KeptEdits().waiting().map((n) => n.text)));")
# The page asks before leaving with unsaved edits (a beforeunload prompt): the test's reload
# stands for a tab discarded and restored, which asks nothing.
NO_PROMPT = "window.addEventListener('beforeunload', (e) => e.stopImmediatePropagation(), true);"
# Chromium logs the WebSocket the reload cuts.
RELOAD_NOISE = ("WebSocket connection to",)


BAD_GATEWAY = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


def reload_with_kept_edits(driver, note, typed, join=True):
    """Types `typed` at the end of the note (its edits unconfirmed), waits until they are kept in
    the tab, and reloads the page (and waits for it to join, with `join`)."""
    area = driver.find_element(By.ID, f"note-{note}")
    area.send_keys(Keys.END, typed)
    wait_until(driver, lambda d: any(text.endswith(typed) for text in d.execute_async_script(KEPT_TEXTS)),
               message="the unconfirmed edit was never kept in the tab")
    driver.execute_script(NO_PROMPT)
    driver.refresh()
    if join:
        joined(driver)


def asha_through(daemon, proxy, facilitator, browsers, title):
    """A session titled `title` with Asha joined through `proxy`: (created, its first note, her page)."""
    created = schedule_via_api(daemon, facilitator, title, ["Asha"])
    asha = browsers()
    asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(asha)
    return created, created["session"]["notes"][0], asha


def test_unconfirmed_edits_survive_a_reload_and_are_applied_exactly_once(browsers):
    with proxied_daemon() as (daemon, proxy, facilitator):
        created, note, asha = asha_through(daemon, proxy, facilitator, browsers, "Kept over a reload")
        asha.find_element(By.ID, f"note-{note['id']}").send_keys("Seen at first.")
        wait_until(asha, lambda d: note_get(d, note["id"])["text"] == "Seen at first.")

        # The connection goes silent: the edit never reaches the daemon. Reloaded while the
        # WebSocket still cannot get through, the page shows what it keeps, to copy; once it
        # joins, the edit is sent.
        proxy.silence(websockets_only=True)
        proxy.websocket = BAD_GATEWAY
        reload_with_kept_edits(asha, note["id"], " Typed into a dead connection.", join=False)
        wait_until(asha, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid=joining-kept]"),
                   message="the joining page did not say what it keeps")
        copies = [a.get_attribute("value") for a in asha.find_elements(By.CSS_SELECTOR, "textarea.unsaved-text")]
        assert copies == ["Seen at first. Typed into a dead connection."], copies
        assert asha.find_element(By.CSS_SELECTOR, f"label[for=unsaved-0]").text == note["title"]
        wait_js(asha, "return window.reviewroom.announcer.log.includes('Not connected yet – trying again…')")
        proxy.websocket = None
        joined(asha)
        wait_until(asha, lambda d: note_get(d, note["id"])["text"] == "Seen at first. Typed into a dead connection.",
                   message=f"the kept edit did not reach the server: {note_get(asha, note['id'])}")
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")
        wait_until(asha, lambda d: d.execute_script(KEPT) == [], message="the kept copy stayed after the edits were saved")
        # Said after "Connected", and once saved, that they are.
        said = [line for line in asha.execute_script("return window.reviewroom.announcer.log") if "Connected" in line or "kept" in line]
        assert said[-3:] == [f"Connected: you have joined “Kept over a reload”.",
                             f"Your unsaved edits to {note['title']} were kept from before the page reloaded, and are being sent.",
                             "Your edits kept from before the page reloaded are saved."], said

        # The daemon applies the edit but its answer is held back: the reload sends it again
        # with the same opId, and it is in the note once.
        proxy.hold(websockets_only=True)
        reload_with_kept_edits(asha, note["id"], " Applied, answer lost.")
        expected = "Seen at first. Typed into a dead connection. Applied, answer lost."
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")
        assert note_get(asha, note["id"])["text"] == expected
        assert asha.execute_script("return window.reviewroom.notesView.text(arguments[0])", note["id"]) == expected
        assert [e for e in browser_errors(asha) if not any(n in e for n in RELOAD_NOISE)] == []


def test_kept_edits_are_shown_to_copy_when_the_reloaded_page_cannot_join_at_all(browsers):
    """Reloaded with edits kept, into a link that no longer works (the facilitator gave out a new
    one meanwhile): the page's notice showed nothing of them, though the tab still held them."""
    with proxied_daemon() as (daemon, proxy, facilitator):
        created, note, asha = asha_through(daemon, proxy, facilitator, browsers, "Kept, then refused")
        proxy.silence(websockets_only=True)
        asha_id = next(i["participant"]["id"] for i in created["invites"] if i["participant"]["name"] == "Asha")
        status, _ = daemon.api("POST", f"/sessions/{created['session']['id']}/participants/{asha_id}/reissue", facilitator)
        assert status == 201
        reload_with_kept_edits(asha, note["id"], "Typed before the link was replaced.", join=False)
        wait_until(asha, lambda d: d.find_elements(By.ID, "notice-heading"), message="the page never said it cannot join")
        copies = [a.get_attribute("value") for a in asha.find_elements(By.CSS_SELECTOR, ".notice textarea.unsaved-text")]
        assert copies == ["Typed before the link was replaced."], copies
        assert [e for e in browser_errors(asha) if not any(n in e for n in RELOAD_NOISE)] == []


def test_before_a_welcome_only_the_links_own_kept_edits_are_shown(daemon, browsers):
    """A tab that followed two people's links in turn showed the other person's kept edits on the
    joining page too (an audit): each kept copy notes a fingerprint of the link it was typed under
    (never the token), and the joining page shows only its own link's."""
    driver = browsers()
    shown = run_in_page(
        driver, daemon,
        "import('/js/kept-edits.js').then(({ KeptEdits, linkFingerprint }) => {"
        "  sessionStorage.clear();"
        "  for (const [token, session, person, text] of [['tokenA', 's1', 'pa', 'Asha typed'], ['tokenB', 's1', 'pb', 'Ben typed']]) {"
        "    const kept = new KeptEdits(sessionStorage, { link: token }); kept.use(session, person);"
        "    kept.write(() => ({ n1: { title: 'Evidence', serverText: '', op: [text], opId: 'o-' + person, buffer: null } }), { now: true });"
        "  }"
        "  const stored = Object.keys(sessionStorage).map((k) => sessionStorage.getItem(k)).join(' ');"
        "  done({ asha: new KeptEdits(sessionStorage, { link: 'tokenA' }).waiting().map((n) => n.text),"
        "         ben: new KeptEdits(sessionStorage, { link: 'tokenB' }).waiting().map((n) => n.text),"
        "         any: new KeptEdits(sessionStorage).waiting().map((n) => n.text).sort(),"
        "         tokenStored: stored.includes('tokenA') || stored.includes('tokenB'),"
        "         fingerprint: linkFingerprint('tokenA') });"
        "}, (e) => done({ error: String(e) }));")
    assert shown["asha"] == ["Asha typed"] and shown["ben"] == ["Ben typed"], shown
    assert shown["any"] == ["Asha typed", "Ben typed"], shown
    assert shown["tokenStored"] is False and len(shown["fingerprint"]) == 8, shown
    assert browser_errors(driver) == []
