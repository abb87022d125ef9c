"""PROTOCOL.md §1: `serve --demo` creates (once) a demo session. It used to store the session
first and write `demo.json` (its links) after, so a crash in between made a second demo at the
next start. Now every id and token is drawn first and written to `demo.json`, then the
facilitator and the session are stored in one transaction; a start that finds the file but not
its facilitator (the daemon died between the two) makes that same demo from it.

The crash is not timed: the state it leaves (the file written, nothing of it stored) is made
by moving a fresh `demo.json` into a data directory whose store never saw it."""
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import urllib.request

import pytest

from conftest import DAEMON
from reviewroomd import clean_environment

START_TIMEOUT = 30


def demo_run(data_dir, extra=(), stderr=subprocess.DEVNULL):
    """Starts `serve --demo`, reads its stdout up to the last link, stops it; returns
    (origin, lines after `Listening on`), or what `extra` asks for while it runs. Its log goes to
    `stderr` (a file), or nowhere."""
    process = subprocess.Popen([str(DAEMON), "serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
                               stdout=subprocess.PIPE, stderr=stderr, text=True, env=clean_environment())
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)], daemon=True).start()
    seen = []
    try:
        while True:
            line = lines.get(timeout=START_TIMEOUT)
            assert line is not None, f"reviewroomd exited with {process.wait()}: {seen}"
            seen.append(line.rstrip("\n"))
            if "Hall screen link:" in line:
                break
        origin = seen[0].split("Listening on ", 1)[1].strip()
        answers = [ask(origin) for ask in extra]
    finally:
        process.terminate()
        process.wait(timeout=15)
    return origin, [line.replace(origin, "ORIGIN") for line in seen[1:]], answers


def sessions_of(token):
    def ask(origin):
        request = urllib.request.Request(origin + "/api/v1/sessions", headers={"Authorization": f"Bearer {token}"})
        with urllib.request.urlopen(request, timeout=15) as response:
            return json.loads(response.read())
    return ask


def facilitators(data_dir):
    return subprocess.run([str(DAEMON), "facilitator", "list", "--data-dir", data_dir], check=True,
                          capture_output=True, text=True, timeout=30, env=clean_environment()).stdout


@pytest.fixture
def directories():
    made = [tempfile.mkdtemp(prefix="reviewroom-demo-") for _ in range(2)]
    yield made
    for path in made:
        shutil.rmtree(path, ignore_errors=True)


def test_a_demo_written_down_but_never_stored_is_made_from_its_file_once(directories):
    first, crashed = directories
    _, links, _ = demo_run(first)
    written = json.load(open(os.path.join(first, "demo.json")))
    token = written["facilitatorToken"]

    # A data directory whose store exists (made by `facilitator add`) and holds no demo, with that
    # demo.json in it: what a kill -9 between writing the file and the commit leaves.
    subprocess.run([str(DAEMON), "facilitator", "add", "Someone else", "--data-dir", crashed], check=True,
                   capture_output=True, timeout=30, env=clean_environment())
    shutil.copy(os.path.join(first, "demo.json"), os.path.join(crashed, "demo.json"))

    _, again, (listed,) = demo_run(crashed, extra=[sessions_of(token)])
    assert again == links, "the demo the file names, not a fresh one"
    assert [s["id"] for s in listed] == [written["sessionID"]], listed
    assert [p["role"] for p in listed[0]["participants"]] == [
        "facilitator", "host", "reviewer", "reviewer", "reviewer", "observer", "display"], listed

    # Started again: the same demo, still one session and one demo facilitator.
    _, third, (listed_again,) = demo_run(crashed, extra=[sessions_of(token)])
    assert third == links
    assert [s["id"] for s in listed_again] == [written["sessionID"]]
    assert facilitators(crashed).count("Demo Facilitator") == 1, facilitators(crashed)


def test_the_file_is_written_before_the_store_and_deleting_it_still_makes_a_fresh_demo(directories):
    data, _ = directories
    _, links, _ = demo_run(data)
    written = json.load(open(os.path.join(data, "demo.json")))
    assert os.stat(os.path.join(data, "demo.json")).st_mode & 0o777 == 0o600
    assert written["plan"]["sessionID"] == written["sessionID"], written.keys()
    _, same, _ = demo_run(data)
    assert same == links
    os.remove(os.path.join(data, "demo.json"))
    _, fresh, _ = demo_run(data)
    assert fresh != links and fresh[0] != links[0], "README: delete demo.json for a fresh demo"


def test_an_unreadable_demo_file_is_said_before_a_new_demo_is_made(directories):
    data, _ = directories
    _, links, _ = demo_run(data)
    path = os.path.join(data, "demo.json")
    before = json.load(open(path))["sessionID"]
    with open(path, "w") as truncated:
        truncated.write('{"sessionID": "s_')
    with tempfile.TemporaryFile(mode="w+") as log:
        _, fresh, _ = demo_run(data, stderr=log)
        log.seek(0)
        warnings = [line for line in log if "demo.json cannot be read" in line]
    assert fresh != links, "a new demo, as before"
    assert len(warnings) == 1 and "warning" in warnings[0], warnings
    assert "the demo it named, if it was stored, stays in the database" in warnings[0], warnings
    assert json.load(open(path))["sessionID"] != before, "the file holds the new demo's links"
