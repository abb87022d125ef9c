"""The database file deleted or replaced while the daemon runs (README's `install` restore run
without stopping it, an `rm`): SQLite goes on committing into the open file, which no later
start opens. An operations probe saw 17 s of edits acknowledged into it, `/readyz` 200 all the
while, and lost at the restart. Now nothing committed after the move is acknowledged, `/readyz`
is 503 naming `databaseMoved`, API writes are 503 without server paths, and once the file is put
back everything works again."""
import asyncio
import contextlib
import json
import os
import sqlite3
import time
import urllib.error
import urllib.request

from conftest import schedule_session
from wsclient import Client, Closed


def readyz(daemon):
    try:
        with urllib.request.urlopen(daemon.base + "/readyz", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_for_readyz(daemon, status, timeout=20):
    deadline = time.monotonic() + timeout
    while (answer := readyz(daemon))[0] != status:
        assert time.monotonic() < deadline, f"/readyz never answered {status}: {answer}"
        time.sleep(0.1)
    return answer


async def edit(daemon, token, op_id, op, rev):
    """The reply to one note edit, or ('closed', code) when the daemon closed the connection first."""
    client = await Client.join(daemon.ws_url, token)
    try:
        return await client.command("note.edit", note="evidence", rev=rev, opId=op_id, op=op)
    except Closed as closed:
        return {"type": "closed", "code": closed.code}
    finally:
        await client.close()


def test_nothing_is_acknowledged_into_a_moved_database_and_it_says_so(own_daemon):
    daemon = own_daemon()
    session = schedule_session(daemon, "Moved underneath", "Restores")
    token = session.tokens["Asha"]
    assert asyncio.run(edit(daemon, token, "m-1", ["kept"], 0))["type"] == "ack"
    database = os.path.join(daemon.data_dir, "reviewroom.sqlite3")
    os.rename(database, database + ".aside")

    reply = asyncio.run(edit(daemon, token, "m-2", [4, " and lost"], 1))
    assert reply["type"] != "ack", reply
    status, body = wait_for_readyz(daemon, 503)
    assert body == "store commits failing: databaseMoved\n"
    status, problem = daemon.api("POST", "/sessions", session.facilitator_token, {
        "title": "After the move", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "template": "rapid-remote-90"})
    assert status == 503, problem
    assert daemon.data_dir not in json.dumps(problem) and "databaseMoved" in problem["detail"], problem
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        assert "was deleted, renamed or replaced while the daemon had it open" in log.read()

    # Put back, it is the file the daemon has open: ready again by itself, and edits are stored.
    os.rename(database + ".aside", database)
    wait_for_readyz(daemon, 200)
    again = asyncio.run(edit(daemon, token, "m-2", [4, " and lost"], 1))
    assert again["type"] == "ack", again
    daemon.restart()
    client_text = asyncio.run(note_text(daemon, token))
    assert client_text == "kept and lost", client_text


async def note_text(daemon, token):
    client = await Client.join(daemon.ws_url, token)
    await client.close()
    return next(n["text"] for n in client.welcome["session"]["notes"] if n["id"] == "evidence")


def test_a_database_replaced_by_a_copy_stays_refused_across_reconnects(own_daemon):
    """An operations probe ran README's restore lines (install the copy, remove -wal and -shm)
    with the daemon up: /readyz said databaseMoved within a second, but each reconnect's session
    reload took the next edits and acknowledged them (44-48 a client in 29 s), into the deleted
    file, and the restart lost them all."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Replaced underneath", "Restores")
    token = session.tokens["Asha"]
    assert asyncio.run(edit(daemon, token, "r-1", ["kept"], 0))["type"] == "ack"
    database = os.path.join(daemon.data_dir, "reviewroom.sqlite3")
    copy = os.path.join(daemon.data_dir, "copy.sqlite3")
    with contextlib.closing(sqlite3.connect(database)) as source, contextlib.closing(sqlite3.connect(copy)) as target:
        source.backup(target)
    # README's restore lines, without stopping the daemon first.
    os.replace(copy, database + ".new")
    os.replace(database + ".new", database)
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(database + suffix)

    replies = asyncio.run(typing_on(daemon, token, 40))
    acked = [r for r in replies if r.get("type") == "ack"]
    assert acked == [], f"{len(acked)} of {len(replies)} edits acknowledged into the replaced database: {acked[:3]}"
    wait_for_readyz(daemon, 503)
    # A hello meanwhile is told to come back later (the pages retry), not welcomed into the old file.
    refused = asyncio.run(hello_reply(daemon, token))
    assert refused["type"] == "error" and refused["code"] == "internal", refused
    # The restart opens the copy: what it held is there (and nothing acknowledged since is missing).
    daemon.restart()
    assert asyncio.run(note_text(daemon, token)) == "kept"


async def hello_reply(daemon, token):
    client = await Client.join(daemon.ws_url, token)
    await client.close()
    return client.welcome


async def typing_on(daemon, token, count):
    """`count` edits, each on the connection of the one before while it lasts; a closed connection
    is joined again with `resume` from the last event seen, as the pages do. The replies, in order."""
    replies, client, epoch, seq, text, rev, n = [], None, None, 0, "", 0, 0
    for _ in range(count):
        if client is None:
            client = await Client.join(daemon.ws_url, token, **({"resume": {"epoch": epoch, "after": seq}} if epoch else {}))
            if client.welcome["type"] == "welcome":
                epoch, seq = client.welcome["epoch"], client.welcome["seq"]
                note = next(x for x in client.welcome["session"]["notes"] if x["id"] == "evidence")
                text, rev = note["text"], note["rev"]
        chunk = f" [{n}]"
        try:
            reply = await client.command("note.edit", note="evidence", rev=rev, opId=f"t-{n}", op=[len(text), chunk])
            seq = max([seq] + [m["seq"] for m in client.kept_events()])
            if reply["type"] == "ack":
                text, rev = text + chunk, reply.get("rev", rev + 1)
            n += 1
        except Closed as closed:
            # Not answered: sent again, with the same opId, on the next connection.
            reply = {"type": "closed", "code": closed.code}
            client = None
        replies.append(reply)
    if client:
        await client.close()
    return replies
