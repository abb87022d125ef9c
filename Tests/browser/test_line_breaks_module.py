"""line-breaks.js, run inside Chromium: a note as the server has it (CRLF and lone CR kept) mapped
to and from the LF-only text a textarea shows, and a textarea edit turned into an op on the note
that touches only the CRs the user deleted."""
from conftest import browser_errors

RUN = """
const done = arguments[arguments.length - 1];
Promise.all([import('/js/line-breaks.js'), import('/js/ot.js')]).then(([m, { TextOperation: T, diffOperation }]) => {
  const out = {};
  const note = 'a\\r\\nb\\rc\\n';   // a CRLF, a lone CR, an LF: 7 units, 6 shown
  out.display = m.displayText(note);
  out.toDisplay = [...Array(note.length + 1).keys()].map((p) => m.toDisplay(note, p));
  out.toModel = [...Array(out.display.length + 1).keys()].map((p) => m.toModel(note, p));
  const asModel = (op) => m.modelOperation(note, T.fromJSON(op)).toJSON();
  out.ops = {
    typedAtEnd: asModel([6, 'x']),
    crlfBreakDeleted: asModel([1, -1, 4]),
    loneCrDeleted: asModel([3, -1, 2]),
    typedAfterCrlf: asModel([2, 'yz', 4]),
    allReplaced: asModel([-6, 'new']),
  };
  // Every edit a textarea can make on the note (each range replaced by nothing or by "Z\\n", the
  // caret after it): the model edit deletes only units of the range, so every other CR stays,
  // and shows as the textarea does unless it joined a lone CR and an LF into a CRLF.
  const problems = [];
  let joins = 0, checked = 0;
  for (const text of [note, 'x\\rY\\ny', '\\r\\n\\r\\n', '\\r\\r\\n\\n', 'plain']) {
    const shown = m.displayText(text);
    for (let from = 0; from <= shown.length; from++) {
      for (let to = from; to <= shown.length; to++) {
        for (const typed of ['', 'Z\\n']) {
          if (from === to && !typed) continue;
          const after = shown.slice(0, from) + typed + shown.slice(to);
          const shownOp = diffOperation(shown, after, from + typed.length);
          const op = m.modelOperation(text, shownOp);
          const modelAfter = op.apply(text);
          const [mFrom, mTo] = [m.toModel(text, from), m.toModel(text, to)];
          checked++;
          const expected = text.slice(0, mFrom) + typed + text.slice(mTo);
          // A deletion is exactly the range; typing over a range may keep units it retyped.
          if (typed === '' ? modelAfter !== expected : m.displayText(modelAfter) !== m.displayText(expected)) {
            problems.push([text, from, to, typed, modelAfter, expected]);
          }
          let at = 0;
          for (const c of op.ops) {
            if (typeof c === 'string') continue;
            if (c < 0 && (at < mFrom || at - c > mTo)) problems.push(['deleted outside', text, from, to, typed, op.toJSON()]);
            at += Math.abs(c);
          }
          if (m.displayText(modelAfter) !== after) {
            joins++;
            // The caret after the edit still lands after what was typed, in the model's text.
            const caret = m.modelPositionAfter(text, shownOp, from + typed.length);
            if (caret !== mFrom + typed.length) problems.push(['caret', text, from, to, typed, caret]);
          }
        }
      }
    }
  }
  out.exhaustive = { problems: problems.slice(0, 5), joins, checked };
  // The edit that joins: "x\\rY\\ny" shown as "x\\nY\\ny"; deleting Y leaves one CRLF, one break.
  const joinOp = diffOperation('x\\nY\\ny', 'x\\n\\ny', 2);
  out.join = [m.modelOperation('x\\rY\\ny', joinOp).toJSON(), m.modelPositionAfter('x\\rY\\ny', joinOp, 2),
              m.toDisplay('x\\r\\ny', m.modelPositionAfter('x\\rY\\ny', joinOp, 2))];
  // Backspace on the first of two line breaks (a CRLF, then a lone CR) takes the CRLF, not the
  // CR after it as a diff without the caret would.
  const twoBreaks = 'a\\r\\n\\rb';
  out.backspace = [m.modelOperation(twoBreaks, diffOperation('a\\n\\nb', 'a\\nb', 1)).toJSON(),
                   m.modelOperation(twoBreaks, diffOperation('a\\n\\nb', 'a\\nb')).toJSON()];
  // Text without a CR is its own display: the op is the same op.
  const plain = T.fromJSON([2, 'q', 1]);
  out.plain = [m.displayText('abc') === 'abc', m.modelOperation('abc', plain) === plain, m.toDisplay('abc', 2), m.toModel('abc', 2)];
  done(out);
}, (error) => done({ error: String(error) }));
"""


def test_positions_and_edits_map_between_the_note_and_the_textarea(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    out = driver.execute_async_script(RUN)
    assert "error" not in out, out
    assert out["display"] == "a\nb\nc\n"
    # Model 2 (between the CR and LF of the CRLF) shows after the line break, like model 3.
    assert out["toDisplay"] == [0, 1, 2, 2, 3, 4, 5, 6], out["toDisplay"]
    # Before a CRLF's break is before its CR; after it, after its LF.
    assert out["toModel"] == [0, 1, 3, 4, 5, 6, 7], out["toModel"]
    assert out["ops"] == {
        "typedAtEnd": [7, "x"],
        "crlfBreakDeleted": [1, -2, 4],
        "loneCrDeleted": [4, -1, 2],
        "typedAfterCrlf": [3, "yz", 4],
        "allReplaced": ["new", -7],
    }, out["ops"]
    assert out["exhaustive"]["problems"] == [], out["exhaustive"]
    assert out["exhaustive"]["checked"] > 100 and out["exhaustive"]["joins"] > 0, out["exhaustive"]
    # Deleting Y takes only Y; the caret is between the CR and LF now joined, shown after the break.
    assert out["join"] == [[2, -1, 2], 2, 2], out["join"]
    assert out["backspace"] == [[1, -2, 2], [3, -1, 1]], out["backspace"]
    assert out["plain"] == [True, True, 2, 2], out["plain"]
    assert browser_errors(driver) == []
