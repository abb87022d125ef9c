"""PROTOCOL.md §3.3: shared notes — transformation, ties, repeated opIds, invalid ops."""
import pytest

from wsclient import Client, apply_op, run

NOTE = "evidence"


def note_of(welcome, note_id=NOTE):
    return next(n for n in welcome["session"]["notes"] if n["id"] == note_id)


class Replica:
    """A client's copy of one note, rebuilt only from the `note.op` events it receives."""

    def __init__(self, client, note_id=NOTE):
        start = note_of(client.welcome, note_id)
        self.client, self.note, self.rev, self.text = client, note_id, start["rev"], start["text"]

    async def catch_up(self, rev):
        while self.rev < rev:
            event = await self.client.expect(lambda m: m.get("type") == "event" and m.get("name") == "note.op"
                                             and m["data"]["note"] == self.note)
            data = event["data"]
            assert data["rev"] == self.rev + 1, f"note.op revisions out of order: {data['rev']} after {self.rev}"
            self.text = apply_op(self.text, data["op"])
            self.rev = data["rev"]


async def edit(client, rev, op_id, op):
    return await client.command("note.edit", note=NOTE, rev=rev, opId=op_id, op=op)


@run
async def test_concurrent_edits_are_transformed_and_everyone_converges(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    ben = await Client.join(session.daemon.ws_url, session.tokens["Ben"])
    replicas = [Replica(asha), Replica(ben)]
    base = replicas[0].rev
    assert replicas[0].text == ""

    first = await edit(asha, base, "a-1", ["Hello"])
    assert first["type"] == "ack" and first["rev"] == base + 1, first
    event = await ben.expect(lambda m: m.get("name") == "note.op")
    assert event["data"] == {"note": NOTE, "rev": base + 1, "op": ["Hello"], "by": session.pids["Asha"], "opId": "a-1"}
    ben.inbox.insert(0, event)

    # Both on the same revision, sent before either reads the other's event.
    await asha.send({"type": "note.edit", "id": 50, "note": NOTE, "rev": base + 1, "opId": "a-2", "op": [5, " world"]})
    await ben.send({"type": "note.edit", "id": 60, "note": NOTE, "rev": base + 1, "opId": "b-1", "op": ["Say: ", 5]})
    acks = [await asha.reply(50), await ben.reply(60)]
    assert all(a["type"] == "ack" for a in acks), acks
    assert sorted(a["rev"] for a in acks) == [base + 2, base + 3], acks

    for replica in replicas:
        await replica.catch_up(base + 3)
    got = await asha.command("note.get", note=NOTE)
    assert got["type"] == "ack", got
    assert got["note"]["id"] == NOTE and got["note"]["rev"] == base + 3
    assert got["note"]["text"] == "Say: Hello world"
    assert [r.text for r in replicas] == [got["note"]["text"]] * 2
    await asha.close()
    await ben.close()


@run
async def test_tie_at_same_position_keeps_first_applied_on_the_left(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    bilal = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    base = note_of(asha.welcome)["rev"]
    assert (await edit(asha, base, "t-0", ["ab"]))["type"] == "ack"
    assert (await edit(asha, base + 1, "t-1", [1, "X", 1]))["rev"] == base + 2
    late = await edit(bilal, base + 1, "t-1", [1, "Y", 1])
    assert late["type"] == "ack" and late["rev"] == base + 3, late
    event = await asha.expect(lambda m: m.get("name") == "note.op" and m["data"]["rev"] == base + 3)
    assert event["data"]["op"] == [2, "Y", 1] and event["data"]["by"] == session.pids["Bilal"], event
    got = await bilal.command("note.get", note=NOTE)
    assert got["note"]["text"] == "aXYb", got
    await asha.close()
    await bilal.close()


@run
async def test_repeated_op_id_gets_the_same_rev_and_no_event(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    base = note_of(asha.welcome)["rev"]
    first = await edit(asha, base, "dup-1", ["once"])
    assert first["type"] == "ack" and first["rev"] == base + 1, first
    seq = first["seq"]
    await fran.event("note.op")
    again = await edit(asha, base, "dup-1", ["once"])
    assert again["type"] == "ack" and again["rev"] == base + 1, again
    assert again["seq"] == seq
    # The same opId from another connection of the same participant is still a repeat.
    tab = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    third = await edit(tab, base, "dup-1", ["once"])
    assert third["type"] == "ack" and third["rev"] == base + 1, third
    assert await fran.seq() == seq
    assert [e for e in fran.kept_events() if e["name"] == "note.op"] == []
    got = await fran.command("note.get", note=NOTE)
    assert got["note"]["text"] == "once" and got["note"]["rev"] == base + 1, got
    for client in (asha, fran, tab):
        await client.close()


@run
async def test_an_integer_op_id_comes_back_as_that_integer_and_is_not_its_string(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    base = note_of(asha.welcome)["rev"]
    first = await edit(asha, base, 7, ["hi"])
    assert first["type"] == "ack" and first["rev"] == base + 1, first
    event = await fran.event("note.op")
    assert event["data"]["opId"] == 7 and isinstance(event["data"]["opId"], int), event
    # The string of the same digits is another opId: applied, echoed as a string.
    second = await edit(asha, base + 1, "7", [2, "!"])
    assert second["type"] == "ack" and second["rev"] == base + 2, second
    event = await fran.event("note.op")
    assert event["data"]["opId"] == "7", event
    # Each repeat is acked with its own first rev.
    assert (await edit(asha, base + 2, 7, [3, "?"]))["rev"] == base + 1
    assert (await edit(asha, base + 2, "7", [3, "?"]))["rev"] == base + 2
    got = await fran.command("note.get", note=NOTE)
    assert got["note"]["text"] == "hi!", got
    for client in (asha, fran):
        await client.close()


@run
async def test_op_ids_that_differ_only_after_a_nul_are_two_ops(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    base = note_of(asha.welcome)["rev"]
    assert (await edit(asha, base, "x\u0000a", ["hi"]))["rev"] == base + 1
    second = await edit(asha, base + 1, "x\u0000b", [2, "!"])
    assert second["type"] == "ack" and second["rev"] == base + 2, second
    event = await fran.expect(lambda m: m.get("name") == "note.op" and m["data"]["rev"] == base + 2)
    assert event["data"]["opId"] == "x\u0000b", event
    got = await fran.command("note.get", note=NOTE)
    assert got["note"]["text"] == "hi!", got
    for client in (asha, fran):
        await client.close()


INVALID = [
    pytest.param("[0]", id="zero-retain"),
    pytest.param('[""]', id="empty-insert"),
    pytest.param('[3, "x"]', id="retain-past-end"),
    pytest.param('[1, "x"]', id="retain-short-of-end"),
    pytest.param('["\\ud800"]', id="lone-surrogate"),
    pytest.param('[1, "\\ud800", 1]', id="lone-surrogate-inside"),
]


@pytest.mark.parametrize("op", INVALID)
@run
async def test_invalid_op_is_refused_and_does_not_use_up_the_op_id(session, op):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    base = note_of(asha.welcome)["rev"]
    assert (await edit(asha, base, "seed", ["ab"]))["type"] == "ack"
    before = await asha.seq()
    # Sent as raw text so a lone surrogate reaches the server exactly as `"\ud800"`.
    await asha.send('{"type": "note.edit", "id": 77, "note": "evidence", "rev": %d, "opId": "x-1", "op": %s}' % (base + 1, op))
    refused = await asha.reply(77)
    assert refused["type"] == "error" and refused["code"] == "invalid_op", refused
    assert isinstance(refused["message"], str) and refused["message"]
    assert await asha.seq() == before
    got = await asha.command("note.get", note=NOTE)
    assert got["note"] == {**got["note"], "rev": base + 1, "text": "ab"}, got
    reused = await edit(asha, base + 1, "x-1", [2, "c"])
    assert reused["type"] == "ack" and reused["rev"] == base + 2, reused
    await asha.close()
