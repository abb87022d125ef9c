"""A post-review workshop is a session of its own (`followsSession`, scheduled from the review's
page): its pages said "This review is not open yet" and "The review has ended" (a workshop
audit). Its welcome and its `not_open` now name the review it follows, and the same pages call
it a workshop; a review's pages still call it a review."""
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import axe_problems, command, invite_of, schedule_via_api, sign_in, wait_text, wait_until
from room_helpers import open_pages, said_log

PEOPLE = [{"name": "Dee", "role": "host"}, {"name": "Eli", "role": "reviewer"}]


def workshop_of(daemon, facilitator, review, minutes):
    return schedule_via_api(daemon, facilitator, f"Post-review workshop: {review['session']['title']}", [], minutes=minutes,
                            template="post-review-workshop-60", followsSession=review["session"]["id"], participants=PEOPLE)


def said_in_part(driver, text):
    """Waits until something the page's announcer said contains `text`."""
    wait_until(driver, lambda d: any(text in line for line in said_log(d)), message=f"never said {text!r}: {said_log(driver)!r}")


def test_a_workshop_not_open_yet_is_called_a_workshop_and_a_review_a_review(daemon, facilitator, api_ready, browsers):
    review = schedule_via_api(daemon, facilitator, "Wording: review next week", [], minutes=7 * 24 * 60,
                              template="rapid-remote-90", participants=[{"name": "Ben", "role": "reviewer"}])
    workshop = workshop_of(daemon, facilitator, review, minutes=8 * 24 * 60)
    eli, ben = browsers(), browsers()
    eli.get(invite_of(workshop, "Eli"))
    ben.get(invite_of(review, "Ben"))
    wait_text(eli, "#notice-heading", "This workshop is not open yet")
    wait_text(eli, "main", "it joins by itself when the workshop opens")
    wait_text(ben, "#notice-heading", "This review is not open yet")
    assert "workshop" not in ben.find_element(By.TAG_NAME, "main").text.lower()
    assert axe_problems(eli) == []
    assert browser_errors(eli) == [] and browser_errors(ben) == []


def test_a_workshops_room_says_the_workshop_started_and_ended(daemon, facilitator, api_ready, browsers):
    review = schedule_via_api(daemon, facilitator, "Wording: the review", [], template="rapid-remote-90",
                              participants=[{"name": "Ben", "role": "reviewer"}])
    workshop = workshop_of(daemon, facilitator, review, minutes=2)
    chair, (eli,) = open_pages(workshop, browsers, ["Eli"])
    assert command(chair, "session.start").get("type") == "ack"
    said_in_part(eli, "the workshop has started")
    assert command(chair, "session.end").get("type") == "ack"
    wait_text(eli, "main", "Workshop ended")
    said_in_part(eli, "The workshop has ended")
    log = " ".join(map(str, said_log(eli)))
    assert "the workshop has started" in log and "The workshop has ended" in log, log
    main = eli.find_element(By.TAG_NAME, "main").text
    assert "review has" not in log and "review has" not in main and "Review ended" not in main, (log, main)
    assert browser_errors(eli) == [] and browser_errors(chair) == []


def test_the_consoles_page_of_a_workshop_says_workshop_and_its_reviews_page_review(daemon, facilitator, api_ready, browsers):
    review = schedule_via_api(daemon, facilitator, "Wording: ended review", [], template="rapid-remote-90",
                              participants=[{"name": "Ben", "role": "reviewer"}])
    workshop = workshop_of(daemon, facilitator, review, minutes=2)
    for created in (review, workshop):
        chair, _ = open_pages(created, browsers, [])
        for name in ("session.start", "session.end"):
            assert command(chair, name).get("type") == "ack", name
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, f"//button[normalize-space()='{workshop['session']['title']}']"))[0].click()
    wait_text(driver, "main", "This workshop has ended, so nobody new can be invited")
    assert "This review has ended" not in driver.find_element(By.TAG_NAME, "main").text
    # Its link to the review it follows opens the review's page, which says "review" again.
    wait_until(driver, lambda d: d.find_element(By.CSS_SELECTOR, "#follows-line button")).click()
    wait_text(driver, "main", "This review has ended, so nobody new can be invited")
    assert "This workshop has ended" not in driver.find_element(By.TAG_NAME, "main").text
    assert axe_problems(driver) == []
    assert browser_errors(driver) == []
