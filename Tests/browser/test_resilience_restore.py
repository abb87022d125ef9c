"""A daemon restored from a backup under a reviewer's open page (README, "Data, durability and
backup"; BrowserClient.md, "Reconnecting"): the copy has a new epoch, so the page gets a fresh
welcome. Text the page had seen saved after the backup is no longer on the server; the page
must not drop it silently. It says so under the note and once to a screen reader, offers the
note as it was on the page to copy from, and still sends what was typed while the daemon was
down (exactly once). Runs in its own module: it swaps this module's daemon's database."""
import os
import shutil
import subprocess
import tempfile

from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, connection_banner, recorded_note, reviewer_joined, shown_note, wait_js, wait_text, wait_until
from reviewroomd import EXECUTABLE

RECONNECT_NOISE = ("WebSocket connection to",)
SAVED = ".tab-panel:not([hidden]) .note-status"


def restore(daemon, backup):
    """Stops the daemon, puts `backup` in place of its database (README's steps) and starts it on the same port."""
    daemon.stop()
    for suffix in ("-wal", "-shm"):
        try:
            os.remove(os.path.join(daemon.data_dir, "reviewroom.sqlite3" + suffix))
        except FileNotFoundError:
            pass
    shutil.copy(backup, os.path.join(daemon.data_dir, "reviewroom.sqlite3"))


def test_text_lost_to_a_restored_backup_is_said_and_offered_and_unsent_typing_is_kept(daemon, facilitator, api_ready, browsers):
    session, note, asha = reviewer_joined(daemon, facilitator, browsers, "Restored under a reviewer")
    area = asha.find_element(By.ID, f"note-{note['id']}")
    area.send_keys("Before the backup. ")
    wait_text(asha, SAVED, "All changes saved")
    backup = os.path.join(tempfile.mkdtemp(prefix="reviewroom-backup-"), "copy.sqlite3")
    subprocess.run([str(EXECUTABLE), "backup", backup, "--data-dir", daemon.data_dir], check=True, env=daemon.env,
                   capture_output=True, timeout=30)
    area.send_keys("Saved after the backup. ")
    wait_text(asha, SAVED, "All changes saved")
    assert asha.execute_script("return document.querySelectorAll('[data-testid=note-restored]').length") == 0

    restore(daemon, backup)
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="the page never noticed the daemon stopped")
    area.send_keys("Typed while it was down.")
    daemon.start(daemon.port)

    # The kept typing is sent on top of the restored text, once; the lost sentence is not back.
    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.notesView.hasUnsynced", timeout=40,
            message="the page never rejoined and sent its kept typing")
    saved = recorded_note(daemon, facilitator, session, note["title"])
    assert saved == "Before the backup. Typed while it was down."
    assert shown_note(asha, note["id"]) == saved

    # Said under the note (only that note lost text), with the note as it was to copy from.
    notices = asha.find_elements(By.CSS_SELECTOR, "[data-testid=note-restored]")
    assert len(notices) == 1
    assert "restored from an earlier copy" in notices[0].text and note["title"] in notices[0].text
    before = notices[0].find_element(By.CSS_SELECTOR, "textarea")
    assert before.get_attribute("readonly") is not None
    assert asha.execute_script("return arguments[0].value", before) == \
        "Before the backup. Saved after the backup. Typed while it was down."
    said = asha.execute_script("return window.reviewroom.announcer.log.filter((t) => t.includes('restored from an earlier copy'))")
    assert len(said) == 1 and note["title"] in said[0]
    notices[0].find_element(By.CSS_SELECTOR, "summary").click()
    assert before.is_displayed()
    assert axe_problems(asha) == []

    # Dismissed, it goes (and focus returns to the note).
    notices[0].find_element(By.XPATH, ".//button[normalize-space()='Dismiss']").click()
    assert asha.find_elements(By.CSS_SELECTOR, "[data-testid=note-restored]") == []
    assert asha.execute_script("return document.activeElement.id") == f"note-{note['id']}"
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
