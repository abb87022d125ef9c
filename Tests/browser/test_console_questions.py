"""The console's question controls say which question they act on, in its whole wording, and a question can be
reworded live (the deck goes back with its ids, so what is shown and discussed stays) without
leaving the live view."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import browser_errors
from pages import axe_problems, command, participant_id, start_live_review, wait_js, wait_text, wait_until
from test_note_editing import peer


def names(driver, selector):
    return driver.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map((n) => n.getAttribute('aria-label'))", selector)


def click(driver, element_id):
    """Clicks the element with this id as it is now (the console redraws its controls as events come in)."""
    wait_until(driver, lambda d: d.find_element(By.ID, element_id).click() or True)


def test_each_question_control_is_named_after_its_question(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Named questions", ["Asha"])
    deck = created["session"]["prompts"]["deck"]
    assert len(deck) >= 3 and any(len(q["text"]) > 60 for q in deck)
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    shows = names(console, ".prompt-list button[data-focus-key^='show:']")
    boxes = names(console, ".prompt-list input[type=checkbox]")
    rewords = names(console, ".prompt-list button[id^='control-reword-']")
    for labels, verb in ((shows, "Show to everyone"), (boxes, "Discussed"), (rewords, "Reword")):
        assert len(labels) == len(deck) and len(set(labels)) == len(deck), labels
        for n, (label, q) in enumerate(zip(labels, deck), start=1):
            # The whole wording, not cut with "…": the control is where a screen reader lands.
            assert label == f"{verb}: question {n}, {' '.join(q['text'].split())}", label
    assert axe_problems(console) == []
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_a_question_is_reworded_live(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Reworded live", ["Asha"])
    deck = created["session"]["prompts"]["deck"]
    second = deck[1]["id"]
    assert command(console, "prompt.show", {"prompt": second}).get("error") is None
    assert command(console, "prompt.discussed", {"prompt": deck[0]["id"], "discussed": True}).get("error") is None
    wait_text(asha, "[data-testid=question]", deck[1]["text"][:30])
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()

    # An empty wording is not sent: the field says so.
    wait_until(console, lambda d: d.find_element(By.ID, f"control-reword-{second}")).click()
    wait_until(console, lambda d: d.find_element(By.ID, f"control-reword-text-{second}"))
    assert console.execute_script("return document.activeElement.id") == f"control-reword-text-{second}"
    # (typed into whatever has focus: the console redraws the field, keeping focus, as events come in)
    console.switch_to.active_element.send_keys(Keys.CONTROL, "a")
    console.switch_to.active_element.send_keys(Keys.BACKSPACE)
    click(console, f"control-reword-save-{second}")
    error = wait_until(console, lambda d: d.find_element(By.ID, f"reword-error-{second}"))
    assert "Write the question" in error.text
    assert console.find_element(By.ID, f"control-reword-text-{second}").get_attribute("aria-describedby") == f"reword-error-{second}"
    assert axe_problems(console) == []

    # Saved: the reviewer sees the new wording at once; ids, the shown question and "discussed" stay.
    new_text = "What would make reading time the best part of the day?"
    click(console, f"control-reword-text-{second}")
    console.switch_to.active_element.send_keys(new_text)
    click(console, f"control-reword-save-{second}")
    wait_text(asha, "[data-testid=question]", new_text)
    wait_until(console, lambda d: d.find_elements(By.ID, f"control-reword-{second}"))
    prompts = console.execute_script("return window.reviewroom.model.session.prompts")
    assert [q["id"] for q in prompts["deck"]] == [q["id"] for q in deck]
    assert [q["text"] for q in prompts["deck"]] == [q["text"] for q in deck[:1]] + [new_text] + [q["text"] for q in deck[2:]]
    assert prompts["current"] == second and prompts["discussed"] == [deck[0]["id"]]
    assert console.find_elements(By.ID, "control-start") == [] and console.find_elements(By.ID, "controls-heading")

    # Escape leaves the form as Cancel does: nothing sent, focus back on Reword (a keyboard-only
    # probe pressed it and stayed in the form).
    click(console, f"control-reword-{second}")
    wait_until(console, lambda d: d.execute_script("return document.activeElement.id") == f"control-reword-text-{second}")
    console.switch_to.active_element.send_keys(" (not meant)", Keys.ESCAPE)
    wait_until(console, lambda d: not d.find_elements(By.ID, f"control-reword-text-{second}"), message="Escape left the form open")
    assert console.execute_script("return document.activeElement.id") == f"control-reword-{second}"
    assert console.execute_script("return window.reviewroom.model.session.prompts.deck[1].text") == new_text
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_add_question_with_an_empty_field_says_so_at_the_field(daemon, facilitator, api_ready, browsers):
    """WCAG 3.3.1: "Add question" with nothing typed did nothing and said nothing. Now the field
    carries the error, as the turn length and Reword do, until the next press of a button."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "An empty question", ["Asha"])
    deck = len(created["session"]["prompts"]["deck"])
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    click(console, "control-add-question")
    error = wait_until(console, lambda d: d.find_elements(By.ID, "control-new-question-error"))[0]
    assert error.text == "Type the question first"
    field = console.find_element(By.ID, "control-new-question")
    assert field.get_attribute("aria-invalid") == "true" and field.get_attribute("aria-describedby") == "control-new-question-error"
    assert console.execute_script("return document.activeElement.id") == "control-new-question"
    assert axe_problems(console) == []
    # Enter in the empty field finds it again; another button's press takes it away.
    field.send_keys(" ", Keys.ENTER)
    assert console.find_elements(By.ID, "control-new-question-error")
    click(console, "control-extend-plus-60")
    wait_until(console, lambda d: not d.find_elements(By.ID, "control-new-question-error"), message="the complaint outlived another press")
    assert console.find_element(By.ID, "control-new-question").get_attribute("aria-invalid") is None
    assert len(console.execute_script("return window.reviewroom.model.session.prompts.deck")) == deck
    assert browser_errors(console) == [] and browser_errors(asha) == []


def test_rewording_while_the_room_is_busy_keeps_every_key_in_the_field(daemon, facilitator, api_ready, browsers):
    """A 40-person probe saw the Reword field go stale and typing land on "Next speaker" while
    the room was busy (not confirmed there). Each word here is typed after the console has
    redrawn its controls for someone's hand going up or down: every key must stay in the field,
    the caret where the typing goes on."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Reworded in a busy room", ["Asha", "Ben"])
    second = created["session"]["prompts"]["deck"][1]["id"]
    ben_id = participant_id(created, "Ben")
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    wait_until(console, lambda d: d.find_element(By.ID, f"control-reword-{second}")).click()
    field_id = f"control-reword-text-{second}"
    wait_js(console, "return document.activeElement.id === arguments[0]", field_id)
    console.switch_to.active_element.send_keys(Keys.CONTROL, "a")
    console.switch_to.active_element.send_keys(Keys.BACKSPACE)
    words = "What would make reading time the best part of the day for every pupil ?".split()
    with peer(daemon, created, "Ben") as ben:
        for n, word in enumerate(words):
            seq = console.execute_script("return window.reviewroom.connection.seq")
            if n % 2:
                ben.command("hand.lower", participant=ben_id)
            else:
                ben.command("hand.raise", kind="contribution")
            wait_js(console, "return window.reviewroom.connection.seq > arguments[0]", seq,
                    message="the console never heard of Ben's hand")
            console.switch_to.active_element.send_keys(word + " ")
    typed = " ".join(words) + " "
    assert console.execute_script("return document.activeElement.id") == field_id
    assert console.find_element(By.ID, field_id).get_attribute("value") == typed
    assert browser_errors(console) == []


def test_a_list_pasted_into_new_question_adds_one_question_per_line(daemon, facilitator, api_ready, browsers):
    """A paste probe: three questions pasted, one per line, into the one-line "New question" field
    became one question ("How do pupils choose books? What reading happens at home? …")."""
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Pasted questions", ["Asha"])
    before = len(created["session"]["prompts"]["deck"])
    console.find_element(By.XPATH, "//summary[normalize-space()='Questions']").click()
    field = console.find_element(By.ID, "control-new-question")
    console.execute_script(
        "const data = new DataTransfer(); data.setData('text/plain', arguments[1]);"
        "arguments[0].focus(); arguments[0].dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));",
        field, "How do pupils choose books?\r\n\nWhat reading happens at home?\nWho reads aloud?\n")
    wait_text(console, "#control-new-question-lines", "3 questions pasted, one per line")
    assert field.get_attribute("value") == "How do pupils choose books? / What reading happens at home? / Who reads aloud?"
    click(console, "control-add-question")
    wait_js(asha, "return (window.reviewroom.model.session.prompts.deck || []).length === arguments[0]", before + 3)
    deck = asha.execute_script("return window.reviewroom.model.session.prompts.deck.map((q) => q.text)")
    assert deck[-3:] == ["How do pupils choose books?", "What reading happens at home?", "Who reads aloud?"]
    wait_until(console, lambda d: "3 questions added." in d.execute_script("return window.reviewroom.announcer.log"))
    assert console.find_element(By.ID, "control-new-question").get_attribute("value") == ""
    assert browser_errors(console) == [] and browser_errors(asha) == []
