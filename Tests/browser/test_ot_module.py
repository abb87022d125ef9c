"""The browser's OT module (/js/ot.js) against the notes engine's shared JSON vectors."""
import json

from conftest import ROOT, browser_errors

VECTORS = json.loads((ROOT / "Tests" / "ReviewRoomCoreTests" / "Fixtures" / "ot-vectors.json").read_text())

RUN_VECTORS = """
const [vectors, done] = [arguments[0], arguments[arguments.length - 1]];
import('/js/ot.js').then(({ TextOperation: T, diffOperation, NoteClient }) => {
  const out = { failures: [], counts: {} };
  const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  const fail = (kind, name, detail) => out.failures.push(`${kind} ${name}: ${detail}`);
  const count = (kind) => { out.counts[kind] = (out.counts[kind] || 0) + 1; };
  for (const v of vectors.transform) {
    count('transform');
    const a = T.fromJSON(v.a), b = T.fromJSON(v.b);
    const [ap, bp] = T.transform(a, b);
    if (!eq(ap.toJSON(), v.aPrime)) fail('transform', v.name, `aPrime ${JSON.stringify(ap)}`);
    if (!eq(bp.toJSON(), v.bPrime)) fail('transform', v.name, `bPrime ${JSON.stringify(bp)}`);
    const left = bp.apply(a.apply(v.doc)), right = ap.apply(b.apply(v.doc));
    if (left !== v.result || right !== v.result) fail('transform', v.name, `results ${left} / ${right}`);
  }
  for (const v of vectors.compose) {
    count('compose');
    const c = T.fromJSON(v.a).compose(T.fromJSON(v.b));
    if (!eq(c.toJSON(), v.composed)) fail('compose', v.name, JSON.stringify(c));
    if (c.apply(v.doc) !== v.result) fail('compose', v.name, c.apply(v.doc));
  }
  for (const v of vectors.invert) {
    count('invert');
    const op = T.fromJSON(v.op), inverse = op.invert(v.doc);
    if (!eq(inverse.toJSON(), v.inverse)) fail('invert', v.doc, JSON.stringify(inverse));
    if (inverse.apply(op.apply(v.doc)) !== v.doc) fail('invert', v.doc, 'does not restore the text');
  }
  for (const v of vectors.cursor) {
    count('cursor');
    const p = T.fromJSON(v.op).transformPosition(v.position);
    if (p !== v.expected) fail('cursor', `${v.doc}@${v.position}`, p);
  }
  for (const v of vectors.valid) {
    count('valid');
    try {
      const op = T.fromJSON(JSON.parse(v.json));
      op.checkAgainst(v.doc);
      if (op.apply(v.doc) !== v.result) fail('valid', v.json, op.apply(v.doc));
    } catch (e) { fail('valid', v.json, e.message); }
  }
  for (const v of vectors.invalid) {
    count('invalid');
    let refused = false;
    try { const op = T.fromJSON(JSON.parse(v.json)); op.checkAgainst(v.doc); } catch (e) { refused = true; }
    if (!refused) fail('invalid', v.json, 'accepted');
  }
  // diff of a textarea's before/after text
  for (const [before, after] of [['abc', 'abXc'], ['hello world', 'hello'], ['', 'new'], ['x\\uD83D\\uDE00y', 'x\\uD83D\\uDE01y']]) {
    count('diff');
    const op = diffOperation(before, after);
    try { op.checkAgainst(before); } catch (e) { fail('diff', before, e.message); }
    if (op.apply(before) !== after) fail('diff', before, JSON.stringify(op));
  }
  // Client state machine: server's insert goes first, buffered edits are composed and sent after the ack.
  count('client');
  const sent = [], applied = [];
  const client = new NoteClient({ revision: 0, text: 'abc', opIdPrefix: 'c-', send: (e) => sent.push(e), applyRemote: (op) => applied.push(op) });
  client.applyClient(T.fromJSON([1, 'X', 2]));
  if (client.state !== 'awaitingConfirm' || sent.length !== 1) fail('client', 'first edit', client.state);
  client.applyClient(T.fromJSON([4, 'Z']));
  if (client.state !== 'awaitingWithBuffer' || sent.length !== 1) fail('client', 'buffer', client.state);
  client.receiveEvent({ rev: 1, op: [1, 'Y', 2], by: 'other', opId: 'o1' }, 'me');
  if (client.text !== 'aYXbcZ') fail('client', 'tie', client.text);
  client.receiveEvent({ rev: 2, op: [2, 'X', 2], by: 'me', opId: sent[0].opId }, 'me');
  if (client.state !== 'awaitingConfirm' || sent.length !== 2 || sent[1].rev !== 2) fail('client', 'ack sends buffer', JSON.stringify(sent[1]));
  if (!eq(sent[1].op.toJSON(), [5, 'Z'])) fail('client', 'buffer transformed', JSON.stringify(sent[1].op));
  client.confirm(3);
  if (client.state !== 'synchronized' || client.revision !== 3) fail('client', 'synchronized', client.state);
  done(out);
}).catch((e) => done({ failures: [`import: ${e}`], counts: {} }));
"""


def test_js_ot_module_passes_shared_vectors(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    result = driver.execute_async_script(RUN_VECTORS, VECTORS)
    assert result["failures"] == []
    for kind in ("transform", "compose", "invert", "cursor", "valid", "invalid"):
        assert result["counts"].get(kind) == len(VECTORS[kind]), kind
    assert result["counts"]["client"] == 1
    assert [e for e in browser_errors(driver) if "ot.js" in e] == []


# The client after a reconnect (BrowserClient.md, "Unsent edits"): the outstanding edit's rev
# follows the ops it was transformed over, so a resend names the base its op spans; a fresh
# snapshot takes over unconfirmed edits (kept once whether or not the server had applied them);
# a refused edit is dropped but what was typed after it is kept.
RUN_RECONNECT = """
const done = arguments[arguments.length - 1];
import('/js/ot.js').then(({ TextOperation: T, NoteClient }) => {
  const failures = [];
  const sent = [];
  const make = (revision, text, prefix) => new NoteClient({ revision, text, opIdPrefix: prefix,
    send: (e) => sent.push({ rev: e.rev, opId: e.opId, op: e.op.toJSON() }), applyRemote: () => {} });
  const check = (name, got, want) => { if (JSON.stringify(got) !== JSON.stringify(want)) failures.push(`${name}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`); };
  const old = make(1, 'hello', 'a-');
  old.applyClient(T.fromJSON([5, ' asha']));
  old.receiveEvent({ rev: 2, op: ['BILAL ', 5], by: 'bilal', opId: 'b1' }, 'me');
  old.resend();
  check('resend names the rev its op spans', sent.at(-1), { rev: 2, opId: 'a-1', op: [11, ' asha'] });
  check('server text kept apart', old.serverText, 'BILAL hello');
  old.applyClient(T.fromJSON([16, '!']));
  // Fresh snapshot that already holds the outstanding edit: the ack names a rev not past the
  // snapshot, so the carried copy is undone and the buffer goes out next.
  const had = make(3, 'BILAL hello asha', 'b-');
  check('carried', had.adopt(old), true);
  check('carried op keeps its opId', sent.at(-1), { rev: 3, opId: 'a-1', op: [16, ' asha'] });
  had.confirm(3);
  check('applied before: kept once', had.text, 'BILAL hello asha!');
  check('buffer sent after', sent.at(-1), { rev: 3, opId: 'b-1', op: [16, '!'] });
  // Fresh snapshot without it (and with another edit): applied now, echoed, buffer follows.
  const lacked = make(3, 'BILAL hello X', 'c-');
  lacked.adopt(old);
  check('rebased onto the snapshot', lacked.text, 'BILAL hello X asha!');
  lacked.receiveEvent({ rev: 4, op: [13, ' asha'], by: 'me', opId: 'a-1' }, 'me');
  check('echo confirms', [lacked.state, lacked.revision, sent.at(-1)], ['awaitingConfirm', 4, { rev: 4, opId: 'c-1', op: [18, '!'] }]);
  // Refused outstanding edit: dropped, the buffer is kept on the server's text.
  const refused = make(2, 'BILAL hello', 'd-');
  refused.adopt(old, { dropOutstanding: true });
  check('refused edit dropped, later typing kept', [refused.text, sent.at(-1)], ['BILAL hello!', { rev: 2, opId: 'd-1', op: [11, '!'] }]);
  done(failures);
}).catch((e) => done([`import: ${e}`]));
"""


def test_js_note_client_resends_on_the_rev_its_op_spans_and_carries_edits_over_a_snapshot(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/join")
    assert driver.execute_async_script(RUN_RECONNECT) == []
    assert [e for e in browser_errors(driver) if "ot.js" in e] == []


def test_a_restore_rebases_an_unsent_edit_to_a_whole_word_not_inside_the_last_tag(daemon, browsers):
    """An operations probe restored a backup while a reviewer typed just before another's latest
    tag: the restored text's last tag "[A0335]" and the lost "[A1179]" shared only "]", and the
    character diff put the reviewer's unsent text inside "[A0335", before its "]" (3 of 3)."""
    driver = browsers()
    driver.get(daemon.base + "/join")
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "import('/js/ot.js').then(({ TextOperation: T, rebaseOperation, diffOperation }) => {"
        "  const cases = [['base<b1>[A2][A3]', 'base[A2]', 12], ['one\\ntwo\\nthree\\n', 'one\\nTWO\\nthree\\n', 11],"
        "    ['same text', 'same text', 4], ['', 'new', 0], ['gone', '', 2], ['ab\\ncd', 'xy\\ncd', 4],"
        "    ['hello world', 'Bilal: hello world', 8], ['hello big world', 'hello world', 13]];"
        "  done(cases.map(([before, after, at]) => {"
        "    const path = rebaseOperation(before, after), typed = new T().retain(at).insert('X').retain(before.length - at);"
        "    const [, moved] = T.transform(path, typed);"
        "    const old = T.transform(diffOperation(before, after), typed)[1];"
        "    return { turns: path.apply(before) === after, result: moved.apply(after), byCharacters: old.apply(after) };"
        "  }));"
        "}, (e) => done(String(e)));")
    assert all(case["turns"] for case in result), result
    assert result[0]["byCharacters"] == "base[A2X]", result[0]  # the fault: inside the tag
    assert result[0]["result"] in ("baseX[A2]", "base[A2]X"), result[0]
    assert result[1]["result"] == "one\nTWO\nthrXee\n", result[1]  # a whole common line keeps its place
    assert result[2]["result"] == "sameX text" and result[3]["result"] in ("Xnew", "newX"), result
    assert result[5]["result"] == "xy\ncXd", result[5]
    # Text only added before, or only taken away: the rest keeps its place, mid-line too.
    assert result[6]["result"] == "Bilal: hello woXrld" and result[7]["result"] == "hello worXld", result[6:]
    assert browser_errors(driver) == []
