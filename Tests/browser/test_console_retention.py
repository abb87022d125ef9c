"""On a server with `retention_days`, the console's session page says when the session will be
erased (the API's `erasesAt`, in the session's time zone), so the facilitator downloads the
record before; the words differ before and after the end. On a server that keeps sessions the
page says nothing of it."""
import datetime
import shutil
import tempfile
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By

from conftest import DAEMON_ENV, browser_errors
from pages import axe_problems, command, joined, schedule_via_api, sign_in, wait_until
from reviewroomd import Daemon
from room_helpers import facilitator_invite, open_pages

NOTICE = "[data-testid='erases-at']"


@pytest.fixture(scope="module")
def daemon():
    data_dir = tempfile.mkdtemp(prefix="reviewroom-browser-")
    instance = Daemon(data_dir, extra_env=dict(DAEMON_ENV, REVIEWROOM_RETENTION_DAYS="30")).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def open_session_page(driver, base, token, title, signed_in=False):
    # The tab keeps its sign-in (sessionStorage): a second visit goes straight to the list.
    driver.get(base + "/console") if signed_in else sign_in(driver, base, token)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, f"//button[normalize-space()='{title}']"))[0].click()
    wait_until(driver, lambda d: d.find_element(By.ID, "session-heading"))


def notice_text(driver):
    return wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, NOTICE), message="no erasure notice")[0].text


def says_date_of(text, iso):
    """Whether `text` names the day of `iso` in London (the session's zone), in any order."""
    when = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone(ZoneInfo("Europe/London"))
    return all(part in text for part in (when.strftime("%A"), when.strftime("%B"), f" {when.day}", str(when.year)))


def test_the_session_page_says_when_the_server_will_erase_the_session(daemon, facilitator, api_ready, browsers):
    title = "Retention: spring review"
    created = schedule_via_api(daemon, facilitator, title, ["Asha"])
    session_id = created["session"]["id"]
    driver = browsers()

    open_session_page(driver, daemon.base, facilitator, title)
    status, before = daemon.api("GET", f"/sessions/{session_id}", facilitator)
    assert status == 200
    text = notice_text(driver)
    assert "if nothing more happens in this one" in text and says_date_of(text, before["erasesAt"]), text

    driver.get(facilitator_invite(created))
    joined(driver)
    assert command(driver, "session.start").get("type") == "ack"
    assert command(driver, "session.end").get("type") == "ack"
    status, ended = daemon.api("GET", f"/sessions/{session_id}", facilitator)
    assert status == 200 and ended["status"] == "ended"
    open_session_page(driver, daemon.base, facilitator, title, signed_in=True)
    text = notice_text(driver)
    assert "this review, its notes and its record go on" in text and "Download the record" in text, text
    assert says_date_of(text, ended["erasesAt"]), (text, ended["erasesAt"])
    assert axe_problems(driver) == []

    # Past its day (the page's clock moved 31 days on) it is due: it goes at the next hourly check.
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {
        "source": "{ const real = Date.now; Date.now = () => real() + 31 * 86400000; }"})
    open_session_page(driver, daemon.base, facilitator, title, signed_in=True)
    text = notice_text(driver)
    assert "this one is due now and goes at its next hourly check" in text, text
    assert browser_errors(driver) == []


def test_a_review_a_workshop_follows_says_it_goes_with_the_workshop(daemon, facilitator, api_ready, browsers):
    review_title, workshop_title = "Retention: autumn review", "Retention: autumn workshop"
    review = schedule_via_api(daemon, facilitator, review_title, [])
    # The workshop ten days after the review: its start is the later last use of the two.
    workshop = schedule_via_api(daemon, facilitator, workshop_title, [], minutes=10 * 24 * 60,
                                template="rapid-remote-90", followsSession=review["session"]["id"])
    status, kept = daemon.api("GET", f"/sessions/{review['session']['id']}", facilitator)
    assert status == 200
    status, workshop_now = daemon.api("GET", f"/sessions/{workshop['session']['id']}", facilitator)
    assert status == 200
    assert kept["erasesAt"] == workshop_now["erasesAt"], (kept["erasesAt"], workshop_now["erasesAt"])
    driver = browsers()

    open_session_page(driver, daemon.base, facilitator, review_title)
    text = notice_text(driver)
    assert f"It is kept as long as “{workshop_title}”" in text and says_date_of(text, kept["erasesAt"]), text
    open_session_page(driver, daemon.base, facilitator, workshop_title, signed_in=True)
    text = notice_text(driver)
    assert "if nothing more happens in this one" in text and "It is kept as long as" not in text, text
    # Deleting the workshop would let the review go by its own date: the question says so.
    driver.execute_script("window.confirm = (text) => { window.asked = text; return false; }")
    driver.find_element(By.ID, "delete-session").click()
    asked = wait_until(driver, lambda d: d.execute_script("return window.asked"))
    assert "The review it follows has been kept for it" in asked, asked
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []


def test_a_review_used_after_its_workshop_says_nothing_of_being_kept_for_it(daemon, facilitator, api_ready, browsers):
    """A workshop that is over before its review's own date keeps nothing: the review's page says
    only its own date (an audit found it said it went "with the workshop, never before it")."""
    review_title = "Retention: review used late"
    review = schedule_via_api(daemon, facilitator, review_title, [], minutes=10 * 24 * 60)
    workshop = schedule_via_api(daemon, facilitator, "Retention: early workshop", [], minutes=3,
                                template="rapid-remote-90", followsSession=review["session"]["id"])
    status, shown = daemon.api("GET", f"/sessions/{review['session']['id']}", facilitator)
    assert status == 200 and shown["erasesAt"] != daemon.api("GET", f"/sessions/{workshop['session']['id']}", facilitator)[1]["erasesAt"]
    driver = browsers()
    open_session_page(driver, daemon.base, facilitator, review_title)
    text = notice_text(driver)
    assert says_date_of(text, shown["erasesAt"]) and "It is kept as long as" not in text, text
    assert browser_errors(driver) == []


def test_the_hosts_record_panel_says_until_when_the_server_keeps_the_record(daemon, facilitator, api_ready, browsers):
    title = "Retention: host's copy"
    created = schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90",
                               participants=[{"name": "Ben", "role": "host"}])
    chair, (ben,) = open_pages(created, browsers, ["Ben"])
    assert command(chair, "session.start").get("type") == "ack"
    assert command(chair, "session.end").get("type") == "ack"
    status, ended = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator)
    assert status == 200 and ended["status"] == "ended"

    notice = wait_until(ben, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='record-erases-at']"),
                        message="the host's record panel never said when the record goes")[0]
    assert notice.find_element(By.XPATH, "ancestor::section").get_attribute("aria-labelledby") == "record-heading"
    text = notice.text
    assert "this review, its notes and its record go on" in text and says_date_of(text, ended["erasesAt"]), (text, ended["erasesAt"])
    assert axe_problems(ben) == []
    assert browser_errors(ben) == [] and browser_errors(chair) == []
