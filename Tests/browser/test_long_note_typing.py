"""Others' edits in a long note the person is typing in (BrowserClient.md, "Shared notes"): made
in place with the browser's editing command instead of setting the whole value, which re-laid out
all of it every frame (an endurance probe with a 360 KB note saw keys show 0.1–1.4 s late). The
in-place edit must leave exactly the server's text, keep the caret and the page's scroll, send
nothing of its own, and stay out of the page's undo history."""
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from note_bot import Bot
from pages import shown_note, start_live_review, wait_js, wait_until

LINE = "Evidence about reading stamina in year two, seen in three classes.\n"


def test_others_edits_in_a_long_focused_note_keep_the_caret_and_send_nothing(daemon, facilitator, api_ready, browsers):
    created, _, asha = start_live_review(daemon, facilitator, browsers, "Long note typing", ["Asha", "Bot"])
    with Bot(daemon, created, "Bot") as bot:
        body = LINE * 240  # 16 KB: past the in-place threshold, under the suite's note cap
        bot.edit([body], lambda text: body)
        wait_until(asha, lambda d: shown_note(d, "evidence") == body, message="the long note never arrived")
        # Asha's caret in the middle of the note, the page scrolled to the editor.
        middle = len(LINE) * 120
        asha.execute_script("const a = document.getElementById('note-evidence'); a.scrollIntoView({block: 'center'}); a.focus();"
                            "a.setSelectionRange(arguments[0], arguments[0]); window.inPlaceScroll = window.scrollY;", middle)
        # Counts the edits made in place (the path under test: setting the value gives the same text).
        asha.execute_script("const r = window.reviewroom.notesView.remote, f = r.editInPlace.bind(r); window.inPlace = 0;"
                            "r.editInPlace = (...a) => { const done = f(...a); if (done) window.inPlace += 1; return done; };")
        # Text before her caret, after it, and a deletion before it.
        bot.edit([10, "[early] ", len(bot.text) - 10], lambda text: text[:10] + "[early] " + text[10:])
        # Drawn before the next: two edits far apart drawn in one frame are one change of all the
        # lines between them, which goes in with `setRangeText` (the next test).
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text, message="the first edit never arrived")
        bot.edit([len(bot.text), "[late]\n"], lambda text: text + "[late]\n")
        bot.edit([20, -len(LINE), len(bot.text) - 20 - len(LINE)], lambda text: text[:20] + text[20 + len(LINE):])
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text, message="the page's text differs from the server's")
        caret = middle + len("[early] ") - len(LINE)
        assert asha.execute_script("const a = document.activeElement; return [a.id, a.selectionStart, a.selectionEnd]") == ["note-evidence", caret, caret]
        assert asha.execute_script("return window.scrollY === window.inPlaceScroll"), "the page scrolled to where the edit was made"
        assert asha.execute_script("return window.inPlace") >= 1, "no edit was made in place"
        # Nothing was sent for the edits made in place: the page has nothing unconfirmed.
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")

        # Her own typing lands at her caret, and Ctrl+Z takes back only that.
        asha.switch_to.active_element.send_keys("MINE")
        expected = bot.text[:caret] + "MINE" + bot.text[caret:]
        wait_until(asha, lambda d: shown_note(d, "evidence") == expected)
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="her typing was never confirmed")
        asha.switch_to.active_element.send_keys(Keys.CONTROL, "z")
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text, message="Ctrl+Z did not take back only her typing")
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced")
        assert browser_errors(asha) == []


def test_a_long_note_nobody_types_in_here_is_redrawn_at_most_once_a_while_and_at_once_on_focus(daemon, facilitator, api_ready, browsers):
    """A facilitator's console showing a long note while many typed took 3–13 s to show its own
    "+1 min": each frame laid the whole note out. Unfocused, a long note is redrawn at most once
    per `readerRedrawMs` (a second); focus draws the latest text before any key reaches it."""
    created, _, asha = start_live_review(daemon, facilitator, browsers, "Long note reading", ["Asha", "Bot"])
    with Bot(daemon, created, "Bot") as bot:
        body = LINE * 240
        bot.edit([body], lambda text: body)
        wait_until(asha, lambda d: shown_note(d, "evidence") == body, message="the long note never arrived")
        asha.execute_script("document.activeElement.blur(); window.reviewroom.notesView.remote.readerRedrawMs = 600000;"
                            "window.reviewroom.notesView.notes.get('evidence').shownAt = undefined;")
        # The first edit (nothing drawn in the while before) is drawn; the next within the (now ten-minute) while is held.
        bot.edit([len(bot.text), "[one]\n"], lambda text: text + "[one]\n")
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text, message="the first edit was not drawn")
        drawn = bot.text
        bot.edit([len(bot.text), "[two]\n"], lambda text: text + "[two]\n")
        wait_js(asha, "return window.reviewroom.notesView.notes.get('evidence').shown.endsWith('[two]\\n')",
                message="the edit never reached the page's model")
        assert shown_note(asha, "evidence") == drawn, "the redraw was not held back"
        # Focus draws it at once, and typing then lands in the whole text.
        asha.execute_script("const a = document.getElementById('note-evidence'); a.focus(); a.setSelectionRange(0, 0);")
        assert shown_note(asha, "evidence") == bot.text
        asha.switch_to.active_element.send_keys("A")
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="the typing was never confirmed")
        bot.edit([len(bot.text), "[three]\n"], lambda text: text + "[three]\n")
        assert bot.text.startswith("A" + body), bot.text[:80]
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text)
        assert browser_errors(asha) == []


def test_a_long_paste_by_someone_else_is_not_made_line_by_line_in_the_focused_note(daemon, facilitator, api_ready, browsers):
    """The editing command makes each inserted line break an edit of its own (2–8 ms apiece in a
    long note): 17 pasted chapters of 600 lines froze the page of the reviewer typing in that note
    for 224 s, and a facilitator's console for 64 s (an audit). Text of more than a few lines goes
    in with `setRangeText`; a short edit is still made in place."""
    created, _, asha = start_live_review(daemon, facilitator, browsers, "Long paste", ["Asha", "Bot"])
    with Bot(daemon, created, "Bot") as bot:
        body = LINE * 150  # 10 KB, and the chapter 7 KB: under the suite's note cap
        bot.edit([body], lambda text: body)
        wait_until(asha, lambda d: shown_note(d, "evidence") == body, message="the long note never arrived")
        middle = len(LINE) * 75
        asha.execute_script("const a = document.getElementById('note-evidence'); a.scrollIntoView({block: 'center'}); a.focus();"
                            "a.setSelectionRange(arguments[0], arguments[0]); window.pasteScroll = window.scrollY;"
                            "const exec = document.execCommand.bind(document); window.commands = [];"
                            "document.execCommand = (name, ui, value) => { window.commands.push([name, (value || '').length]); return exec(name, ui, value); };",
                            middle)
        chapter = LINE * 100
        bot.edit([5, chapter, len(bot.text) - 5], lambda text: text[:5] + chapter + text[5:])
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text, message="the page's text differs from the server's")
        caret = middle + len(chapter)
        assert asha.execute_script("const a = document.activeElement; return [a.id, a.selectionStart, a.selectionEnd]") == ["note-evidence", caret, caret]
        assert asha.execute_script("return window.scrollY === window.pasteScroll"), "the page scrolled to where the text went in"
        assert asha.execute_script("return window.commands") == [], "the pasted lines went in through the editing command"
        # A line of someone's typing still goes in place.
        bot.edit([len(bot.text), "[late]\n"], lambda text: text + "[late]\n")
        wait_until(asha, lambda d: shown_note(d, "evidence") == bot.text)
        assert asha.execute_script("return window.commands") == [["insertText", len("[late]\n")]]
        wait_js(asha, "return !window.reviewroom.notesView.hasUnsynced", message="the page sent something of its own")
        asha.switch_to.active_element.send_keys("MINE")
        expected = bot.text[:caret] + "MINE" + bot.text[caret:]
        wait_until(asha, lambda d: shown_note(d, "evidence") == expected, message="her typing did not land at her caret")
        assert browser_errors(asha) == []
