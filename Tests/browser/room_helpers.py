"""Helpers for the room-page tests: a session with the facilitator's and reviewers' pages
joined through their invite links, and readers for what the announcer and the page show."""
from selenium.webdriver.common.keys import Keys

from pages import command, invite_of, joined, schedule_via_api, wait_until

ALT_SHIFT = Keys.ALT + Keys.SHIFT


def facilitator_invite(created):
    return next(i["url"] for i in created["invites"] if i["participant"]["role"] == "facilitator")


def open_pages(created, browsers, names):
    """Opens the facilitator's page and one page per invited name (any role), all joined.
    Returns (chair, [driver per name])."""
    chair = browsers()
    chair.get(facilitator_invite(created))
    drivers = []
    for name in names:
        driver = browsers()
        driver.get(invite_of(created, name))
        drivers.append(driver)
    for driver in [chair, *drivers]:
        joined(driver)
    return chair, drivers


def room_with(daemon, facilitator, browsers, title, people, **extra):
    """Schedules `title` with `people` (reviewers) and opens the facilitator's page and one page
    per person, all joined. Returns (created, chair, {name: driver})."""
    created = schedule_via_api(daemon, facilitator, title, people, **extra)
    chair, drivers = open_pages(created, browsers, people)
    return created, chair, dict(zip(people, drivers))


def proxied_reviewer(proxied, browsers, title, name="Asha"):
    """Schedules `title` with `name` alone on a `proxied` daemon and opens their page through the
    proxy (the connection a test cuts), joined. Returns (created, page)."""
    daemon, proxy, facilitator = proxied
    created = schedule_via_api(daemon, facilitator, title, [name])
    page = browsers()
    page.get(invite_of(created, name).replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(page)
    return created, page


def proxied_room(proxied, browsers, title, people):
    """Schedules `title` on a `proxied` daemon (its fixture's `(daemon, proxy, facilitator)`) and
    opens the facilitator's page straight to the daemon and the first person's page through the
    proxy (the connection a test cuts), both joined. Returns (created, chair, page)."""
    daemon, proxy, facilitator = proxied
    created = schedule_via_api(daemon, facilitator, title, people)
    chair, page = browsers(), browsers()
    chair.get(facilitator_invite(created))
    page.get(invite_of(created, people[0]).replace(f":{daemon.port}/", f":{proxy.port}/"))
    joined(chair)
    joined(page)
    return created, chair, page


def said_log(driver):
    """Everything the page's announcer has said (or noted), oldest first."""
    return driver.execute_script("return window.reviewroom.announcer.log.slice();")


def wait_said(driver, text):
    """Waits until the page's announcer has said `text`."""
    return wait_until(driver, lambda d: text in said_log(d), message=f"never said {text!r} (said {said_log(driver)!r})")


def settled(driver):
    """Sends a read-only command and waits for its ack: every command the page sent before it
    has been handled by then, and the events it caused have reached the page."""
    note = driver.execute_script("return window.reviewroom.model.session.notes[0].id")
    assert "error" not in command(driver, "note.get", {"note": note})


def press(driver, *keys):
    """Sends keys to whatever has focus (as a person typing would)."""
    driver.switch_to.active_element.send_keys(*keys)


def refusal(driver):
    """The visible refusal line: {text, shown, role, live}."""
    return driver.execute_script(
        "const n = document.querySelector('[data-testid=refusal]');"
        "return n ? {text: n.textContent, shown: n.getBoundingClientRect().height > 0 && !n.closest('[hidden]'),"
        " role: n.getAttribute('role'), live: n.getAttribute('aria-live')} : null;")


def my_hand(driver):
    return driver.execute_script(
        "const r = window.reviewroom; const me = r.model.you.id;"
        "return (r.model.session.floor.queue || []).find((h) => h.participant === me) || null;")
