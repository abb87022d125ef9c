"""Discrepancies with PROTOCOL.md §3 (WebSocket) found by the WebSocket conformance audit, each
checked from outside with real clients."""
import pytest

from wsclient import Client, run


@run
async def test_round_pass_without_a_round_is_forbidden_for_everyone(session):
    """§3.2: "A command that only a certain person may send (`round.pass`, `floor.release`) from
    anyone else is `forbidden`." With no round in progress nobody is the round's current speaker,
    so a `round.pass` is from "anyone else" — as a reviewer's `floor.release` with nobody
    speaking already was. It used to be `invalid_state`."""
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    seq = await fran.seq()
    for client in (asha, fran):
        refused = await client.command("round.pass")
        assert refused["type"] == "error" and refused["code"] == "forbidden", refused
        assert "no round" in refused["message"], refused
    released = await asha.command("floor.release")
    assert released["type"] == "error" and released["code"] == "forbidden", released
    # Once a round runs, its current speaker may pass (the rule is about the person, not the state).
    started = await fran.command("round.start", order=[session.pids["Asha"]], secondsEach=600)
    assert started["type"] == "ack" and started["seq"] == seq + 1, started
    passed = await asha.command("round.pass")
    assert passed["type"] == "ack" and passed["seq"] == seq + 2, passed
    assert await fran.seq() == seq + 2
    for client in (fran, asha):
        await client.close()


@run
async def test_a_cursor_outside_the_note_is_invalid_op_and_reaches_nobody(session):
    """A `note.cursor` names positions in the note at `rev`, as an op does (§3.3): a position past
    the note's end, a negative one, or a revision the note has not reached is `invalid_op`, as
    for `note.edit` (SharedNotes), and nothing is sent to the others."""
    url = session.daemon.ws_url
    asha = await Client.join(url, session.tokens["Asha"])
    ben = await Client.join(url, session.tokens["Ben"])
    written = await asha.command("note.edit", note="evidence", rev=0, opId="c-1", op=["hello"])
    assert written["type"] == "ack" and written["rev"] == 1, written
    for fields in ({"rev": 1, "anchor": 0, "head": 6}, {"rev": 1, "anchor": -1, "head": 0},
                   {"rev": 0, "anchor": 1, "head": 1}, {"rev": 2, "anchor": 0, "head": 0}):
        refused = await asha.command("note.cursor", note="evidence", **fields)
        assert refused["type"] == "error" and refused["code"] == "invalid_op", (fields, refused)
        assert "cursor" in refused["message"] or "is not a revision" in refused["message"], refused
    # A cursor in range still reaches the others, and it is the first cursor they see.
    assert (await asha.command("note.cursor", note="evidence", rev=1, anchor=5, head=5))["type"] == "ack"
    cursor = await ben.expect(lambda m: m.get("type") == "cursor")
    assert (cursor["anchor"], cursor["head"]) == (5, 5), cursor
    for client in (asha, ben):
        await client.close()


LONE_SURROGATES = [
    pytest.param('"prompt.add","text":"a\\ud800b"', "'text'", id="prompt-text"),
    pytest.param('"prompt.add","text":"Why?","theme":"\\udc00"', "'theme'", id="prompt-theme"),
    pytest.param('"round.start","secondsEach":60,"order":["\\ud83d"]', "'order' element 0", id="round-order"),
]


@pytest.mark.parametrize("fields, says", LONE_SURROGATES)
@run
async def test_a_lone_surrogate_in_a_commands_text_is_bad_request_and_stores_nothing(session, fields, says):
    """House rule and PRODUCT: bad input gets a clear error and changes nothing; §3.5: ill-typed
    fields are `bad_request`. A string holding a lone surrogate escape is no Unicode text: the
    daemon used to store `prompt.add` `"a\\ud800b"` as `a\\ufffdb` (text the facilitator never
    sent), while `POST /api/v1/sessions` refuses the same prompt with a 400."""
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    seq = await fran.seq()
    await fran.send('{"type":%s,"id":31}' % fields)
    refused = await fran.reply(31)
    assert refused["type"] == "error" and refused["code"] == "bad_request", refused
    assert says in refused["message"] and "surrogate" in refused["message"], refused
    assert await fran.seq() == seq
    # A real astral character is text like any other.
    assert (await fran.command("prompt.add", text="Reading 📚"))["type"] == "ack"
    added = (await fran.event("prompts.changed"))["data"]["prompts"]["deck"][-1]
    assert added["text"] == "Reading 📚", added
    await fran.close()
