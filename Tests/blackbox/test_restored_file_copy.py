"""A database put back from a plain file copy (a `cp`, a VM or file-system snapshot) rather than
`reviewroomd backup`: its sessions kept their epochs while their seqs now numbered other events
than the clients had seen, so a resume replayed the wrong history and the notes went silently
out of step (a network-fault probe). `serve` now keeps a token in the database and in its lock
file, changed at every start and clean stop; a database whose token is not the directory's gets
new epochs for every session (PROTOCOL §3.1: clients then reload instead of resuming)."""
import asyncio
import glob
import os
import shutil

from conftest import schedule_session
from wsclient import Client


async def epoch_and_typed(daemon, token, text=None):
    client = await Client.join(daemon.ws_url, token)
    if text is not None:
        note = next(n for n in client.welcome["session"]["notes"] if n["id"] == "evidence")
        op = [len(note["text"]), text] if note["text"] else [text]
        reply = await client.command("note.edit", note="evidence", rev=note["rev"], opId=f"copy-{note['rev']}", op=op)
        assert reply["type"] == "ack", reply
    await client.close()
    return client.welcome["epoch"]


def database_files(data_dir):
    return glob.glob(os.path.join(data_dir, "reviewroom.sqlite3*"))


def test_a_database_put_back_from_a_file_copy_gets_new_epochs(own_daemon, tmp_path):
    daemon = own_daemon()
    session = schedule_session(daemon, "Put back", "Snapshots")
    token = session.tokens["Asha"]
    epoch = asyncio.run(epoch_and_typed(daemon, token, "before the copy"))
    daemon.stop()
    for path in database_files(daemon.data_dir):  # the copy a snapshot would make
        shutil.copy2(path, tmp_path)

    daemon.start(daemon.port)
    assert asyncio.run(epoch_and_typed(daemon, token, " and after it")) == epoch, "a restart alone keeps the epoch"
    daemon.stop()
    for path in database_files(daemon.data_dir):
        os.remove(path)
    for path in glob.glob(os.path.join(tmp_path, "reviewroom.sqlite3*")):
        shutil.copy2(path, daemon.data_dir)

    daemon.start(daemon.port)
    renewed = asyncio.run(epoch_and_typed(daemon, token))
    assert renewed != epoch, "the put-back copy kept the epoch its clients resume on"
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        assert "the database is not the one this data directory last served" in log.read()
    # Once is enough: the next restart keeps the new epoch.
    daemon.restart()
    assert asyncio.run(epoch_and_typed(daemon, token)) == renewed
