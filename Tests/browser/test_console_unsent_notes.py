"""Notes typed in the console's live view while its connection is down (a tabs probe, on flaky
Wi-Fi): the banner said only "Connection lost – reconnecting…"; pressing "Sessions" (to open the
next session of a back-to-back day) or reloading dropped the typing without a question; and a
co-facilitator whose link was replaced meanwhile got "This link no longer works" with the typing
gone. The room page kept, asked and offered it to copy in each case; the console now does too."""
from selenium.webdriver.common.by import By

from conftest import errors_beside_reconnects, proxied_daemon
from pages import joined, open_live_console, schedule_via_api, wait_js, wait_until

KEPT = "Reconnecting… your edits are kept and will be sent."


def type_offline(driver, proxy, text):
    """Cuts the page's connection at the proxy, waits until the page knows, and types `text` into Evidence."""
    proxy.cut()
    wait_js(driver, "return !window.reviewroom.connection.online")
    note = driver.find_element(By.ID, "note-evidence")
    note.click()
    note.send_keys(text)
    wait_js(driver, "return window.reviewroom.notesView.hasUnsynced")


def banner(driver):
    return driver.execute_script("return document.getElementById('connection-banner').textContent")


def test_leaving_the_live_console_with_unsent_notes_asks_first(browsers):
    with proxied_daemon() as (daemon, proxy, facilitator):
        title = "Unsent in the console"
        schedule_via_api(daemon, facilitator, title, ["Asha"])
        console = browsers()
        open_live_console(console, f"http://127.0.0.1:{proxy.port}", facilitator, title)
        type_offline(console, proxy, "Summary typed with the Wi-Fi down.")
        wait_until(console, lambda d: banner(d) == KEPT, message=f"the banner says {banner(console)!r}")

        # The console's own navigation asks; staying keeps the live view and the typing.
        console.find_element(By.ID, "nav-sessions").click()
        alert = wait_until(console, lambda d: d.switch_to.alert, message="Sessions left the live view without asking")
        assert "has not been saved yet" in alert.text, alert.text
        alert.dismiss()
        assert console.find_element(By.ID, "note-evidence").get_attribute("value") == "Summary typed with the Wi-Fi down."
        # A reload or a closed tab would ask too (the browser's own question).
        assert console.execute_script(
            "const e = new Event('beforeunload', {cancelable: true}); window.dispatchEvent(e); return e.defaultPrevented")

        # Back on line, the typing is saved, and then nothing asks.
        proxy.mend()
        wait_js(console, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced", timeout=40)
        console.find_element(By.ID, "nav-sessions").click()
        wait_until(console, lambda d: d.find_elements(By.ID, "sessions-heading"), message="Sessions did not open once saved")
        assert errors_beside_reconnects(console) == []


def test_a_co_facilitator_whose_link_was_replaced_is_offered_what_they_typed_offline(browsers):
    with proxied_daemon() as (daemon, proxy, facilitator):
        created = schedule_via_api(daemon, facilitator, "Replaced while offline", ["Asha"])
        session = created["session"]["id"]
        status, invite = daemon.api("POST", f"/sessions/{session}/participants", facilitator, {"name": "Cy", "role": "facilitator"})
        assert status == 201, invite
        cy = browsers()
        cy.get(f"http://127.0.0.1:{proxy.port}/join#{invite['token']}")
        joined(cy)
        wait_until(cy, lambda d: d.find_element(By.ID, "open-controls")).click()
        wait_until(cy, lambda d: d.find_elements(By.ID, "controls-heading"))
        joined(cy)
        type_offline(cy, proxy, "Cy's notes from the hall.")
        wait_until(cy, lambda d: banner(d) == KEPT, message=f"the banner says {banner(cy)!r}")

        status, _ = daemon.api("POST", f"/sessions/{session}/participants/{invite['participant']['id']}/reissue", facilitator)
        assert status == 201
        proxy.mend()
        notice = wait_until(cy, lambda d: d.find_elements(By.CSS_SELECTOR, ".notice"), timeout=40,
                            message="the replaced link's console never said it had stopped")[0]
        assert "never saved" in notice.text, notice.text
        assert [field.get_attribute("value") for field in cy.find_elements(By.CSS_SELECTOR, ".unsaved-text")] == ["Cy's notes from the hall."]
