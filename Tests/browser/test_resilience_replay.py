"""connection.js's replay bookkeeping, run in Chromium on synthetic messages (no socket): after
`resumed` the page waits for the replay to reach `resumed.seq` and then sends its unconfirmed
edits again (`onReplayDone`). A replay cut short by a drop and followed by a fresh `welcome`
(a restored backup, or a backlog too long to replay) is over: the welcome's snapshot replaces
it, so later events must not count as its end and send the edits a second time."""

SCRIPT = """
const done = arguments[arguments.length - 1];
import('/js/connection.js').then(({ Connection }) => {
  const log = [];
  const connection = new Connection({ hello: () => ({}), handlers: { onReplayDone: () => log.push('replayDone') } });
  const say = (msg) => connection.receive(JSON.stringify(msg));
  const event = (seq) => say({ type: 'event', seq, at: '2026-11-29T10:00:00.000Z', name: 'signal.test', data: {} });
  say({ type: 'welcome', epoch: 'e1', seq: 0, serverTime: '2026-11-29T10:00:00.000Z', session: {} });
  say({ type: 'resumed', epoch: 'e1', seq: 3, serverTime: '2026-11-29T10:00:00.000Z' });
  for (const seq of [1, 2, 3]) event(seq);
  log.push('--');
  say({ type: 'resumed', epoch: 'e1', seq: 10, serverTime: '2026-11-29T10:00:00.000Z' });
  for (const seq of [4, 5]) event(seq);
  say({ type: 'welcome', epoch: 'e2', seq: 2, serverTime: '2026-11-29T10:00:00.000Z', session: {} });
  for (let seq = 3; seq <= 12; seq++) event(seq);
  connection.stop();
  done(log);
}, (e) => done(['import failed: ' + e]));
"""


def test_a_fresh_welcome_ends_a_replay_cut_short(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/")
    # The first replay ends once, at its seq; the one cut short by a welcome never "ends".
    assert driver.execute_async_script(SCRIPT) == ["replayDone", "--"]
