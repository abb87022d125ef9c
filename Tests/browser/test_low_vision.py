"""What a low-vision probe met at 200–400 % zoom, with a 24 px default font and in forced colours
(BrowserClient.md, "Accessibility decisions"): a sticky header with a banner taking 42 % of a
zoomed screen, the console's Undo offer below the screen, others' name tags failing 4.5:1 on
some hues, the HTML record ignoring the reader's font size, and a revoked facilitator's console
falling back to an empty sign-in form without a word."""
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import CUE, command, cue_says, joined, open_live_console, participant_id, run_in_page, schedule_via_api, sign_in, wait_js, wait_until
from room_helpers import open_pages

HEADER_POSITION = "return getComputedStyle(document.querySelector('.site-header')).position"
SET_BANNER = ("const b = document.getElementById('connection-banner'); b.hidden = false;"
              "b.dataset.state = arguments[0]; b.textContent = arguments[1];")


def metrics(driver, width, height, scale):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": False})


def test_the_header_sticks_only_for_a_lost_connection_and_not_on_a_zoomed_screen(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Sticky banner", ["Asha"])
    driver = browsers()
    driver.get(next(i["url"] for i in created["invites"] if i["participant"]["name"] == "Asha"))
    joined(driver)
    metrics(driver, 1280, 800, 1)
    driver.execute_script(SET_BANNER, "reconnecting", "Reconnecting…")
    assert driver.execute_script(HEADER_POSITION) == "sticky", "a lost connection no longer keeps the header in view"
    # 1280 px at 400 %: 320 x 200 CSS px, where the header took 107 of 256 px over the note.
    metrics(driver, 320, 200, 4)
    assert driver.execute_script(HEADER_POSITION) == "static"
    # "This review has ended" stays as long as anyone reads: it never sticks.
    metrics(driver, 1280, 800, 1)
    driver.execute_script(SET_BANNER, "online", "This review has ended. You can still read everything.")
    assert driver.execute_script(HEADER_POSITION) == "static"


def test_name_tags_meet_4_5_to_1_on_every_hue_in_both_themes(daemon, browsers):
    driver = browsers()
    ratios = run_in_page(
        driver, daemon,
        "const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };"
        "const lum = (s) => { const [r, g, b] = s.match(/\\d+(\\.\\d+)?/g).map(Number); return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b); };"
        "const link = document.createElement('link'); link.rel = 'stylesheet'; link.href = '/css/app.css';"
        "link.onload = () => { const out = [];"
        "  for (let hue = 0; hue < 360; hue += 5) {"
        "    const caret = document.createElement('span'); caret.className = 'remote-caret'; caret.style.setProperty('--who-hue', String(hue));"
        "    const tag = document.createElement('span'); tag.className = 'caret-name'; tag.textContent = 'Cleo'; caret.append(tag); document.body.append(caret);"
        "    const s = getComputedStyle(tag), [a, b] = [lum(s.color), lum(s.backgroundColor)];"
        "    out.push([hue, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]); caret.remove(); }"
        "  done(out); };"
        "document.head.append(link);")
    low = [(hue, round(ratio, 2)) for hue, ratio in ratios if ratio < 4.5]
    assert len(ratios) == 72 and low == [], f"name tags under 4.5:1: {low}"


def test_the_undo_offer_is_brought_into_a_magnified_view(daemon, facilitator, api_ready, browsers):
    schedule_via_api(daemon, facilitator, "Undo in view", ["Asha"])
    driver = browsers()
    open_live_console(driver, daemon.base, facilitator, "Undo in view")
    assert "error" not in command(driver, "session.start")
    wait_js(driver, "return window.reviewroom.model.session.clock.status === 'live'")
    # 1280 px at 300 %: 427 x 341 CSS px, the Next phase button at the foot of the view.
    metrics(driver, 427, 341, 3)
    button = driver.find_element(By.XPATH, "//button[normalize-space()='Next phase']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'end'}); arguments[0].click();", button)
    offer = wait_until(driver, lambda d: d.find_elements(By.ID, "phase-undo"), message="no Undo offer")[0]
    wait_until(driver, lambda d: d.execute_script(
        "const r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", offer),
        message="the Undo offer is outside the magnified view")
    assert browser_errors(driver) == []


def test_the_record_follows_the_readers_font_size(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Large type record", ["Asha"])
    driver = browsers()
    sign_in(driver, daemon.base, facilitator)
    size = run_in_page(
        driver, daemon,
        "fetch('/api/v1/sessions/' + arguments[0] + '/record?format=html', { headers: { Authorization: 'Bearer ' + arguments[1] } })"
        ".then((r) => r.text()).then((html) => {"
        "  const frame = document.createElement('iframe'); frame.srcdoc = html; frame.style.width = '800px';"
        "  frame.onload = () => { const d = frame.contentDocument; d.documentElement.style.fontSize = '24px';"
        "    done([getComputedStyle(d.body).fontSize, getComputedStyle(d.body).fontFamily]); };"
        "  document.body.append(frame); });", created["session"]["id"], facilitator)
    assert "system-ui" in size[1], f"the record's stylesheet did not apply: {size}"
    assert size[0] == "24px", f"the record's text is {size[0]} with a 24 px default"


def test_a_revoked_facilitators_console_says_why_it_signed_out(daemon, api_ready, browsers):
    fran = daemon.add_facilitator("Revoked Fran")
    schedule_via_api(daemon, fran["token"], "Revoked console", ["Asha"])
    driver = browsers()
    open_live_console(driver, daemon.base, fran["token"], "Revoked console")
    subprocess.run([*daemon.command, "facilitator", "revoke", fran["id"], "--data-dir", daemon.data_dir],
                   check=True, capture_output=True, timeout=30, env=daemon.env)
    wait_until(driver, lambda d: d.find_elements(By.ID, "facilitator-token"), message="the console stayed signed in")
    status = wait_until(driver, lambda d: d.find_element(By.ID, "sign-in-reason").text, message="the sign-in form said nothing")
    assert "no longer works" in status and "revoked" in status, status
    # Before the field and focused: a live region drawn with the reason in it was never read out.
    assert driver.execute_script("return document.activeElement.id") == "sign-in-reason"


def test_a_zoomed_reviewer_typing_in_a_note_sees_the_floor_a_cleared_hand_and_a_new_question(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Cues in view", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    asha_id = participant_id(created, "Asha")
    assert "error" not in command(chair, "session.start")
    # 1280 px at 400 %, typing in the first note, far below the floor and the question.
    metrics(asha, 320, 256, 4)
    asha.execute_script("const a = document.querySelector('.notes-panel textarea'); a.scrollIntoView({block: 'center'}); a.focus();")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id, "turnSec": 60})
    cue = cue_says(asha, "You have the floor")
    assert "left" in cue["text"] and cue["inView"], cue
    assert cue["hidden"] == "true" and cue["clicks"] == "none", cue  # screen readers hear the live region instead
    assert "error" not in command(chair, "floor.release")
    wait_until(asha, lambda d: d.execute_script(CUE) is None, message="the cue stayed after the turn")

    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_js(asha, "return (window.reviewroom.model.session.floor.queue || []).length === 1")
    assert "error" not in command(chair, "phase.next")
    assert cue_says(asha, "Your hand was cleared")["inView"]
    question = created["session"]["prompts"]["deck"][0]
    assert "error" not in command(chair, "prompt.show", {"prompt": question["id"]})
    assert cue_says(asha, "Question shown: " + question["text"][:20])["inView"]

    # With the floor in view there is nothing to point to.
    metrics(asha, 1280, 2000, 1)
    asha.execute_script("window.scrollTo(0, 0)")
    assert "error" not in command(chair, "floor.grant", {"participant": asha_id})
    wait_js(asha, "return document.querySelector('[data-testid=speaker]').textContent === 'You have the floor'")
    assert asha.execute_script(CUE) is None
    assert browser_errors(asha) == []


def test_a_hand_raised_from_a_note_with_the_keys_is_seen_at_the_foot_of_the_screen(daemon, facilitator, api_ready, browsers):
    """Alt+Shift+H in a note far below the Floor panel raised the hand and said so to a screen
    reader, and showed nothing: a sighted keyboard user saw no sign it had worked (a visual audit)."""
    created = schedule_via_api(daemon, facilitator, "A hand from the notes", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    asha.set_window_size(1366, 768)
    asha.execute_script("const a = document.querySelector('.notes-panel textarea'); a.scrollIntoView({block: 'end'}); a.focus();")
    assert asha.execute_script("return document.getElementById('raise-hand').getBoundingClientRect().bottom < 0"), \
        "the Floor panel is in sight: nothing to test"
    note = asha.switch_to.active_element
    note.send_keys(Keys.ALT + Keys.SHIFT + "h")
    wait_js(asha, "return (window.reviewroom.model.session.floor.queue || []).length === 1", message="the keys raised no hand")
    assert cue_says(asha, "Your hand is up, 1st in the queue")["inView"]
    note.send_keys(Keys.ALT + Keys.SHIFT + "h")
    assert cue_says(asha, "Your hand was lowered")["inView"]
    # Raised or lowered in sight of the Floor panel, the panel's own button says it: no cue.
    asha.execute_script("window.scrollTo(0, 0)")
    assert "error" not in command(asha, "hand.raise", {"kind": "contribution"})
    wait_js(asha, "return document.getElementById('raise-hand').textContent === 'Lower hand'")
    wait_until(asha, lambda d: d.execute_script(CUE) is None, message=f"a cue beside the Floor panel: {asha.execute_script(CUE)}")
    assert browser_errors(asha) == []


IN_SIGHT = ("const c = document.querySelector('[data-testid=personal-cue]'), r = c.getBoundingClientRect(), v = visualViewport;"
            "return [r.top >= v.offsetTop - 0.5, r.bottom <= v.offsetTop + v.height + 0.5,"
            "        r.left >= v.offsetLeft - 0.5, r.right <= v.offsetLeft + v.width + 0.5];")


def test_the_cue_is_kept_in_what_the_reviewer_sees_under_a_pinch_zoom(daemon, facilitator, api_ready, browsers):
    """A fixed cue sits at the foot of the layout viewport, which a pinch zoom (or a tablet's
    on-screen keyboard, which shrinks the visual viewport the same way) leaves out of sight: a
    reviewer typing on a tablet was given the floor behind the keyboard. What is in view is the
    visual viewport now, for the cue's place and for whether the floor panel can be seen."""
    created = schedule_via_api(daemon, facilitator, "Cue under a pinch zoom", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    metrics(asha, 1024, 1100, 1)
    asha.execute_script("window.scrollTo(0, 0)")
    floor_box = "return document.querySelector('[data-testid=speaker]').closest('section').getBoundingClientRect().toJSON()"
    box = asha.execute_script(floor_box)
    assert box["bottom"] <= 1100 and box["bottom"] > 1100 / 2, box  # in the window, in its lower half
    # Zoomed in by pinching to the window's upper left quarter: the floor panel is out of sight.
    asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 2})
    wait_js(asha, "return visualViewport.scale === 2")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 60})
    cue_says(asha, "You have the floor")
    wait_until(asha, lambda d: all(d.execute_script(IN_SIGHT)), message=f"the cue is out of sight: {asha.execute_script(IN_SIGHT)}")
    # Back to no zoom: the floor panel is in sight, so the cue goes.
    asha.execute_cdp_cmd("Emulation.setPageScaleFactor", {"pageScaleFactor": 1})
    wait_until(asha, lambda d: d.execute_script(CUE) is None, message="the cue stayed with the floor panel in sight")
    assert browser_errors(asha) == []
    # The pure part: how far each side moves in (the page is left for the home page here).
    insets = run_in_page(asha, daemon, "import('/js/personal-cue.js').then((m) => done(["
                         "  m.cueInsets({ top: 0, left: 0, bottom: 550, right: 504.6 }, { clientWidth: 1009, clientHeight: 1100 }),"
                         "  m.cueInsets({ top: 0, left: 0, bottom: 1100, right: 1009 }, { clientWidth: 1009, clientHeight: 1100 })]))")
    assert insets == [{"bottom": 550, "left": 0, "right": 504}, {"bottom": 0, "left": 0, "right": 0}], insets


# Where the caret's line is drawn (viewport px): a hidden copy of the focused note, styled as it
# is and laid over it, holding its text up to the caret and then a marker.
CARET_LINE = ("const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();"
              "const copy = document.createElement('div');"
              "for (const p of s) copy.style.setProperty(p, s.getPropertyValue(p));"
              "Object.assign(copy.style, { position: 'fixed', left: `${r.left}px`, top: `${r.top - a.scrollTop}px`,"
              "  height: 'auto', visibility: 'hidden', whiteSpace: 'pre-wrap', overflowWrap: 'break-word' });"
              "copy.textContent = a.value.slice(0, a.selectionEnd);"
              "const marker = copy.appendChild(document.createElement('span')); marker.textContent = '|';"
              "document.body.append(copy); const m = marker.getBoundingClientRect(); copy.remove();"
              "return { top: m.top, bottom: m.bottom };")


def test_the_floor_cue_never_covers_the_line_the_speaker_is_typing(daemon, facilitator, api_ready, browsers):
    """An axe probe at 200 % zoom gave Asha the floor while she typed in a note: from the tenth
    line on, the line she was typing sat under "You have the floor · Turn: 9:55 left"."""
    created = schedule_via_api(daemon, facilitator, "Typing under the cue", ["Asha"])
    chair, (asha,) = open_pages(created, browsers, ["Asha"])
    assert "error" not in command(chair, "session.start")
    metrics(asha, 683, 450, 2)
    note = asha.find_element(By.CSS_SELECTOR, ".notes-panel textarea")
    note.click()
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 600})
    cue_says(asha, "You have the floor")
    for line in range(1, 16):
        note.send_keys(f"Line {line} of the evidence", Keys.ENTER)
        cue = asha.execute_script("return document.querySelector('[data-testid=personal-cue]').getBoundingClientRect().top")
        caret = asha.execute_script(CARET_LINE)
        assert 0 <= caret["top"] and caret["bottom"] <= cue, f"line {line}: the caret's line is at {caret} px, the cue from {cue} px"
    assert browser_errors(asha) == []


def test_a_host_typing_far_down_the_notes_sees_that_the_review_ended_and_where_its_record_is(daemon, facilitator, api_ready, browsers):
    """At the end, a host typing in a note saw only "Read only" under it: the banner and the
    record's panel were out of sight, and a hand cue from the last phase move still showed (a
    host's audit). The end is a cue of its own, pointing to the record."""
    created = schedule_via_api(daemon, facilitator, "Cue at the end", [], template="rapid-remote-90",
                               participants=[{"name": "Ben", "role": "host"}])
    chair, (ben,) = open_pages(created, browsers, ["Ben"])
    assert "error" not in command(chair, "session.start")
    metrics(ben, 320, 256, 4)
    ben.execute_script("const a = document.querySelector('.notes-panel textarea'); a.scrollIntoView({block: 'center'}); a.focus();")
    assert "error" not in command(ben, "hand.raise", {"kind": "contribution"})
    wait_js(ben, "return (window.reviewroom.model.session.floor.queue || []).length === 1")
    assert "error" not in command(chair, "phase.next")
    assert cue_says(ben, "Your hand was cleared")["inView"]
    assert "error" not in command(chair, "session.end")
    cue = cue_says(ben, "The review has ended: its record is under “The record”, at the top of the page.")
    assert cue["inView"] and "hand" not in cue["text"], cue
