"""PROTOCOL.md §3.1, §3.4, §3.5: resuming, revoking, deleting, and a session after its end."""
from wsclient import Client, run


@run
async def test_resume_replays_exactly_the_missed_events_then_presence(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    epoch, seen = asha.welcome["epoch"], asha.welcome["seq"]
    await asha.close()

    assert (await fran.command("session.start"))["type"] == "ack"
    assert (await fran.command("clock.extend", seconds=120))["type"] == "ack"
    last = await fran.command("clock.pause")
    assert last["type"] == "ack" and last["seq"] == seen + 3, last
    missed = await fran.events(3)

    back = await Client.open(url)
    await back.send({"type": "hello", "token": session.tokens["Asha"], "resume": {"epoch": epoch, "after": seen}})
    resumed = await back.receive()
    assert resumed["type"] == "resumed", resumed
    assert resumed["epoch"] == epoch and resumed["seq"] == seen + 3 and isinstance(resumed["serverTime"], str), resumed
    replay = [await back.receive() for _ in range(3)]
    assert replay == missed
    presence = await back.receive()
    assert presence["type"] == "presence", presence
    assert set(presence["online"]) == {session.pids["Fran"], session.pids["Asha"]}, presence
    assert (await back.command("ping"))["seq"] == seen + 3
    await back.close()
    await fran.close()


@run
async def test_resume_from_a_middle_seq_replays_only_the_rest(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    middle = (await fran.event())["seq"]
    assert (await fran.command("clock.pause"))["type"] == "ack"
    rest = await fran.events(1)
    back = await Client.open(url)
    await back.send({"type": "hello", "token": session.tokens["Ben"], "resume": {"epoch": fran.welcome["epoch"], "after": middle}})
    assert (await back.receive())["type"] == "resumed"
    assert [await back.receive()] == rest
    assert (await back.receive())["type"] == "presence"
    await back.close()
    await fran.close()


@run
async def test_stale_epoch_or_future_seq_gets_a_fresh_welcome(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    seq = await fran.seq()
    for resume in ({"epoch": "stale-epoch", "after": 0}, {"epoch": fran.welcome["epoch"], "after": seq + 50}):
        client = await Client.open(url)
        await client.send({"type": "hello", "token": session.tokens["Asha"], "resume": resume})
        welcome = await client.receive()
        assert welcome["type"] == "welcome", (resume, welcome)
        assert welcome["epoch"] == fran.welcome["epoch"] and welcome["seq"] == seq
        assert welcome["session"]["clock"]["status"] == "live"
        await client.close()
    await fran.close()


@run
async def test_revoking_closes_the_participants_socket_4003(session):
    url = session.daemon.ws_url
    asha = await Client.join(url, session.tokens["Asha"])
    tab = await Client.join(url, session.tokens["Asha"])
    status, _ = session.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Asha']}")
    assert status == 204
    for client in (asha, tab):
        code, _ = await client.close_code()
        assert code == 4003
    again = await Client.open(url)
    await again.send({"type": "hello", "token": session.tokens["Asha"]})
    code, seen = await again.close_code()
    assert code == 4001, seen


@run
async def test_revoking_tells_the_others_participant_changed(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    status, _ = session.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Bilal']}")
    assert status == 204
    changed = await fran.event("participant.changed")
    ids = {p["id"] for p in changed["data"]["participants"]}
    assert session.pids["Bilal"] not in ids and session.pids["Asha"] in ids, changed
    await fran.close()


@run
async def test_deleting_the_session_closes_everyone_4004(session):
    url = session.daemon.ws_url
    clients = [await Client.join(url, session.tokens[name]) for name in ("Fran", "Asha", "Room")]
    status, _ = session.api("DELETE", f"/sessions/{session.id}")
    assert status == 204
    for client in clients:
        code, _ = await client.close_code()
        assert code == 4004
    again = await Client.open(url)
    await again.send({"type": "hello", "token": session.tokens["Asha"]})
    code, _ = await again.close_code()
    assert code == 4001


@run
async def test_after_session_end_every_change_is_session_ended(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    assert (await fran.command("session.start"))["type"] == "ack"
    ended = await fran.command("session.end")
    assert ended["type"] == "ack", ended
    end_event = await asha.expect(lambda m: m.get("type") == "event" and m["seq"] == ended["seq"])
    assert end_event["name"] == "clock.changed" and end_event["data"]["clock"]["status"] == "ended", end_event
    seq = ended["seq"]
    rev = next(n["rev"] for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")

    attempts = [
        (fran, "session.start", {}), (fran, "session.end", {}), (fran, "clock.extend", {"seconds": 60}),
        (fran, "clock.pause", {}), (fran, "phase.next", {}), (fran, "prompt.add", {"text": "Late"}),
        (asha, "hand.raise", {"kind": "contribution"}),
        (asha, "note.edit", {"note": "evidence", "rev": rev, "opId": "late-1", "op": ["late"]}),
    ]
    for client, name, fields in attempts:
        refused = await client.command(name, **fields)
        assert refused["type"] == "error" and refused["code"] == "session_ended", (name, refused)
    assert await fran.seq() == seq
    assert [e for e in asha.kept_events() if e["seq"] > seq] == []

    late = await Client.join(url, session.tokens["Bilal"])
    assert late.welcome["type"] == "welcome", late.welcome
    assert late.welcome["seq"] == seq and late.welcome["session"]["clock"]["status"] == "ended"
    for client in (fran, asha, late):
        await client.close()
