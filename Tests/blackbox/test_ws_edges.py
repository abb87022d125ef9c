"""PROTOCOL.md §3.1, §3.3–§3.5 at their edges, as a WebSocket client sees them: the exact size
limits, surrogate pairs cut by retains and deletes, an edit emptied by transformation, and which
`id` an unreadable message's error carries."""
import pytest

from wsclient import Client, run

NOTE = "evidence"


def sized(prefix, size):
    """`prefix` + `"x"…"}` of exactly `size` bytes (a JSON string member closed off)."""
    filler = size - len(prefix.encode()) - 2
    return prefix + "x" * filler + '"}'


@pytest.mark.parametrize("size, welcomed", [(4096, True), (4097, False)])
@run
async def test_a_hello_of_4_kib_is_welcomed_and_one_byte_more_closes_1009(session, size, welcomed):
    """§3.1: the first message is "at most 4 KiB"; §3.4: a hello over 4 KiB closes 1009."""
    client = await Client.open(session.daemon.ws_url)
    await client.send(sized('{"type":"hello","token":"%s","client":"' % session.tokens["Asha"], size))
    if welcomed:
        assert (await client.receive())["type"] == "welcome"
        await client.close()
    else:
        code, seen = await client.close_code()
        assert code == 1009 and seen == [], (code, seen)


@run
async def test_a_message_of_64_kib_is_read_and_a_fragmented_one_over_it_closes_1009(session):
    """§3.4: messages up to 64 KiB are commands; a message over it closes 1009, also when it
    arrives in small fragments, none of them over the limit."""
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    await asha.send(sized('{"type":"ping","id":1,"x":"', 65536))
    assert (await asha.reply(1))["type"] == "ack"
    big = sized('{"type":"ping","id":2,"x":"', 65537)
    await asha.ws.send(iter([big[at:at + 4096] for at in range(0, len(big), 4096)]))
    code, seen = await asha.close_code()
    assert code == 1009, (code, seen)
    assert not any(m.get("id") == 2 for m in seen), seen


CUTS = [
    pytest.param([2, "x", 2], id="insert-between-the-halves"),
    pytest.param([1, -1, 2], id="delete-the-high-half"),
    pytest.param([2, -2], id="delete-the-low-half-on"),
    pytest.param([1, "y", 1, -2], id="retain-ends-inside"),
]


@pytest.mark.parametrize("op", CUTS)
@run
async def test_an_op_whose_retain_or_delete_cuts_a_surrogate_pair_is_invalid_op(session, op):
    """§3.3: an op "must not cut a surrogate pair": "a😀b" is 4 units, the emoji units 1 and 2;
    a boundary at 2 cuts it. Refused `invalid_op`, nothing changed, the opId not used up."""
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    assert (await asha.command("note.edit", note=NOTE, rev=0, opId="seed", op=["a😀b"]))["rev"] == 1
    seq = await asha.seq()
    refused = await asha.command("note.edit", note=NOTE, rev=1, opId="cut", op=op)
    assert refused["type"] == "error" and refused["code"] == "invalid_op", refused
    assert "surrogate" in refused["message"], refused
    assert await asha.seq() == seq
    whole = await asha.command("note.edit", note=NOTE, rev=1, opId="cut", op=[1, -2, 1])
    assert whole["type"] == "ack" and whole["rev"] == 2, whole
    assert (await asha.command("note.get", note=NOTE))["note"]["text"] == "ab"
    await asha.close()


@run
async def test_an_edit_emptied_by_transformation_is_acked_without_an_event_and_its_repeat_too(session):
    """§3.5: deleting text a concurrent op already deleted changes nothing after transformation:
    acked with the current `rev`, no event, and a repeat of its opId gets that same `rev`."""
    url = session.daemon.ws_url
    asha = await Client.join(url, session.tokens["Asha"])
    bilal = await Client.join(url, session.tokens["Bilal"])
    assert (await asha.command("note.edit", note=NOTE, rev=0, opId="seed", op=["abcdef"]))["rev"] == 1
    first = await bilal.command("note.edit", note=NOTE, rev=1, opId="cut-1", op=[-2, 4])
    assert first["type"] == "ack" and first["rev"] == 2, first
    late = await asha.command("note.edit", note=NOTE, rev=1, opId="cut-2", op=[-2, 4])
    assert late["type"] == "ack" and late["rev"] == 2 and late["seq"] == first["seq"], late
    again = await asha.command("note.edit", note=NOTE, rev=1, opId="cut-2", op=[-2, 4])
    assert again["type"] == "ack" and again["rev"] == 2 and again["seq"] == first["seq"], again
    assert await asha.seq() == first["seq"]
    assert [e["data"]["opId"] for e in asha.kept_events() if e["name"] == "note.op"] == ["seed", "cut-1"]
    assert (await asha.command("note.get", note=NOTE))["note"] == {"id": NOTE, "title": "Evidence", "rev": 2, "text": "cdef"}
    for client in (asha, bilal):
        await client.close()


READ_IDS = [
    pytest.param('{"id":5}', 5, id="no-type"),
    pytest.param('{"type":5,"id":6}', 6, id="type-number"),
    pytest.param('{"type":"hello","id":8,"token":"x"}', 8, id="second-hello"),
    pytest.param('{"type":"ping","id":"7"}', None, id="id-string"),
    pytest.param('{"type":"ping","id":true}', None, id="id-boolean"),
    pytest.param('{"type":"ping","id":[1]}', None, id="id-array"),
    pytest.param('{"type":"ping","id":01}', None, id="leading-zero-not-json"),
    pytest.param('{"type":"ping","id":1,}', None, id="trailing-comma-not-json"),
]


@pytest.mark.parametrize("raw, expected_id", READ_IDS)
@run
async def test_an_unreadable_message_is_bad_request_with_its_id_only_when_readable(session, raw, expected_id):
    """§3.5: a malformed message after `hello` is `bad_request`, "`id` null when it could not
    be read" — and the readable `id` otherwise; the connection stays open."""
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    seq = await asha.seq()
    await asha.send(raw)
    error = await asha.expect(lambda m: m.get("type") == "error")
    assert error["code"] == "bad_request" and "id" in error and error["id"] == expected_id, error
    assert await asha.seq() == seq
    await asha.close()
