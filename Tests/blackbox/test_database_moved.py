"""The database file deleted or replaced while the daemon runs (README's `install` restore run
without stopping it, an `rm`): SQLite goes on committing into the open file, which no later
start opens. An operations probe saw 17 s of edits acknowledged into it, `/readyz` 200 all the
while, and lost at the restart. Now nothing committed after the move is acknowledged, `/readyz`
is 503 naming `databaseMoved`, API writes are 503 without server paths, and once the file is put
back everything works again."""
import asyncio
import json
import os
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
