"""PROTOCOL.md §3.2–§3.4: cursors, clock.extend bounds, invalid UTF-8, and durability across a crash."""

import pytest

from conftest import schedule_session
from wsclient import Client, run

NOTE = "evidence"


def rev_of(welcome):
    return next(n["rev"] for n in welcome["session"]["notes"] if n["id"] == NOTE)


@run
async def test_cursor_is_transformed_to_the_current_rev_and_sent_to_others(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    ben = await Client.join(session.daemon.ws_url, session.tokens["Ben"])
    base = rev_of(asha.welcome)
    assert (await asha.command("note.edit", note=NOTE, rev=base, opId="c-1", op=["abc"]))["type"] == "ack"
    assert (await ben.command("note.edit", note=NOTE, rev=base + 1, opId="c-2", op=["XY", 3]))["rev"] == base + 2
    ack = await asha.command("note.cursor", note=NOTE, rev=base + 1, anchor=1, head=2)
    assert ack["type"] == "ack", ack
    cursor = await ben.expect(lambda m: m.get("type") == "cursor")
    assert cursor == {"type": "cursor", "by": session.pids["Asha"], "note": NOTE, "rev": base + 2, "anchor": 3, "head": 4}, cursor
    olu = await Client.join(session.daemon.ws_url, session.tokens["Olu"])
    refused = await olu.command("note.cursor", note=NOTE, rev=base + 2, anchor=0, head=0)
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    for client in (asha, ben, olu):
        await client.close()


@pytest.mark.parametrize("seconds", [0, 3601, -3601])
@run
async def test_clock_extend_out_of_bounds_is_refused_and_changes_nothing(session, seconds):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    seq = await fran.seq()
    refused = await fran.command("clock.extend", seconds=seconds)
    assert refused["type"] == "error", refused
    assert await fran.seq() == seq
    await fran.close()


@run
async def test_invalid_utf8_text_frame_closes_1007(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    async with asha.ws.send_context():
        asha.ws.protocol.send_text(b'{"type":"ping","id":1,"x":"\xff\xfe"}')
    code, seen = await asha.close_code()
    assert code == 1007, seen


def test_what_a_client_saw_survives_a_crash(own_daemon):
    """Events are sent only once durable: after SIGKILL and a restart on the same data dir, a
    client resumes from what it saw (same epoch, same events, same note text)."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Crash", "Durability")

    async def before_crash():
        fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
        assert (await fran.command("session.start"))["type"] == "ack"
        edited = await fran.command("note.edit", note=NOTE, rev=rev_of(fran.welcome), opId="k-1", op=["kept"])
        assert edited["type"] == "ack", edited
        events = await fran.events(2)
        return fran.welcome["epoch"], events

    epoch, seen = run(before_crash)()
    daemon.crash_restart()

    async def after_crash():
        back = await Client.open(daemon.ws_url)
        await back.send({"type": "hello", "token": session.tokens["Fran"], "resume": {"epoch": epoch, "after": 0}})
        resumed = await back.receive()
        assert resumed["type"] == "resumed", resumed
        assert resumed["epoch"] == epoch and resumed["seq"] == seen[-1]["seq"], resumed
        replay = [await back.receive() for _ in range(len(seen))]
        assert replay == seen
        got = await back.command("note.get", note=NOTE)
        assert got["note"]["text"] == "kept", got
        await back.close()

    run(after_crash)()
