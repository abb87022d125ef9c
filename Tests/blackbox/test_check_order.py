"""PROTOCOL.md §3.2 and §3.5: a command's role and `session_ended` checks answer before its
fields are read (SessionRules.md "Order of checks")."""
import pytest

from wsclient import Client, run


@pytest.mark.parametrize("name, fields", [
    pytest.param("note.edit", {"note": "evidence", "rev": 0, "opId": "olu-1", "op": [0]}, id="note.edit-invalid-op"),
    pytest.param("note.edit", {"note": "evidence"}, id="note.edit-missing-fields"),
    pytest.param("clock.extend", {}, id="clock.extend-no-seconds"),
    pytest.param("hand.raise", {"kind": "bogus"}, id="hand.raise-bad-kind"),
    pytest.param("phase.goto", {"index": "x"}, id="phase.goto-string-index"),
])
@run
async def test_an_observers_malformed_change_is_forbidden(session, name, fields):
    olu = await Client.join(session.daemon.ws_url, session.tokens["Olu"])
    before = await olu.seq()
    refused = await olu.command(name, **fields)
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert "observer" in refused["message"] and name in refused["message"], refused
    assert await olu.seq() == before
    await olu.close()


@run
async def test_after_the_end_a_malformed_change_is_session_ended(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    assert (await fran.command("session.start"))["type"] == "ack"
    ended = await fran.command("session.end")
    assert ended["type"] == "ack", ended
    attempts = [
        (asha, "note.edit", {"note": "evidence", "rev": 0, "opId": "late-1", "op": [0]}),
        (asha, "hand.raise", {"kind": "bogus"}),
        (fran, "clock.extend", {"seconds": "x"}),
        (fran, "clock.extend", {}),
        (fran, "clock.extend", {"seconds": 0}),
        (fran, "phase.goto", {"index": 1.5}),
    ]
    for client, name, fields in attempts:
        refused = await client.command(name, **fields)
        assert refused["type"] == "error" and refused["code"] == "session_ended", (name, fields, refused)
    assert await fran.seq() == ended["seq"]
    # Reading stays allowed after the end, and its own field checks still answer.
    missing = await asha.command("note.get")
    assert missing["type"] == "error" and missing["code"] == "bad_request" and "'note'" in missing["message"], missing
    for client in (fran, asha):
        await client.close()


@run
async def test_a_reviewers_malformed_change_is_still_bad_request(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    before = await asha.seq()
    refused = await asha.command("hand.raise", kind="bogus")
    assert refused["type"] == "error" and refused["code"] == "bad_request" and "bogus" in refused["message"], refused
    invalid = await asha.command("note.edit", note="evidence", rev=0, opId="a-1", op=[0])
    assert invalid["type"] == "error" and invalid["code"] == "invalid_op", invalid
    unknown = await asha.command("no.such.command")
    assert unknown["type"] == "error" and unknown["code"] == "bad_request", unknown
    assert await asha.seq() == before
    await asha.close()
