"""The notes modules' pure parts, run inside Chromium: the caret rule for the local typist
(transformCaret), a large edit cut into pieces (splitInserts, NoteClient's pieces and rechunk)
and the hint list (note-hints.js) moved through ops and merged."""
from conftest import browser_errors

RUN = """
const done = arguments[arguments.length - 1];
Promise.all([import('/js/ot.js'), import('/js/note-hints.js'), import('/js/note-undo.js')]).then(([{ TextOperation: T, NoteClient, MAX_INSERT_UNITS }, { HintList }, { UndoHistory, endOfChange }]) => {
  const out = {};
  // Undo: typing within a second is one step; someone else's insert before it moves the step;
  // redo puts it back; a step of an old kind starts after an undo.
  const history = new UndoHistory();
  let u = 'ab';
  const typed1 = T.fromJSON([2, 'c']); history.record(typed1, u, 1000); u = typed1.apply(u);
  const typed2 = T.fromJSON([3, 'd']); history.record(typed2, u, 1500); u = typed2.apply(u);
  const theirs = T.fromJSON(['X', 4]); history.transform(theirs); u = theirs.apply(u);
  const undo = history.undo(u); u = undo.apply(u);
  const afterUndo = u;
  const redo = history.redo(u); u = redo.apply(u);
  const late = T.fromJSON([5, 'e']); history.record(late, u, 9000); u = late.apply(u);
  const undoLate = history.undo(u); u = undoLate.apply(u);
  out.undo = [afterUndo, endOfChange(undo), u, history.undos.length, history.redos.length];
  // An insert exactly at the caret: others' cursors move past it, the local caret stays.
  const atCaret = T.fromJSON([3, 'XY', 2]);
  out.caret = [atCaret.transformPosition(3), atCaret.transformCaret(3), atCaret.transformCaret(4), atCaret.transformCaret(2),
               T.fromJSON([1, -2, 2]).transformCaret(3)];

  // splitInserts: pieces within the size, composed back to the op, a surrogate pair never cut.
  const text = 'abcdef';
  const op = T.fromJSON([2, 'x'.repeat(5), -2, 1, 'y'.repeat(4), 1]);
  const [first, rest] = op.splitInserts(3);
  out.split = { first: first.toJSON(), rest: rest.toJSON(), same: first.compose(rest).apply(text) === op.apply(text),
                small: op.splitInserts(9) };
  const emoji = T.fromJSON(['a\\uD83D\\uDE00b']);
  const [e1, e2] = emoji.splitInserts(2);
  out.surrogate = [e1.toJSON(), e2.toJSON()];

  // A NoteClient sends a large paste piece by piece; the server's text ends as the page's.
  const sent = [];
  const client = new NoteClient({ revision: 1, text: 'start', opIdPrefix: 'p-', send: (edit) => sent.push(edit), applyRemote: () => {} });
  const paste = 'é'.repeat(MAX_INSERT_UNITS * 2 + 100);
  client.applyClient(T.fromJSON([5, paste]));
  client.applyClient(T.fromJSON([5 + paste.length, '!']));
  let server = 'start', rev = 1;
  const sizes = [];
  while (client.outstanding && sent.length < 20) {
    const edit = sent[sent.length - 1];
    sizes.push(edit.op.insertedUnits);
    server = edit.op.apply(server);
    client.confirm(++rev);
  }
  out.pieces = { sizes, converged: server === 'start' + paste + '!' && client.text === server, opIds: new Set(sent.map((e) => e.opId)).size === sent.length };

  // rechunk: the outstanding piece is cut again under a new opId; dropOutstanding moves on.
  const small = [];
  const other = new NoteClient({ revision: 1, text: '', opIdPrefix: 'q-', send: (edit) => small.push(edit), applyRemote: () => {} });
  other.applyClient(T.fromJSON(['z'.repeat(1000)]));
  const before = other.outstanding.opId;
  out.rechunk = [other.rechunk(300), other.outstanding.op.insertedUnits, other.outstanding.opId !== before, other.buffer.insertedUnits,
                 other.rechunk(300)];
  other.dropOutstanding();
  out.dropped = [other.text.length, other.outstanding.op.insertedUnits, other.outstanding.op.baseLength];

  // Hints: moved through ops, dropped when the phrase grows into a longer word or is reworded,
  // merged by replacing only the lines the message covered.
  const list = new HintList();
  let doc = 'It was poor.\\nPupils never read.';
  const merged1 = list.merge([{ from: 7, to: 11, phrase: 'poor', suggestion: 's1' }], doc);
  const merged2 = list.merge([{ from: 20, to: 25, phrase: 'never', suggestion: 's2' }], doc);
  const again = list.merge([{ from: 20, to: 25, phrase: 'never', suggestion: 's2' }], doc);
  out.merge = [merged1.added.length, merged2.added.length, list.items.map((h) => h.phrase), again.changed, again.added.length];
  const typed = T.fromJSON([0, 'Sadly, ', doc.length].filter((c) => c !== 0));
  doc = typed.apply(doc);
  const moved = list.move(typed, doc);
  out.moved = [moved, list.items.map((h) => doc.slice(h.from, h.to))];
  const grow = T.fromJSON([18, 'ly', doc.length - 18]);
  doc = grow.apply(doc);
  out.grown = [list.move(grow, doc), list.items.map((h) => h.phrase), doc];
  const lost = list.merge([{ from: 0, to: 3, phrase: 'xyz', suggestion: 's3' }], doc);
  out.stale = [lost.changed, list.items.length];
  done(out);
}, (error) => done({ error: String(error) }));
"""


def test_caret_pieces_and_hints(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    out = driver.execute_async_script(RUN)
    assert "error" not in out, out
    # Others' cursors are pushed right; the typist's caret stays before the insert at it.
    assert out["caret"] == [5, 3, 6, 2, 1]
    assert out["split"]["first"] == [2, "xxx", 4], out["split"]
    assert out["split"]["rest"] == [5, "xx", -2, 1, "yyyy", 1], out["split"]
    assert out["split"]["same"] and out["split"]["small"] is None
    assert out["surrogate"] == [["a"], [1, "\U0001F600b"]], out["surrogate"]
    sizes = out["pieces"]["sizes"]
    assert len(sizes) >= 3 and max(sizes) <= 8000, sizes
    assert out["pieces"]["converged"] and out["pieces"]["opIds"], out["pieces"]
    assert out["rechunk"] == [True, 300, True, 700, False], out["rechunk"]
    # Dropping the 300-unit piece keeps the 700 typed after it, now sent on its own.
    assert out["dropped"] == [700, 300, 0], out["dropped"]
    assert out["merge"] == [1, 1, ["poor", "never"], False, 0], out["merge"]
    assert out["moved"] == [False, ["poor", "never"]], out["moved"]
    # "poor" grew into "poorly" (a longer word): its hint goes, "never" stays.
    assert out["grown"][:2] == [True, ["never"]], out["grown"]
    # A hint whose phrase is not at its range is not taken; nothing changes.
    assert out["stale"] == [False, 1], out["stale"]
    # 'c' and 'd' undone together after X came in front; redo; a later 'e' is its own step.
    assert out["undo"] == ["Xab", 3, "Xabcd", 1, 1], out["undo"]
    assert browser_errors(driver) == []
