"""PROTOCOL.md §3.1 and §3.4: the upgrade, `hello` → `welcome`, and the ways a join is refused."""
import datetime
import json

import pytest
from websockets.exceptions import InvalidHandshake

from wsclient import Client, apply_op, run  # noqa: F401

SNAPSHOT_KEYS = {"id", "title", "hostSchool", "focus", "startsAt", "timeZone", "agenda", "clock", "floor",
                 "prompts", "notes", "participants"}


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@run
async def test_hello_gets_welcome_with_snapshot(session):
    client = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    welcome = client.welcome
    assert welcome["type"] == "welcome", welcome
    assert welcome["protocol"] == 1
    assert isinstance(welcome["epoch"], str) and welcome["epoch"]
    assert isinstance(welcome["seq"], int) and welcome["seq"] >= 0
    assert parse_time(welcome["serverTime"]).tzinfo is not None
    assert welcome["you"] == {"id": session.pids["Asha"], "name": "Asha", "role": "reviewer"}
    snapshot = welcome["session"]
    assert SNAPSHOT_KEYS <= set(snapshot), sorted(SNAPSHOT_KEYS - set(snapshot))
    assert snapshot["id"] == session.id
    assert [phase["title"] for phase in snapshot["agenda"]] == ["Welcome", "Questions", "Actions"]
    for phase in snapshot["agenda"]:
        assert {"id", "title", "kind", "durationSec", "turnMode", "onTimeUp", "prompts"} <= set(phase), phase
    assert {"status", "phase", "phaseStartedAt", "durationSec", "elapsedSec", "remainingSec", "endsAt"} <= set(snapshot["clock"])
    assert snapshot["clock"]["status"] == "lobby", snapshot["clock"]
    assert snapshot["clock"]["endsAt"] is None
    assert {"mode", "speaker", "since", "turnEndsAt", "queue", "round", "spokenSec"} <= set(snapshot["floor"])
    assert {"deck", "current", "discussed"} <= set(snapshot["prompts"])
    assert [p["text"] for p in snapshot["prompts"]["deck"]] == ["What do pupils read at home?", "Who chooses the class reader?"]
    assert [n["id"] for n in snapshot["notes"]] == ["evidence", "went-well", "even-better-if", "questions", "actions"]
    for note in snapshot["notes"]:
        assert {"id", "title", "rev", "text"} <= set(note), note
    people = {p["id"]: p for p in snapshot["participants"]}
    assert set(people) == set(session.pids.values())
    for person in people.values():
        assert {"id", "name", "role", "online"} <= set(person)
        assert person["online"] is (person["id"] == session.pids["Asha"]), person
    await client.close()


@run
async def test_facilitator_token_hello_joins_as_own_participant(session):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id})
    welcome = await client.receive()
    assert welcome["type"] == "welcome", welcome
    assert welcome["you"]["role"] == "facilitator"
    assert welcome["you"]["id"] == session.pids["Fran"]
    await client.close()


@run
async def test_facilitator_token_for_unknown_session_closes_4001(session):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": "s_nope"})
    refused = await client.receive()
    # The token is fine: the answer must not tell the facilitator only that it is unknown.
    assert refused["type"] == "error" and refused["code"] == "unauthorized", refused
    assert "session does not exist" in refused["message"], refused
    code, _ = await client.close_code()
    assert code == 4001


@pytest.mark.parametrize("offered", [["reviewroom.v2"], ["chat", "json"]])
@run
async def test_other_subprotocol_is_refused_at_upgrade(session, offered):
    try:
        client = await Client.open(session.daemon.ws_url, subprotocols=offered)
    except InvalidHandshake:
        return
    chosen = client.ws.subprotocol
    await client.close()
    pytest.fail(f"the upgrade offering {offered} was accepted (subprotocol {chosen!r})")


@run
async def test_no_subprotocol_is_refused_at_upgrade(session):
    try:
        client = await Client.open(session.daemon.ws_url, subprotocols=())
    except InvalidHandshake:
        return
    await client.close()
    pytest.fail("an upgrade offering no subprotocol was accepted")


@pytest.mark.parametrize("token", ["rr_unknown_token_0000000000", ""])
@run
async def test_unknown_token_closes_4001(session, token):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "hello", "token": token})
    code, _ = await client.close_code()
    assert code == 4001


@run
async def test_first_message_not_hello_closes_4000(session):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "ping", "id": 1})
    code, seen = await client.close_code()
    assert code == 4000, seen
    assert not any(m.get("type") in ("welcome", "ack") for m in seen), seen


@run
async def test_hello_over_4_kib_closes_1009(session):
    client = await Client.open(session.daemon.ws_url)
    await client.send({"type": "hello", "token": session.tokens["Asha"], "client": "x" * 4200})
    code, seen = await client.close_code()
    assert code == 1009, seen
    assert not any(m.get("type") == "welcome" for m in seen), seen


@run
async def test_binary_frame_closes_1003(session):
    client = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    assert client.welcome["type"] == "welcome"
    await client.send(json.dumps({"type": "ping", "id": 1}).encode())
    code, seen = await client.close_code()
    assert code == 1003, seen
    assert not any(m.get("type") == "ack" for m in seen), seen
