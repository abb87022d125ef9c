"""The host school takes the record from its own page: once the review has ended, a host's (and
the facilitator's) join page offers the record in its three formats, downloaded with the page's
own invite token (`GET /api/v1/invite/record`); a reviewer's page does not offer it, and a
download that fails says so in the panel's status line."""
import datetime
from zoneinfo import ZoneInfo

import pytest
from selenium.webdriver.common.by import By

from conftest import browser_errors, screenshot
from pages import (axe_problems, command, invite_of, joined, participant_id, schedule_via_api, sign_in, wait_text,
                   wait_until)
from room_helpers import facilitator_invite, said_log, wait_said

TITLE = "Reading for pleasure: host record"
PANEL = "section[aria-labelledby='record-heading']"


def panel_shown(driver):
    return driver.execute_script(f"const p = document.querySelector(\"{PANEL}\"); return !!p && !p.hidden && p.offsetHeight > 0;")


def review_with_pages(daemon, facilitator, browsers, title):
    """A review of `title` with reviewer Asha and host Ben, and the joined pages of its
    facilitator, Asha and Ben."""
    created = schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90", participants=[
        {"name": "Asha", "role": "reviewer"}, {"name": "Ben", "role": "host"}])
    chair, asha, ben = browsers(), browsers(), browsers()
    chair.get(facilitator_invite(created))
    asha.get(invite_of(created, "Asha"))
    ben.get(invite_of(created, "Ben"))
    for driver in (chair, asha, ben):
        joined(driver)
    return created, chair, asha, ben


def ended_with_record_tab(daemon, facilitator, browsers, title, evidence=None):
    """`review_with_pages`, started (Asha writing `evidence` in the Evidence note, if given) and
    ended, with the host's record tab opened from the record panel and drawn; returns the
    facilitator's, Asha's and Ben's drivers (Ben's on the record tab) and the handle of Ben's
    room page."""
    _, chair, asha, ben = review_with_pages(daemon, facilitator, browsers, title)
    assert command(chair, "session.start").get("type") == "ack"
    if evidence:
        rev = command(asha, "note.get", {"note": "evidence"})["note"]["rev"]
        edit = {"note": "evidence", "rev": rev, "opId": "record-tab-1", "op": [evidence]}
        assert command(asha, "note.edit", edit).get("type") == "ack"
    assert command(chair, "session.end").get("type") == "ack"
    wait_until(ben, panel_shown, message="the host's page never offered the record")
    room = ben.current_window_handle
    ben.find_element(By.CSS_SELECTOR, "[data-testid='record-view']").click()
    wait_text(ben, "[data-testid='record-status']", "The record opened in a new tab")
    tab = wait_until(ben, lambda d: [h for h in d.window_handles if h != room], message="no new tab opened")[0]
    ben.switch_to.window(tab)
    wait_text(ben, "main h1", f"Review record: {title}")
    return chair, asha, ben, room


@pytest.mark.full_chromium
def test_the_host_downloads_the_record_from_their_page_once_the_review_has_ended(daemon, facilitator, api_ready, browsers):
    created, chair, asha, ben = review_with_pages(daemon, facilitator, browsers, TITLE)
    assert not panel_shown(ben), "the record is offered before the review ran"
    assert command(chair, "session.start").get("type") == "ack"
    assert not panel_shown(ben), "the record is offered while the review runs"
    assert command(chair, "session.end").get("type") == "ack"

    wait_until(ben, panel_shown, message="the host's page never offered the record")
    wait_until(chair, panel_shown, message="the facilitator's page never offered the record")
    wait_text(ben, PANEL, "every note with its authors")
    # A server that keeps sessions names no erasure date (once the page has had its answer).
    wait_until(ben, lambda d: d.execute_script(
        "return performance.getEntriesByType('resource').some((e) => e.name.endsWith('/api/v1/invite'))"),
        message="the host's page never asked about its invite")
    assert ben.find_elements(By.CSS_SELECTOR, "[data-testid='record-erases-at']") == []
    assert not panel_shown(asha), "a reviewer's page offers the record"
    # The phase it ended in is the last one, not "now" (a host's audit).
    wait_text(ben, "[data-testid=phase-title]", "Last phase: ")
    assert ben.find_elements(By.CSS_SELECTOR, ".clock-panel .purpose") == []
    # Said where it is to the host; a reviewer hears only that the review has ended.
    wait_said(ben, "The review has ended. Its record is ready under “The record”, at the top of the page")
    wait_said(asha, "The review has ended")
    assert "record is ready" not in " ".join(said_log(asha))
    assert axe_problems(ben) == []

    ben.find_element(By.XPATH, f"//{PANEL.split('[')[0]}//button[normalize-space()='Download (Markdown text)']").click()
    starts = datetime.datetime.fromisoformat(created["session"]["startsAt"].replace("Z", "+00:00"))
    stem = f"{starts.astimezone(ZoneInfo('Europe/London')).date().isoformat()} {TITLE.replace(':', '-')}"
    record = ben.download_dir / f"{stem} - record.md"
    wait_until(ben, lambda d: record.exists() and TITLE in record.read_text(encoding="utf-8"),
               message=f"the record never arrived: {sorted(p.name for p in ben.download_dir.iterdir())}")
    assert "Ben" in record.read_text(encoding="utf-8")
    wait_text(ben, "[data-testid='record-status']", f"Downloaded: {stem} - record.md")
    screenshot(ben, "join-ended-host")
    ben.set_window_size(360, 740)
    screenshot(ben, "join-ended-host-phone")
    ben.set_window_size(1366, 900)

    # With no way to the server the download fails, and the panel says so (the page stays).
    ben.execute_cdp_cmd("Network.enable", {})
    ben.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/v1/invite/record*"]})
    ben.find_element(By.XPATH, "//button[normalize-space()='Download (web page)']").click()
    wait_text(ben, "[data-testid='record-status']", "could not be downloaded: no connection")
    ben.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    assert not (ben.download_dir / f"{stem} - record.html").exists()
    assert axe_problems(ben) == []

    # The console's session page tells the facilitator the host can take it themselves; not
    # once the host's link is revoked.
    console = browsers()
    sign_in(console, daemon.base, facilitator)
    session_page = lambda: wait_until(console, lambda d: d.find_elements(By.XPATH, f"//button[normalize-space()='{TITLE}']"))[0].click()
    session_page()
    wait_text(console, "[data-testid='record-hosts']", "Ben (host) can also download the record from their own invite link’s page.")
    assert axe_problems(console) == []
    session = created["session"]["id"]
    assert daemon.api("DELETE", f"/sessions/{session}/participants/{participant_id(created, 'Ben')}", facilitator)[0] == 204
    console.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    session_page()
    wait_until(console, lambda d: d.find_elements(By.ID, "invite-ended"))
    assert console.find_elements(By.CSS_SELECTOR, "[data-testid='record-hosts']") == []
    for driver in (chair, asha, console):
        assert browser_errors(driver) == []
    # A blocked request is logged by Chromium as a failed load; nothing else may be.
    assert [e for e in browser_errors(ben) if "ERR_BLOCKED_BY_CLIENT" not in e] == []


def test_the_host_reads_the_record_in_a_tab_of_its_own(daemon, facilitator, api_ready, browsers):
    """The record panel opens the HTML record in a new tab, drawn by the page itself with the
    tab's copy of the invite token (never in an address): to read, show in the workshop or
    print, without a downloaded file. Without a token, or with a reviewer's, the tab says why."""
    title = "Reading for pleasure: record tab"
    chair, asha, ben, room = ended_with_record_tab(daemon, facilitator, browsers, title)
    assert "#" not in ben.current_url and ben.current_url.endswith("/record-view")
    assert ben.title == f"Review record: {title}"
    # The record as the downloaded file draws it: its sections, its stylesheet, and the host.
    assert ben.find_elements(By.ID, "agenda") and "Ben" in ben.find_element(By.TAG_NAME, "main").text
    assert ben.execute_script("return getComputedStyle(document.querySelector('main')).maxWidth") == "960px"
    assert ben.execute_script("return document.activeElement.tagName") == "H1"
    assert ben.find_element(By.ID, "record-print").is_displayed()
    assert axe_problems(ben) == []
    screenshot(ben, "record-view")

    # A reload keeps it (the tab keeps its copy of the token); offline, it says so and tries again.
    ben.execute_cdp_cmd("Network.enable", {})
    ben.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/v1/invite/record*"]})
    ben.refresh()
    wait_text(ben, "#notice-heading", "The record could not be shown")
    wait_text(ben, "main", "No connection to ReviewRoom")
    assert not ben.find_element(By.ID, "record-print").is_displayed()
    ben.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    ben.find_element(By.XPATH, "//main//button[normalize-space()='Try again now']").click()
    wait_text(ben, "main h1", f"Review record: {title}")
    ben.close()
    ben.switch_to.window(room)

    # A reviewer's token is refused by the server, in its words; a tab without a token says where to go.
    asha.get(daemon.base + "/record-view")
    wait_text(asha, "#notice-heading", "The record could not be shown")
    wait_text(asha, "main", "The record is for the host school and the facilitator: this link cannot open it.")
    assert asha.find_elements(By.XPATH, "//main//button[normalize-space()='Try again now']") == [], "a refusal is not retried"
    assert "Review record" not in asha.find_element(By.TAG_NAME, "main").text
    fresh = browsers()
    fresh.get(daemon.base + "/record-view")
    wait_text(fresh, "#notice-heading", "Open the record from your room page")
    assert axe_problems(fresh) == []
    for driver in (chair, fresh):
        assert browser_errors(driver) == []
    assert [e for e in browser_errors(ben) if "ERR_BLOCKED_BY_CLIENT" not in e] == []
    assert [e for e in browser_errors(asha) if "403" not in e] == []


def test_the_facilitator_reads_the_record_in_a_tab_from_the_console(daemon, facilitator, api_ready, browsers):
    """The console's session page opens the record (a draft before the end) in a new tab with the
    console's sign-in; the tab's address names the session, never the token."""
    title = "Console record tab"
    created = schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90",
                               participants=[{"name": "Ben", "role": "host"}])
    console = browsers()
    sign_in(console, daemon.base, facilitator)
    wait_until(console, lambda d: d.find_elements(By.XPATH, f"//button[normalize-space()='{title}']"))[0].click()
    page = console.current_window_handle
    wait_until(console, lambda d: d.find_elements(By.ID, "view-record"))[0].click()
    tab = wait_until(console, lambda d: [h for h in d.window_handles if h != page], message="no new tab opened")[0]
    console.switch_to.window(tab)
    wait_text(console, "main h1", f"Review record: {title}")
    wait_text(console, "#draft", "Draft: the session has not ended")
    assert console.current_url.endswith("/record-view#session=" + created["session"]["id"])
    assert facilitator not in console.current_url
    # Its Contents links move within it, and a reload after one still reads the same session.
    console.find_element(By.CSS_SELECTOR, "nav.contents a[href='#agenda']").click()
    wait_until(console, lambda d: d.current_url.endswith("#agenda"))
    console.refresh()
    wait_text(console, "main h1", f"Review record: {title}")
    assert axe_problems(console) == []
    assert browser_errors(console) == []


def test_the_workshops_host_staff_read_the_record_of_the_review_it_follows(daemon, facilitator, api_ready, browsers):
    """A post-review workshop scheduled with `followsSession`: its host's page names the review
    and, once that review has ended, opens the review's record in a new tab with the host's own
    workshop link (`GET /api/v1/invite/followed-record`). Its reviewers see nothing of it."""
    title = "Reading for pleasure: followed review"
    review, chair, _, _ = review_with_pages(daemon, facilitator, browsers, title)
    assert command(chair, "session.start").get("type") == "ack"
    workshop = schedule_via_api(daemon, facilitator, f"Post-review workshop: {title}", [], template="post-review-workshop-60",
                                followsSession=review["session"]["id"],
                                participants=[{"name": "Dee", "role": "host"}, {"name": "Eli", "role": "reviewer"}])
    dee, eli = browsers(), browsers()
    dee.get(invite_of(workshop, "Dee"))
    eli.get(invite_of(workshop, "Eli"))
    for driver in (dee, eli):
        joined(driver)
    followed = "#followed-panel"
    wait_until(dee, lambda d: d.find_element(By.CSS_SELECTOR, followed).is_displayed(),
               message="the workshop's host page never named the review it follows")
    wait_text(dee, followed, f"“{title}”")
    wait_text(dee, "[data-testid='followed-not-ended']", "Its record can be opened here once that review has ended.")
    assert dee.find_elements(By.CSS_SELECTOR, "[data-testid='followed-view']") == []

    # The review ends; the page asks again when the workshop's clock changes (it starts here), as
    # well as every minute, so the promise "once that review has ended" is kept without a reload.
    assert command(chair, "session.end").get("type") == "ack"
    workshop_chair = browsers()
    workshop_chair.get(facilitator_invite(workshop))
    joined(workshop_chair)
    assert command(workshop_chair, "session.start").get("type") == "ack"
    room = dee.current_window_handle
    wait_until(dee, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='followed-view']"))[0].click()
    wait_text(dee, "[data-testid='followed-status']", "The review’s record opened in a new tab")
    tab = wait_until(dee, lambda d: [h for h in d.window_handles if h != room], message="no new tab opened")[0]
    dee.switch_to.window(tab)
    wait_text(dee, "main h1", f"Review record: {title}")
    assert dee.current_url.endswith("/record-view#followed"), "no token in the address: only what to read"
    assert "Ben" in dee.find_element(By.TAG_NAME, "main").text, "the review's record, with the review's host"
    assert axe_problems(dee) == []
    dee.close()
    dee.switch_to.window(room)
    assert axe_problems(dee) == []

    assert not eli.find_element(By.CSS_SELECTOR, followed).is_displayed(), "a reviewer of the workshop was offered the review"
    for driver in (chair, dee, eli, workshop_chair):
        assert browser_errors(driver) == []


def test_the_review_a_workshop_follows_is_offered_before_the_workshop_opens(daemon, facilitator, api_ready, browsers):
    """Host staff read the review's record to prepare, days before the workshop: its page is the
    "not open yet" notice then, and the panel of the review it follows is under it (an audit found
    no way to the record there). A reviewer's link shows the notice alone."""
    title = "Reading for pleasure: workshop tomorrow"
    review, chair, _, _ = review_with_pages(daemon, facilitator, browsers, title)
    for command_name in ("session.start", "session.end"):
        assert command(chair, command_name).get("type") == "ack"
    workshop = schedule_via_api(daemon, facilitator, f"Post-review workshop: {title}", [], minutes=24 * 60,
                                template="post-review-workshop-60", followsSession=review["session"]["id"],
                                participants=[{"name": "Dee", "role": "host"}, {"name": "Eli", "role": "reviewer"}])
    dee, eli = browsers(), browsers()
    dee.get(invite_of(workshop, "Dee"))
    eli.get(invite_of(workshop, "Eli"))
    wait_text(dee, "#notice-heading", "not open yet")
    wait_text(eli, "#notice-heading", "not open yet")
    room = dee.current_window_handle
    wait_until(dee, lambda d: d.find_elements(By.CSS_SELECTOR, "[data-testid='followed-view']"),
               message="the not-open page offered no way to the review's record")[0].click()
    wait_text(dee, "[data-testid='followed-status']", "The review’s record opened in a new tab")
    tab = wait_until(dee, lambda d: [h for h in d.window_handles if h != room], message="no new tab opened")[0]
    dee.switch_to.window(tab)
    wait_text(dee, "main h1", f"Review record: {title}")
    dee.close()
    dee.switch_to.window(room)
    assert axe_problems(dee) == []
    assert eli.find_elements(By.CSS_SELECTOR, "#followed-panel:not([hidden])") == []
    for driver in (chair, dee, eli):
        assert browser_errors(driver) == []


REGION_STOPS = ("return [...document.querySelectorAll('main .table-scroll[role=region]')].map((r) => ["
                "  r.getAttribute('aria-label'), r.getAttribute('tabindex'),"
                "  r.scrollWidth > r.clientWidth + 1 || r.scrollHeight > r.clientHeight + 1])")


def test_in_the_record_tab_only_a_table_that_scrolls_is_a_tab_stop(daemon, facilitator, api_ready, browsers):
    """The record makes each table region focusable so that a keyboard can scroll it; in the
    record tab a region that fits is no Tab stop, and one becomes one when a narrow window makes
    it scroll (and stops being one when it fits again)."""
    _, _, ben, _ = ended_with_record_tab(daemon, facilitator, browsers, "Reading for pleasure: record tab stops")
    ben.set_window_size(1280, 900)

    def stops_follow_scrolling(driver):
        regions = driver.execute_script(REGION_STOPS)
        return regions and all((stop == "0") == scrolls for _, stop, scrolls in regions)

    wait_until(ben, stops_follow_scrolling, message=f"wide: {ben.execute_script(REGION_STOPS)!r}")
    wide = ben.execute_script(REGION_STOPS)
    assert any(stop is None for _, stop, _ in wide), f"at 1280 px some table fits: {wide!r}"
    ben.set_window_size(360, 900)
    wait_until(ben, lambda d: stops_follow_scrolling(d) and any(s == "0" for _, s, _ in d.execute_script(REGION_STOPS)),
               message=f"narrow: {ben.execute_script(REGION_STOPS)!r}")
    assert axe_problems(ben) == []
    ben.set_window_size(1280, 900)
    wait_until(ben, lambda d: d.execute_script(REGION_STOPS) == wide, message=f"wide again: {ben.execute_script(REGION_STOPS)!r}")
    assert browser_errors(ben) == []


DISCLOSURES = "return [...document.querySelectorAll('main details')].map((d) => d.open)"


def test_the_record_tab_prints_who_wrote_what_open_in_any_browser(daemon, facilitator, api_ready, browsers):
    """The record's print style opens its who-wrote-what disclosures only where the browser has
    `::details-content`; the record tab opens them itself for printing and closes them after,
    leaving one the reader had opened open."""
    _, _, ben, _ = ended_with_record_tab(daemon, facilitator, browsers, "Reading for pleasure: printed authors",
                                         evidence="Pupils read in the library at lunch.\n")
    assert ben.execute_script(DISCLOSURES) == [False], ben.execute_script(DISCLOSURES)
    ben.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    assert ben.execute_script(DISCLOSURES) == [True]
    ben.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert ben.execute_script(DISCLOSURES) == [False]
    # Opened by the reader: printed open, and still open after.
    ben.execute_script("document.querySelector('main details').open = true")
    ben.execute_script("window.dispatchEvent(new Event('beforeprint'))")
    ben.execute_script("window.dispatchEvent(new Event('afterprint'))")
    assert ben.execute_script(DISCLOSURES) == [True]
    assert browser_errors(ben) == []
