"""A hint the author was given, after someone else's edit changed the text around it: the page
must never show it on wording the server would not flag as that phrase. The server re-checks a
line only after the author's own next edit there, so the page drops a hint once its phrase has
become part of a longer word by the server's rules (letters, digits, combining marks, astral
letters, and words joined by an apostrophe or hyphen) or now stands inside quotation marks, and
keeps it when only punctuation or spaces came next to it. Someone else's op that changes the
phrase or the word either side of it (the context the server's rules read: "poor connection")
withdraws it too; one further along the line does not. Runs note-hints.js inside Chromium."""
from selenium.webdriver.common.action_chains import ActionChains

from conftest import browser_errors
from pages import invite_of, joined, schedule_via_api, wait_until

# Each case: a line with one hinted phrase, and an op on it: [at, units deleted, text inserted].
# With `before`, the op is someone else's (HintList.move is given the text it applied to).
MOVE = r"""
const [cases, before, done] = arguments;
Promise.all([import('/js/ot.js'), import('/js/note-hints.js')]).then(([{ TextOperation: T }, { HintList }]) => {
  const out = [];
  for (const [line, phrase, at, deleted, inserted] of cases) {
    const list = new HintList();
    const from = line.indexOf(phrase);
    list.merge([{ from, to: from + phrase.length, phrase, suggestion: 's' }], line);
    const op = T.fromJSON([at, -deleted, inserted, line.length - at - deleted].filter((c) => c !== 0 && c !== ''));
    const after = op.apply(line);
    const dropped = list.move(op, after, before ? line : null);
    out.push([after, dropped, list.items.map((h) => after.slice(h.from, h.to))]);
  }
  done(out);
}, (error) => done({ error: String(error) }));
"""


def in_chromium(daemon, browsers, script, *args):
    """What an async `script` passes to its callback, run on a page of the daemon's (which must log no error)."""
    driver = browsers()
    driver.get(daemon.base + "/join")
    out = driver.execute_async_script(script, *args)
    assert "error" not in out, out
    assert browser_errors(driver) == []
    return out


def moved(daemon, browsers, cases, before):
    """[text after, whether dropped, the phrases still listed] for each case, run in Chromium."""
    return in_chromium(daemon, browsers, MOVE, cases, before)


def test_a_phrase_that_became_part_of_a_longer_word_loses_its_hint(daemon, browsers):
    out = moved(daemon, browsers, [
        ['The hall was poor here', 'poor', 17, 0, '-ventilated'],
        ['The hall was poor here', 'poor', 17, 0, '\u2011ventilated'],
        ['Pupils never read', 'never', 12, 0, '2'],
        ['It felt weak today', 'weak', 12, 0, '\u0301'],
        ['They always ask', 'always', 5, 0, '\U0001D400'],
        ['Some seemed lazy then', 'lazy', 16, 0, '\u2019s'],
        ['It was awful then', 'awful', 7, 0, 'x-'],
        ['It was awful then', 'awful', 7, 0, "o'"],
        ['No one came', 'No one', 6, 0, 'n'],
        # Now inside quotation marks: someone else's wording, which the server never flags.
        ['The hall was poor here', 'poor', 13, 0, '\u201C'],
        ['A pupil said never mind', 'never', 13, 0, '"'],
        # Kept: only punctuation, spaces or a joiner with no word after it came next to the phrase.
        ['The hall was poor here', 'poor', 17, 0, '.'],
        ['The hall was poor here', 'poor', 17, 0, '-'],
        ['The hall was poor here', 'poor', 13, 0, '\u201D'],
        ['A pupil said "yes" never', 'never', 0, 0, 'x'],
        ['They always ask', 'always', 5, 0, '\U0001F600'],
        ['Pupils never read', 'never', 12, 0, ' and'],
    ], before=False)
    dropped, kept = out[:11], out[11:]
    for text, _, shown in dropped:
        assert shown == [], f"a stale hint is still shown in {text!r}: {shown}"
    assert [shown for _, _, shown in kept] == [["poor"], ["poor"], ["poor"], ["never"], ["always"], ["never"]], kept


def test_someone_elses_op_on_a_phrase_or_the_word_either_side_withdraws_its_hint(daemon, browsers):
    out = moved(daemon, browsers, [
        ['The hall was poor here', 'poor', 17, 0, ' connection'],
        ['The hall was poor', 'poor', 17, 0, ' connection'],
        ['The hall was poor  ', 'poor', 19, 0, 'connection'],
        ['The hall was poor here', 'poor', 22, 0, 'by'],
        ['We saw everyone', 'everyone', 7, 0, 'thanks '],
        ['We saw everyone', 'everyone', 15, 0, ' knows'],
        ['They said never mind', 'never', 5, 5, ''],
        ['They said never mind', 'never', 15, 5, ''],
        ['They said never mind', 'never', 11, 2, 'ot'],
        ['Thanks, everyone came', 'everyone', 6, 1, ''],
        # Kept: the op is further along the line than the words either side of the phrase.
        ['The hall was poor here', 'poor', 0, 0, 'Sadly, '],
        ['The hall was poor here', 'poor', 22, 0, ' today'],
        ['The hall was poor here', 'poor', 8, 0, '\n'],
        ['The hall was poor.', 'poor', 18, 0, ' It was'],
        ['They said never mind', 'never', 0, 5, ''],
        ['They said never mind now', 'never', 20, 4, ''],
        ['Pupils never read', 'never', 0, 0, 'Our '],
    ], before=True)
    withdrawn, kept = out[:10], out[10:]
    for text, dropped, shown in withdrawn:
        assert dropped is True and shown == [], f"the hint stayed on {text!r}: {shown}"
    for text, dropped, shown in kept:
        assert dropped is False and len(shown) == 1, f"the hint went from {text!r} after an op further along the line"
    assert [shown[0] for _, _, shown in kept] == ["poor", "poor", "poor", "poor", "never", "never", "never"], kept


AGAIN = r"""
const done = arguments[arguments.length - 1];
Promise.all([import('/js/ot.js'), import('/js/note-hints.js')]).then(([{ TextOperation: T }, { HintList }]) => {
  // "never" hinted in "Pupils never read", withdrawn by someone else's "Pupils" → "They", then
  // found again by the server's scan, after `between` (an op on the text after "They") if any.
  const run = (between) => {
    const list = new HintList();
    let text = 'Pupils never read';
    list.merge([{ from: 7, to: 12, phrase: 'never', suggestion: 's' }], text);
    const theirs = T.fromJSON([-6, 'They', 11]);
    const before = text;
    text = theirs.apply(text);
    const dropped = list.move(theirs, text, before);
    if (between) { const op = T.fromJSON(between); text = op.apply(text); list.move(op, text); }
    const from = text.indexOf('never');
    const { added } = list.merge([{ from, to: from + 5, phrase: 'never', suggestion: 's' }], text);
    return [dropped, text, list.items.map((h) => text.slice(h.from, h.to)), added.map((h) => h.phrase)];
  };
  try { done([run(null), run([5, 'often ', 10]), run([5, -5, 'never', 5])]); } catch (error) { done({ error: String(error) }); }
}, (error) => done({ error: String(error) }));
"""


def test_a_withdrawn_hint_found_again_is_listed_but_not_news(daemon, browsers):
    out = in_chromium(daemon, browsers, AGAIN)
    assert out[0] == [True, "They never read", ["never"], []]
    # Moved along by an op elsewhere: still the same hint, still not news.
    assert out[1] == [True, "They often never read", ["never"], []]
    # Deleted and typed again: a hint found there now is new.
    assert out[2] == [True, "They never read", ["never"], ["never"]], out[2]


HINTS = "const n = document.querySelector('#panel-' + arguments[0] + ' .hints'); return n ? n.innerText : '';"
TEXT = "return window.reviewroom.notesView.text(arguments[0])"


SAID = "return window.reviewroom.announcer.log.length"


def hinted_by_asha(daemon, facilitator, browsers, title):
    """Asha and Bilal in a session, Asha having typed a line with hints for "poor" and "never"
    and Bilal's page showing it; returns (asha, bilal, note, types) where types(at, keys,
    expected, end) has Bilal replace [at, end) with keys and waits for Asha to see `expected`."""
    created = schedule_via_api(daemon, facilitator, title, ["Asha", "Bilal"])
    note = created["session"]["notes"][0]["id"]
    asha, bilal = browsers(), browsers()
    for driver, name in ((asha, "Asha"), (bilal, "Bilal")):
        driver.get(invite_of(created, name))
        joined(driver)
    asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(0, 0);", note)
    ActionChains(asha).send_keys("The hall was poor here. Pupils never read.").perform()
    wait_until(asha, lambda d: "“poor”" in d.execute_script(HINTS, note) and "“never”" in d.execute_script(HINTS, note),
               message="no hints for 'poor' and 'never'")
    # Both said to her (a hint soon after another is said up to 1.5 s later, with what follows it).
    wait_until(asha, lambda d: all(any(f"“{w}”" in s for s in d.execute_script("return window.reviewroom.announcer.log"))
                                   for w in ("poor", "never")), message="the hints for 'poor' and 'never' were not said")
    wait_until(bilal, lambda d: d.execute_script(TEXT, note).endswith("never read."))

    def bilal_types(at, keys, expected, end=None):
        bilal.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(arguments[1], arguments[2]);",
                             note, at, at if end is None else end)
        ActionChains(bilal).send_keys(keys).perform()
        wait_until(asha, lambda d: d.execute_script(TEXT, note) == expected,
                   message=f"Asha never saw {expected!r} ({asha.execute_script(TEXT, note)!r})")
    return asha, bilal, note, bilal_types


def test_another_persons_edit_that_joins_the_phrase_to_a_word_takes_the_hint_away(daemon, facilitator, api_ready, browsers):
    asha, bilal, note, bilal_types = hinted_by_asha(daemon, facilitator, browsers, "Stale hints")
    # Bilal makes "poor" part of "poor-ventilated": the server would not flag it now, and Asha
    # makes no edit there that would have it scanned again.
    bilal_types(17, "-ventilated", "The hall was poor-ventilated here. Pupils never read.")
    assert "“poor”" not in asha.execute_script(HINTS, note), \
        f"a stale hint for 'poor' is shown on 'poor-ventilated' ({asha.execute_script(HINTS, note)!r})"
    assert "“never”" in asha.execute_script(HINTS, note)
    assert browser_errors(asha) == [] and browser_errors(bilal) == []


def test_another_persons_edit_next_to_the_phrase_takes_the_hint_away_and_one_further_off_keeps_it(
        daemon, facilitator, api_ready, browsers):
    """A context word put next to a hinted phrase by someone else ("poor" → "poor connection")
    lifts the match on the server, which re-scans the line only after the author's own next edit
    there: the author's page drops the hint when a remote op changes the phrase or the words
    either side of it, silently; an edit further along the line leaves it listed."""
    asha, bilal, note, bilal_types = hinted_by_asha(daemon, facilitator, browsers, "Lifted hints")
    # Two words before "poor" and on the next sentence: not its context, so both hints stay.
    bilal_types(0, "Sadly, ", "Sadly, The hall was poor here. Pupils never read.")
    bilal_types(49, " Some do", "Sadly, The hall was poor here. Pupils never read. Some do")
    assert "“poor”" in asha.execute_script(HINTS, note) and "“never”" in asha.execute_script(HINTS, note)
    said = asha.execute_script(SAID)
    # "poor connection" is about equipment: the server would not flag it now.
    bilal_types(24, " connection", "Sadly, The hall was poor connection here. Pupils never read. Some do")
    assert "“poor”" not in asha.execute_script(HINTS, note), \
        f"the hint for 'poor' stayed on 'poor connection' ({asha.execute_script(HINTS, note)!r})"
    assert "“never”" in asha.execute_script(HINTS, note)
    # The word before "never" replaced: the words either side of a phrase are its context (the
    # server's rules lift some phrases by them), so the hint is withdrawn until Asha's next edit there.
    bilal_types(42, "They", "Sadly, The hall was poor connection here. They never read. Some do", end=48)
    assert asha.execute_script(HINTS, note) == "", asha.execute_script(HINTS, note)
    assert asha.execute_script(SAID) == said, "a withdrawn hint was announced"
    # Asha's own edit on the line has the server scan it again: "They never" is still flagged, so
    # the hint is listed again, but it is not news to her: it is not said a second time.
    asha.execute_script("const a = document.getElementById('note-' + arguments[0]); a.focus(); a.setSelectionRange(a.value.length, a.value.length);", note)
    ActionChains(asha).send_keys(" now").perform()
    wait_until(asha, lambda d: "“never”" in d.execute_script(HINTS, note),
               message=f"the hint for 'never' did not come back after Asha's edit ({asha.execute_script(HINTS, note)!r})")
    assert "“poor”" not in asha.execute_script(HINTS, note)
    never_said = [s for s in asha.execute_script("return window.reviewroom.announcer.log") if "“never”" in s]
    assert len(never_said) == 1, never_said
    assert browser_errors(asha) == [] and browser_errors(bilal) == []
