"""A hint the author was given, after someone else's edit changed the text around it: the page
must never show it on wording the server would not flag as that phrase. The server re-checks a
line only after the author's own next edit there, so the page drops a hint once its phrase has
become part of a longer word by the server's rules (letters, digits, combining marks, astral
letters, and words joined by an apostrophe or hyphen) or now stands inside quotation marks, and
keeps it when only punctuation or spaces came next to it. Runs note-hints.js inside Chromium."""
from selenium.webdriver.common.action_chains import ActionChains

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, wait_until

RUN = r"""
const done = arguments[arguments.length - 1];
Promise.all([import('/js/ot.js'), import('/js/note-hints.js')]).then(([{ TextOperation: T }, { HintList }]) => {
  // Each case: a line with one hinted phrase, and what someone else inserts at an offset.
  const cases = [
    ['The hall was poor here', 'poor', 17, '-ventilated'],
    ['The hall was poor here', 'poor', 17, '\u2011ventilated'],
    ['Pupils never read', 'never', 12, '2'],
    ['It felt weak today', 'weak', 12, '\u0301'],
    ['They always ask', 'always', 5, '\uD835\uDC00'],
    ['Some seemed lazy then', 'lazy', 16, '\u2019s'],
    ['It was awful then', 'awful', 7, 'x-'],
    ['It was awful then', 'awful', 7, "o'"],
    ['No one came', 'No one', 6, 'n'],
    // Now inside quotation marks: someone else's wording, which the server never flags.
    ['The hall was poor here', 'poor', 13, '\u201C'],
    ['A pupil said never mind', 'never', 13, '"'],
    // Kept: only punctuation, spaces or a joiner with no word after it came next to the phrase.
    ['The hall was poor here', 'poor', 17, '.'],
    ['The hall was poor here', 'poor', 17, '-'],
    ['The hall was poor here', 'poor', 13, '\u201D'],
    ['A pupil said "yes" never', 'never', 0, 'x'],
    ['They always ask', 'always', 5, '\uD83D\uDE00'],
    ['Pupils never read', 'never', 12, ' and'],
  ];
  const out = [];
  for (const [line, phrase, at, inserted] of cases) {
    const list = new HintList();
    const from = line.indexOf(phrase);
    list.merge([{ from, to: from + phrase.length, phrase, suggestion: 's' }], line);
    const op = T.fromJSON([at, inserted, line.length - at].filter((c) => c !== 0));
    const after = op.apply(line);
    list.move(op, after);
    out.push([after, list.items.map((h) => after.slice(h.from, h.to))]);
  }
  done(out);
}, (error) => done({ error: String(error) }));
"""


def test_a_phrase_that_became_part_of_a_longer_word_loses_its_hint(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    out = driver.execute_async_script(RUN)
    assert "error" not in out, out
    dropped, kept = out[:11], out[11:]
    for text, shown in dropped:
        assert shown == [], f"a stale hint is still shown in {text!r}: {shown}"
    assert [shown for _, shown in kept] == [["poor"], ["poor"], ["poor"], ["never"], ["always"], ["never"]], kept
    assert browser_errors(driver) == []


HINTS = "const n = document.querySelector('#panel-' + arguments[0] + ' .hints'); return n ? n.innerText : '';"
TEXT = "return window.reviewroom.notesView.text(arguments[0])"


def test_another_persons_edit_that_joins_the_phrase_to_a_word_takes_the_hint_away(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Stale hints", ["Asha", "Bilal"])
    note = created["session"]["notes"][0]["id"]
    asha, bilal = browsers(), browsers()
    for driver, name in ((asha, "Asha"), (bilal, "Bilal")):
        driver.get(invite_of(created, name))
        joined(driver)
    asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(0, 0);", note)
    ActionChains(asha).send_keys("The hall was poor here. Pupils never read.").perform()
    wait_until(asha, lambda d: "“poor”" in d.execute_script(HINTS, note) and "“never”" in d.execute_script(HINTS, note),
               message="no hints for 'poor' and 'never'")
    # Bilal makes "poor" part of "poor-ventilated": the server would not flag it now, and Asha
    # makes no edit there that would have it scanned again.
    wait_until(bilal, lambda d: d.execute_script(TEXT, note).endswith("never read."))
    bilal.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(17, 17);", note)
    ActionChains(bilal).send_keys("-ventilated").perform()
    wait_until(asha, lambda d: "poor-ventilated" in d.execute_script(TEXT, note))
    wait_until(asha, lambda d: "“poor”" not in d.execute_script(HINTS, note),
               message=f"a stale hint for 'poor' is shown on 'poor-ventilated' ({asha.execute_script(HINTS, note)!r})")
    assert "“never”" in asha.execute_script(HINTS, note)
    assert browser_errors(asha) == [] and browser_errors(bilal) == []
