"""A facilitator or reviewer who works by voice (Dragon, Voice Access, Voice Control): a double
click is one press, dictated lengths are read or quoted back, controls are named by their
visible words, and what a button did is shown, not only said."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from conftest import browser_errors
from pages import (fill_schedule_form, invite_of, joined, participant_id, schedule_via_api, sign_in, start_live_review, wait_js,
                   wait_text, wait_until)


def dictate(driver, element_id, text):
    """Puts `text` into the field as dictation does: one insertion, no key events per letter."""
    field = driver.find_element(By.ID, element_id)
    driver.execute_script("arguments[0].focus(); arguments[0].select();", field)
    driver.execute_cdp_cmd("Input.insertText", {"text": text})


def titled(daemon, facilitator, title):
    return [s for s in daemon.api("GET", "/sessions", facilitator)[1] if s["title"] == title]


def test_a_double_click_or_a_second_press_on_its_way_schedules_one_session(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    for title, press in (("Double clicked", lambda b: ActionChains(driver).double_click(b).perform()),
                         ("Pressed twice", lambda b: driver.execute_script("arguments[0].click(); arguments[0].click();", b))):
        driver.find_element(By.ID, "new-session").click()
        wait_until(driver, lambda d: d.find_element(By.ID, "schedule-title")).send_keys(title)
        driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
        driver.find_element(By.ID, "schedule-focus").send_keys("Stamina")
        press(driver.find_element(By.ID, "schedule-submit"))
        wait_until(driver, lambda d: d.find_elements(By.ID, "run-live"), message="the session page never came")
        assert len(titled(daemon, facilitator, title)) == 1, f"{title}: {titled(daemon, facilitator, title)}"
        driver.find_element(By.XPATH, "//nav//button[normalize-space()='Sessions']").click()
    assert browser_errors(driver) == []


def test_dictated_lengths_are_read_with_their_unit_or_quoted_back(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Dictated lengths", ["Asha", "Ben"])
    asha_id, ben_id = participant_id(created, "Asha"), participant_id(created, "Ben")
    choose = ("const s = document.getElementById('control-grant-who'); s.value = arguments[0];"
              "s.dispatchEvent(new Event('change', {bubbles: true}));")
    # "90 seconds" in a number field read "90e", empty to the page: an untimed turn, unsaid.
    dictate(console, "control-turn", "90 seconds")
    console.execute_script(choose, asha_id)
    console.find_element(By.ID, "control-grant").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === arguments[0]", asha_id)
    floor = console.execute_script("return window.reviewroom.model.session.floor")
    assert floor["turnEndsAt"] is not None
    turn = console.execute_script("return (Date.parse(arguments[0]) - Date.parse(arguments[1])) / 1000", floor["turnEndsAt"], floor["since"])
    assert 85 <= turn <= 90, turn

    # Words it cannot read are quoted back, and nothing is sent.
    wait_js(console, "return !document.querySelector('.controls [aria-disabled=true]')")
    dictate(console, "control-turn", "two minutes")
    console.execute_script(choose, ben_id)
    console.find_element(By.ID, "control-grant").click()
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-turn-error"))[0]
    assert "“two minutes”" in error.text, error.text
    assert console.execute_script("return window.reviewroom.model.session.floor.speaker") == asha_id

    # A round's "Seconds each" takes minutes too.
    console.find_element(By.ID, "control-release").click()
    wait_js(console, "return window.reviewroom.model.session.floor.speaker === null")
    dictate(console, "control-round-secs", "1 minute")
    console.find_element(By.ID, "control-round-start").click()
    wait_js(console, "return window.reviewroom.model.session.floor.round?.secondsEach === 60")
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_controls_are_named_by_their_visible_words_and_a_copy_is_shown(daemon, facilitator, api_ready, browsers):
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    driver.find_element(By.ID, "new-session").click()
    wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "button[data-row-action=up]"))
    # The rows' arrows were "↑" and "↓", which nobody can say; the name starts from the action.
    for action, word in (("up", "Up"), ("down", "Down")):
        for button in driver.find_elements(By.CSS_SELECTOR, f"button[data-row-action={action}]"):
            assert button.text == word and button.get_attribute("aria-label").lower().endswith(f" {action}")
    fill_schedule_form(driver, "Named controls", "Asha")
    copy = wait_until(driver, lambda d: d.find_elements(By.XPATH, "//button[normalize-space()='Copy link']"))
    # "Copy link" is the start of its name, so "click Copy link" finds it.
    assert all(b.get_attribute("aria-label").startswith("Copy link for ") for b in copy)
    # An empty invite is said in the page, not in the browser's fading bubble.
    driver.find_element(By.XPATH, "//button[normalize-space()='Invite']").click()
    wait_text(driver, ".form-status", "Enter the name of the person to invite.")
    assert driver.execute_script("return document.activeElement.id") == "invite-name"

    # (That session starts tomorrow; the room's copy is tried in one open now.)
    created = schedule_via_api(daemon, facilitator, "Copied notes", ["Asha"])
    room = browsers()
    room.get(invite_of(created, "Asha"))
    joined(room)
    wait_until(room, lambda d: d.find_elements(By.ID, "notes-copy"))[0].click()
    # Shown beside the button as well as said: the clipboard may refuse in a headless browser.
    wait_until(room, lambda d: d.find_element(By.ID, "notes-copy-status").text in
               ("Notes copied as Markdown", "Could not copy: your browser refused access to the clipboard"),
               message="nothing shown after Copy all notes")
