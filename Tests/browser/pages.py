"""Helpers that drive the pages the way a person would, and read what they show."""
import datetime
import importlib.util
import pathlib
import re

from axe_selenium_python import Axe
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

WAIT = 20


def wait_until(driver, condition, timeout=WAIT, message=""):
    """Waits until `condition(driver)` is truthy and returns its value."""
    return WebDriverWait(driver, timeout, poll_frequency=0.05,
                         ignored_exceptions=(StaleElementReferenceException,)).until(condition, message)


def wait_js(driver, script, *args, timeout=WAIT, message=""):
    """Waits until a JS expression (`return …`) is truthy and returns its value."""
    return wait_until(driver, lambda d: d.execute_script(script, *args), timeout, message or script)


# The personal cue (`personal-cue.js`) as shown, or None while hidden.
CUE = ("const c = document.querySelector('[data-testid=personal-cue]'); if (!c || c.hidden) return null;"
       "const r = c.getBoundingClientRect();"
       "return { text: c.textContent, inView: r.top >= 0 && r.bottom <= innerHeight && r.height > 0,"
       "  hidden: c.getAttribute('aria-hidden'), clicks: getComputedStyle(c).pointerEvents };")


def cue_says(driver, words):
    """Waits until the personal cue shows `words`; returns what `CUE` read."""
    return wait_until(driver, lambda d: (lambda c: c if c and words in c["text"] else None)(d.execute_script(CUE)),
                      message=f"no cue with {words!r} (shows {driver.execute_script(CUE)!r})")


def text_of(driver, selector):
    """The rendered text of the first match (read in one script: pages redraw sections often)."""
    return driver.execute_script("const n = document.querySelector(arguments[0]); return n ? n.innerText : null;", selector)


def wait_text(driver, selector, expected, timeout=WAIT):
    """Waits until the element's text contains `expected`."""
    return wait_until(driver, lambda d: expected in (text_of(d, selector) or ""), timeout,
                      f"{selector} never showed {expected!r} (shows {text_of(driver, selector)!r})")


def joined(driver):
    """Waits until the page has a welcome snapshot and is online."""
    wait_js(driver, "return !!(window.reviewroom && window.reviewroom.model.session && window.reviewroom.connection.online)",
            message="page never joined the session")


_SET_VALUE = ("arguments[0].value = arguments[1];"
              "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
              "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));")


def set_value(driver, element, value):
    """Sets a form control's value and fires `input`/`change` (for date and time inputs)."""
    driver.execute_script(_SET_VALUE, element, value)


def set_value_of(driver, element_id, value):
    """`set_value` on the control with id `element_id`, found in the same script: the console
    redraws its controls as events arrive, so an element found a moment earlier can be stale."""
    driver.execute_script(
        "const n = document.getElementById(arguments[0]);"
        "if (!n) throw new Error('no element #' + arguments[0]);"
        "(function () {" + _SET_VALUE + "}).apply(null, [n, arguments[1]]);", element_id, value)


def sign_in(driver, base, token):
    driver.get(base + "/console")
    field = wait_until(driver, lambda d: d.find_element(By.ID, "facilitator-token"))
    field.send_keys(token)
    driver.find_element(By.ID, "sign-in").click()
    wait_until(driver, lambda d: d.find_elements(By.ID, "new-session"), message="sign-in did not reach the session list")


# axe-core 4.12.1 from the axe-playwright-python wheel (Makefile, AXE_CORE_PACKAGE): the 3.1.1
# that axe-selenium-python bundles predates most of today's rules. Found without importing the
# package, which would import Playwright.
AXE_SCRIPT = pathlib.Path(importlib.util.find_spec("axe_playwright_python").submodule_search_locations[0]) / "axe.min.js"
AXE_IMPACTS = ("moderate", "serious", "critical")


def axe_problems(driver):
    """axe-core violations of impact moderate, serious or critical on the current page (WCAG 2.x
    A and AA and best practice)."""
    axe = Axe(driver, script_url=str(AXE_SCRIPT))
    axe.inject()
    results = axe.run()
    return [f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"] if v["impact"] in AXE_IMPACTS]


def countdown_end(driver):
    """Local time (ms) at which this page's phase countdown reaches zero, from endsAt and its clock offset."""
    return driver.execute_script(
        "const r = window.reviewroom; const c = r.model.session.clock;"
        "return c.endsAt ? Date.parse(c.endsAt) - r.connection.offsetMs : null;")


def run_in_page(driver, daemon, script, *args):
    """Opens the daemon's home page and runs `script` there as an async script, with `done` (the
    callback that returns its result) already defined: how the client's modules are tested alone."""
    driver.get(daemon.base + "/")
    return driver.execute_async_script("const done = arguments[arguments.length - 1];" + script, *args)


def note_get(driver, note):
    """The note as the server has it (`note.get` over this page's connection)."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.reviewroom.connection.command('note.get', {note: arguments[0]}).then((a) => done(a.note), (e) => done({error: e.message}));",
        note)


def shown_note(driver, note):
    return driver.execute_script("return document.getElementById('note-' + arguments[0]).value;", note)


def queue_names(driver):
    return driver.execute_script(
        "const r = window.reviewroom; return (r.model.session.floor.queue || []).map((h) => r.model.nameOf(h.participant));")


def schedule_via_api(daemon, token, title, people, minutes=2, **extra):
    """Creates a session through the HTTP API starting in `minutes` (its lobby is open) and returns the 201 body."""
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=minutes)).replace(microsecond=0)
    body = {"title": title, "hostSchool": "Northfield", "focus": "Reading",
            "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
            "participants": [{"name": name, "role": "reviewer"} for name in people]}
    body.update(extra or {"template": "rapid-remote-90", "promptDeck": "covid-recovery"})
    status, created = daemon.api("POST", "/sessions", token, body)
    assert status == 201, created
    return created


def invite_of(created, name):
    return next(i["url"] for i in created["invites"] if i["participant"]["name"] == name)


def participant_id(created, name):
    return next(p["id"] for p in created["session"]["participants"] if p["name"] == name)


def open_live_console(driver, base, token, title):
    """Signs in, opens the session by title and runs it live; waits until the console has joined."""
    sign_in(driver, base, token)
    wait_until(driver, lambda d: d.find_elements(By.XPATH, f"//button[normalize-space()='{title}']"))[0].click()
    wait_until(driver, lambda d: d.find_element(By.ID, "run-live")).click()
    joined(driver)


def command(driver, type_, fields=None):
    """Sends one command over the page's own connection; returns the ack (or {'error': message})."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "window.reviewroom.connection.command(arguments[0], arguments[1]).then(done, (e) => done({error: e.message}));",
        type_, fields or {})


def click_when_ready(driver, element_id):
    """Clicks a console control once it is offered: present, enabled and not held (a control is
    held, `aria-disabled`, from its command's send until shortly after the answer)."""
    def ready(d):
        node = d.find_element(By.ID, element_id)
        if not node.is_enabled() or node.get_attribute("aria-disabled") == "true":
            return False
        node.click()
        return True
    wait_until(driver, ready, message=f"#{element_id} was never offered")


def focused(driver):
    """What has keyboard focus: tag, id, text (or value) and selection, read in one script."""
    return driver.execute_script(
        "const n = document.activeElement;"
        "return {tag: n.tagName.toLowerCase(), id: n.id, text: n === document.body ? '(nothing focused)' : (n.innerText || '').trim(), value: n.value ?? null,"
        "  checked: n.checked ?? null, selection: typeof n.selectionStart === 'number' ? [n.selectionStart, n.selectionEnd] : null,"
        "  key: n.dataset.focusKey || null};")


def focus_button(driver, label, within="body"):
    """Puts keyboard focus on the button labelled `label` (as Tab would) and returns it."""
    button = driver.find_element(By.XPATH, f"//{within}//button[normalize-space()='{label}']")
    driver.execute_script("arguments[0].focus();", button)
    assert focused(driver)["text"] == label
    return button


def start_live_review(daemon, token, browsers, title, people):
    """Schedules `title` through the API, opens its console and the first person's page,
    starts the session from the console and waits until it is live.
    Returns (created, console, that person's driver)."""
    created = schedule_via_api(daemon, token, title, people)
    console, person = browsers(), browsers()
    open_live_console(console, daemon.base, token, title)
    person.get(invite_of(created, people[0]))
    joined(person)
    wait_until(console, lambda d: d.find_element(By.XPATH, "//button[normalize-space()='Start session']")).click()
    wait_js(console, "return window.reviewroom.model.session.clock.status === 'live'")
    return created, console, person


def recorded_note(daemon, token, session, title):
    """The note's text in the session record as the server has it (HTTP API, not the page)."""
    status, record = daemon.api("GET", f"/sessions/{session}/record?format=json", token)
    assert status == 200, record
    return next(n["text"] for n in record["notes"] if n["title"] == title)


def kept_text_reaches_server(driver, daemon, token, session, note, typed):
    """After a reconnect: the page has joined, the text `typed` while it was cut off reached the
    server, the note says it is saved, and the page shows exactly the server's text."""
    joined(driver)
    wait_until(driver, lambda d: typed in recorded_note(daemon, token, session, note["title"]),
               timeout=20, message=f"{typed!r}, typed while cut off, never reached the server")
    wait_text(driver, ".tab-panel:not([hidden]) .note-status", "All changes saved")
    assert shown_note(driver, note["id"]) == recorded_note(daemon, token, session, note["title"])


def connection_banner(driver):
    """The page's connection banner as shown: {hidden (no visible text), text, inTree}. `inTree` is
    false when the element itself is hidden (out of the accessibility tree); an idle banner is
    empty but stays in the tree (BrowserClient.md, "Connection")."""
    return driver.execute_script(
        "const b = document.getElementById('connection-banner');"
        "return {hidden: b.hidden || b.getBoundingClientRect().height === 0, text: b.textContent, inTree: !b.hidden};")


def reviewer_joined(daemon, token, browsers, title):
    """Schedules `title` with one reviewer, Asha, whose page joins. Returns (session id, first note, page)."""
    created = schedule_via_api(daemon, token, title, ["Asha"])
    page = browsers()
    page.get(invite_of(created, "Asha"))
    joined(page)
    return created["session"]["id"], created["session"]["notes"][0], page


def apply_op(text, op):
    """An op as PROTOCOL §3.3 has it (retain n > 0, delete n < 0, insert a string), on text of
    one code unit per character."""
    out, at = [], 0
    for part in op:
        if isinstance(part, str):
            out.append(part)
        elif part > 0:
            out.append(text[at:at + part])
            at += part
        else:
            at -= part
    return "".join(out)


def fill_schedule_form(driver, title, person):
    """Fills the open schedule form (title, host school, focus, the first person's name) and submits it."""
    driver.find_element(By.ID, "schedule-title").send_keys(title)
    driver.find_element(By.ID, "schedule-host").send_keys("Northfield Primary")
    driver.find_element(By.ID, "schedule-focus").send_keys("Stamina")
    people = driver.find_elements(By.CSS_SELECTOR, "input.person-name")
    if not people:
        driver.find_element(By.ID, "add-person").click()
        people = wait_until(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "input.person-name"))
    people[0].send_keys(person)
    driver.find_element(By.ID, "schedule-submit").click()


def spoken_seconds(words):
    """Seconds in a length as the pages speak it: "1 minute 58 seconds" → 118."""
    units = {"hour": 3600, "minute": 60, "second": 1}
    parts = re.findall(r"(\d+) (hour|minute|second)s?", words)
    assert parts, f"not a spoken length: {words!r}"
    return sum(int(n) * units[unit] for n, unit in parts)


def schedule_lobby_opening_in(daemon, facilitator, seconds, title):
    """A session whose lobby opens `seconds` from now (a minute before its start), with Asha invited."""
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds + 60)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator, {
        "title": title, "hostSchool": "Northfield", "focus": "Reading",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London", "lobbyOpensMinutesBefore": 1,
        "template": "rapid-remote-90", "promptDeck": "covid-recovery", "participants": [{"name": "Asha", "role": "reviewer"}]})
    assert status == 201, created
    return created
