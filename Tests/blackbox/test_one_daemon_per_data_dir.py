"""One `serve` per data directory (README, "Data, durability and backup"). A second daemon on a
directory in use used to open the store as if the first had crashed: it logged "the previous
run was not stopped cleanly", closed the first one's online intervals, served the same database
on another port (its clients' edits clashed with the first's seqs, never acknowledged), or,
failing on the same port, deleted the first one's run marker on its way out, so a `kill -9` of
the first went unnoticed at the next start. Now it is refused before it touches anything."""
import asyncio
import os
import subprocess
import urllib.request

import pytest

from conftest import DAEMON, schedule_session
from reviewroomd import clean_environment
from wsclient import Client

MARKER = "reviewroomd.running"


@pytest.fixture
def first(own_daemon):
    return own_daemon()


def second_serve(data_dir, port):
    """A second `serve` on `data_dir`: (exit status, stderr); it must exit by itself."""
    done = subprocess.run([str(DAEMON), "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", data_dir],
                          capture_output=True, text=True, timeout=30, env=clean_environment())
    return done.returncode, done.stderr


def marker(daemon):
    with open(os.path.join(daemon.data_dir, MARKER)) as file:
        return file.read()


@pytest.mark.parametrize("same_port", [False, True])
def test_a_second_daemon_on_a_data_directory_in_use_is_refused_and_changes_nothing(first, same_port):
    session = schedule_session(first, "Shared directory", "One daemon")

    async def type_(op, rev):
        asha = await Client.join(first.ws_url, session.tokens["Asha"])
        reply = await asha.command("note.edit", note="evidence", rev=rev, opId=f"one-{rev}", op=op)
        await asha.close()
        return reply

    assert asyncio.run(type_(["before"], 0))["type"] == "ack"
    before = marker(first)
    status, stderr = second_serve(first.data_dir, first.port if same_port else 0)
    assert status == 73, stderr
    assert "another reviewroomd serve" in stderr and f"process {first.process.pid}" in stderr, stderr
    assert first.data_dir in stderr and "one daemon per data directory" in stderr, stderr
    # It touched nothing: no crash taken for granted, no listening, the first one's marker kept.
    assert "not stopped cleanly" not in stderr and "Listening on" not in stderr, stderr
    assert "closed online intervals" not in stderr, stderr
    assert marker(first) == before
    # The first daemon goes on serving and storing.
    with urllib.request.urlopen(first.base + "/readyz", timeout=10) as response:
        assert response.status == 200
    assert asyncio.run(type_([6, " and after"], 1))["type"] == "ack"

    # Its kill -9 is noticed at the next start, as it was before a second daemon came and went.
    first.kill()
    first.start(first.port)
    with open(os.path.join(first.data_dir, "daemon.log")) as log:
        assert "the previous run was not stopped cleanly" in log.read()


def test_the_lock_goes_with_the_process_however_it_ends(first):
    """A `kill -9` leaves no lock behind (the kernel drops an flock with its process): the next
    start on the directory is not refused. A clean stop neither."""
    first.kill()
    first.start(first.port)
    first.stop()
    first.start(first.port)
    with urllib.request.urlopen(first.base + "/readyz", timeout=10) as response:
        assert response.status == 200
    # The lock file is the daemon's alone, like everything it writes.
    assert os.stat(os.path.join(first.data_dir, "reviewroomd.lock")).st_mode & 0o077 == 0


def test_a_new_database_is_said_once_and_an_existing_one_not_at_all(own_daemon):
    """`serve` on a directory without a database made an empty one saying only "store opened":
    after data_dir was moved without its database the service came up empty, silently."""
    daemon = own_daemon()
    daemon.restart()
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        said = log.read().count("created a new, empty database in " + daemon.data_dir)
    assert said == 1, "said at the first start only"
