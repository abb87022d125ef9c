"""PROTOCOL.md §3.2 and §3.5: commands, acks, events in seq order, roles, floor rules, malformed input."""
import datetime

import pytest

from wsclient import Client, run

ROOM = ["Fran", "Asha", "Bilal", "Ben", "Olu", "Room"]


async def join_all(session, names=ROOM):
    clients = {}
    for name in names:
        client = await Client.join(session.daemon.ws_url, session.tokens[name])
        assert client.welcome["type"] == "welcome", client.welcome
        clients[name] = client
    return clients


async def close_all(clients):
    for client in clients.values():
        await client.close()


@run
async def test_facilitator_commands_reach_everyone_in_seq_order(session):
    clients = await join_all(session)
    fran = clients["Fran"]
    start = fran.welcome["seq"]

    started = await fran.command("session.start")
    assert started["type"] == "ack", started
    assert started["seq"] == start + 1
    advanced = await fran.command("phase.next")
    assert advanced["type"] == "ack", advanced
    assert advanced["seq"] == start + 3
    extended = await fran.command("clock.extend", seconds=60)
    assert extended["type"] == "ack", extended
    assert extended["seq"] == start + 4

    seen = {}
    for name, client in clients.items():
        events = await client.events(4)
        assert [e["seq"] for e in events] == [start + 1, start + 2, start + 3, start + 4], (name, events)
        for event in events:
            assert set(event) >= {"type", "seq", "at", "name", "data"}, event
        seen[name] = [(e["seq"], e["name"], e["data"]) for e in events]
    assert all(events == seen["Fran"] for events in seen.values()), "participants saw different events"

    names = [name for _, name, _ in seen["Fran"]]
    assert names[0] == "clock.changed" and names[3] == "clock.changed"
    assert sorted(names[1:3]) == ["clock.changed", "floor.changed"], names
    live = seen["Fran"][0][2]["clock"]
    assert live["status"] == "live" and live["phase"] == 0 and live["endsAt"] is not None, live
    phase_clock = next(data["clock"] for _, name, data in seen["Fran"][1:3] if name == "clock.changed")
    assert phase_clock["phase"] == 1 and phase_clock["durationSec"] == 900, phase_clock
    floor = next(data["floor"] for _, name, data in seen["Fran"][1:3] if name == "floor.changed")
    assert floor["mode"] == "queue", floor
    longer = seen["Fran"][3][2]["clock"]
    assert longer["phase"] == 1 and longer["durationSec"] == 960, longer
    await close_all(clients)


@run
async def test_reviewer_session_start_is_forbidden_and_changes_nothing(session):
    clients = await join_all(session, ["Fran", "Asha"])
    asha = clients["Asha"]
    before = await asha.seq()
    refused = await asha.command("session.start")
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert isinstance(refused["message"], str) and refused["message"]
    assert await asha.seq() == before
    assert await clients["Fran"].seq() == before
    assert clients["Fran"].kept_events() == [] and asha.kept_events() == []
    bilal = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    snapshot = bilal.welcome["session"]
    await bilal.close()
    assert snapshot["clock"]["status"] == "lobby", snapshot["clock"]
    await close_all(clients)


@run
async def test_observer_note_edit_is_forbidden(session):
    olu = await Client.join(session.daemon.ws_url, session.tokens["Olu"])
    rev = next(n["rev"] for n in olu.welcome["session"]["notes"] if n["id"] == "evidence")
    before = await olu.seq()
    refused = await olu.command("note.edit", note="evidence", rev=rev, opId="olu-1", op=["observed"])
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert await olu.seq() == before
    got = await olu.command("note.get", note="evidence")
    assert got["type"] == "ack" and got["note"]["rev"] == rev and got["note"]["text"] == "", got
    await olu.close()


@run
async def test_response_hands_go_before_contributions_and_raising_twice_changes_nothing(session):
    clients = await join_all(session, ["Fran", "Asha", "Bilal"])
    asha, bilal = clients["Asha"], clients["Bilal"]
    raised = await asha.command("hand.raise", kind="contribution")
    assert raised["type"] == "ack", raised
    first = await asha.event("floor.changed")
    assert [(q["participant"], q["kind"]) for q in first["data"]["floor"]["queue"]] == [(session.pids["Asha"], "contribution")]
    responded = await bilal.command("hand.raise", kind="response")
    assert responded["type"] == "ack", responded
    second = await asha.event("floor.changed")
    queue = second["data"]["floor"]["queue"]
    assert [(q["participant"], q["kind"]) for q in queue] == [
        (session.pids["Bilal"], "response"), (session.pids["Asha"], "contribution")], queue
    for entry in queue:
        assert set(entry) >= {"participant", "kind", "raisedAt"}, entry
    assert second["seq"] == first["seq"] + 1

    again = await asha.command("hand.raise", kind="contribution")
    assert again["type"] == "ack", again
    assert again["seq"] == second["seq"]
    assert await clients["Fran"].seq() == second["seq"]
    fran_floor = [e for e in clients["Fran"].kept_events() if e["name"] == "floor.changed"]
    assert [e["seq"] for e in fran_floor] == [first["seq"], second["seq"]]
    await close_all(clients)


@run
async def test_display_cannot_raise_a_hand(session):
    room = await Client.join(session.daemon.ws_url, session.tokens["Room"])
    before = await room.seq()
    refused = await room.command("hand.raise", kind="contribution")
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert await room.seq() == before
    await room.close()


@run
async def test_ping_ack_has_server_time_and_current_seq(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    ack = await asha.command("ping")
    assert ack["type"] == "ack" and ack["id"] == 1, ack
    assert ack["seq"] == asha.welcome["seq"]
    assert datetime.datetime.fromisoformat(ack["serverTime"].replace("Z", "+00:00")).tzinfo is not None
    await asha.close()


@run
async def test_signal_reaches_the_others_as_ephemeral(session):
    clients = await join_all(session, ["Fran", "Asha", "Olu", "Room"])
    before = await clients["Asha"].seq()
    ack = await clients["Asha"].command("signal", kind="slower")
    assert ack["type"] == "ack", ack
    assert ack["seq"] == before
    for name in ("Fran", "Olu", "Room"):
        signal = await clients[name].expect(lambda m: m.get("type") == "signal")
        assert signal == {"type": "signal", "by": session.pids["Asha"], "kind": "slower"}, (name, signal)
    refused = await clients["Room"].command("signal", kind="agree")
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    await close_all(clients)


MALFORMED = [
    pytest.param("not json at all", None, id="not-json"),
    pytest.param("[1, 2, 3]", None, id="array"),
    pytest.param('{"type": "ping"}', None, id="missing-id"),
    pytest.param('{"type": "no.such.command", "id": 41}', 41, id="unknown-type"),
    pytest.param('{"type": "clock.extend", "id": 42, "seconds": "30"}', 42, id="string-seconds"),
]


@pytest.mark.parametrize("raw, expected_id", MALFORMED)
@run
async def test_malformed_message_is_bad_request_and_connection_stays_open(session, raw, expected_id):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    before = fran.welcome["seq"]
    await fran.send(raw)
    error = await fran.expect(lambda m: m.get("type") == "error")
    assert error["code"] == "bad_request", error
    assert "id" in error and error["id"] == expected_id, error
    assert isinstance(error["message"], str) and error["message"]
    fran.next_id = 100
    assert await fran.seq() == before
    await fran.close()
