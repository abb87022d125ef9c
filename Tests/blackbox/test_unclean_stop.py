"""PROTOCOL §3.1 (`epoch` changes only when history cannot be continued) and `durability`
(§1): with `durability = "process"` an acknowledged commit survives a `kill -9` but not the
machine going down, so after a run cut off on an earlier boot the last acknowledged events may
be gone and their seqs reused. Every session then starts a new epoch: resuming clients get a
fresh `welcome`, never a replay of other events under seqs they saw. The daemon tells from
`reviewroomd.running` in the data dir (written at start, removed at a clean stop) and the
kernel's boot id; a reboot cannot be made in a test, so the marker's boot id is rewritten."""
import os
import shutil
import tempfile

import pytest

from conftest import Daemon, schedule_session
from wsclient import Client, run

MARKER = "reviewroomd.running"


def marker_path(daemon):
    return os.path.join(daemon.data_dir, MARKER)


async def resume_reply(session, epoch, after):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "hello", "token": session.tokens["Asha"], "resume": {"epoch": epoch, "after": after}})
    reply = await client.receive()
    await client.close()
    return reply


@pytest.fixture
def cut_off_run():
    """A daemon (durability per the test) with a session, an edit acked, the epoch and seq seen."""
    made = []

    async def make(durability):
        data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-unclean-")
        daemon = Daemon(data_dir, {"REVIEWROOM_DURABILITY": durability}).start()
        made.append((daemon, data_dir))
        session = schedule_session(daemon, "Cut off", "Power cuts")
        asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
        epoch = asha.welcome["epoch"]
        acked = await asha.command("note.edit", note="evidence", rev=0, opId="u-1", op=["typed before the cut"])
        assert acked["type"] == "ack", acked
        await asha.close()
        with open(marker_path(daemon)) as file:
            assert file.read().startswith("boot_id "), "the running daemon keeps its marker"
        return daemon, session, epoch, acked["seq"]

    yield make
    for daemon, data_dir in made:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def pretend_the_machine_restarted(daemon):
    with open(marker_path(daemon)) as file:
        lines = file.read().splitlines()
    lines[0] = "boot_id 00000000-0000-0000-0000-000000000000"
    with open(marker_path(daemon), "w") as file:
        file.write("\n".join(lines) + "\n")


@run
async def test_a_process_run_cut_off_on_an_earlier_boot_renews_every_epoch(cut_off_run):
    daemon, session, epoch, seq = await cut_off_run("process")
    daemon.kill()
    pretend_the_machine_restarted(daemon)
    daemon.start(daemon.port)
    reply = await resume_reply(session, epoch, seq)
    assert reply["type"] == "welcome", reply
    assert reply["epoch"] != epoch, reply
    assert reply["session"]["notes"][0]["text"] == "typed before the cut", "what survived is served"
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        assert "every session starts a new epoch" in log.read()


@run
async def test_an_unreadable_marker_renews_every_epoch(cut_off_run):
    daemon, session, epoch, seq = await cut_off_run("process")
    daemon.kill()
    with open(marker_path(daemon), "w") as file:
        file.write("boot_id\n")  # torn
    daemon.start(daemon.port)
    reply = await resume_reply(session, epoch, seq)
    assert reply["type"] == "welcome" and reply["epoch"] != epoch, reply


@pytest.mark.parametrize("durability, restarted", [("process", False), ("power", True)])
@run
async def test_a_run_cut_off_without_losing_anything_keeps_the_epoch(cut_off_run, durability, restarted):
    """A kill on the same boot lost nothing (the kernel still wrote what it was handed), and
    `power` synced every acknowledged commit: the clients resume."""
    daemon, session, epoch, seq = await cut_off_run(durability)
    daemon.kill()
    if restarted:
        pretend_the_machine_restarted(daemon)
    daemon.start(daemon.port)
    reply = await resume_reply(session, epoch, seq)
    assert reply["type"] == "resumed" and reply["epoch"] == epoch, reply


@run
async def test_a_clean_stop_removes_the_marker_and_keeps_the_epoch(cut_off_run):
    daemon, session, epoch, seq = await cut_off_run("process")
    daemon.stop()
    assert daemon.process.returncode == 0
    assert not os.path.exists(marker_path(daemon)), "a clean stop leaves no marker"
    daemon.start(daemon.port)
    reply = await resume_reply(session, epoch, seq)
    assert reply["type"] == "resumed" and reply["epoch"] == epoch, reply
