"""Who made a change (a ReviewRoom extension of PROTOCOL.md §3.2, in SessionRules): an event
caused by someone's command or API request carries `by` in its envelope, their participant id;
one the server made by itself (time-up, the advance after it) carries none; `note.op` keeps its
`by` in `data` only. Replays (resume, and resume after a `kill -9` restart) carry the same `by`,
because it is read from the stored event's author."""
import datetime

from wsclient import Client, run

ADVANCING = [
    {"title": "Welcome", "kind": "briefing", "durationSec": 600, "turnMode": "open", "onTimeUp": "advance"},
    {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "onTimeUp": "overtime"},
]


async def event_at(client, seq):
    """The event `seq` as `client` received it."""
    return await client.expect(lambda m: m.get("type") == "event" and m.get("seq") == seq)


async def acked(client, name, **fields):
    """The seq of the last event of `client`'s command `name`, which must be acknowledged."""
    ack = await client.command(name, **fields)
    assert ack["type"] == "ack", ack
    return ack["seq"]


def invite(session, name, role):
    status, invited = session.api("POST", f"/sessions/{session.id}/participants", {"name": name, "role": role})
    assert status == 201, invited
    return invited


@run
async def test_each_event_names_who_made_it_and_a_resume_replays_the_same(session):
    cy = invite(session, "Cy", "facilitator")
    console = await Client.console(session)
    fran_pid = console.welcome["you"]["id"]
    co = await Client.join(session.daemon.ws_url, cy["token"])
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    epoch, start_seq = asha.welcome["epoch"], asha.welcome["seq"]

    started = await event_at(asha, await acked(console, "session.start"))
    assert started["name"] == "clock.changed" and started.get("by") == fran_pid, started
    assert "by" not in started["data"], started

    moved_seq = await acked(co, "phase.next", phase=0)
    moved = await asha.expect(lambda m: m.get("name") == "clock.changed" and m.get("seq", 0) <= moved_seq)
    assert moved["data"]["clock"]["phase"] == 1 and moved.get("by") == cy["participant"]["id"], moved

    hand = await event_at(co, await acked(asha, "hand.raise", kind="contribution"))
    assert hand["name"] == "floor.changed" and hand.get("by") == session.pids["Asha"], hand

    rev = next(n["rev"] for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")
    op = await event_at(co, await acked(asha, "note.edit", note="evidence", rev=rev, opId="by-1", op=["Seen."]))
    assert op["name"] == "note.op" and "by" not in op and op["data"]["by"] == session.pids["Asha"], op

    assert session.api("PATCH", f"/sessions/{session.id}", {"title": "Renamed by Fran"})[0] == 200
    renamed = await co.event("session.changed")
    assert renamed.get("by") == fran_pid, renamed

    live = [m for m in co.kept_events() if m["seq"] > start_seq] + [started, moved, hand, op, renamed]
    live = sorted({m["seq"]: m for m in live}.values(), key=lambda m: m["seq"])
    back = await Client.open(session.daemon.ws_url)
    await back.send({"type": "hello", "token": session.tokens["Bilal"], "resume": {"epoch": epoch, "after": start_seq}})
    assert (await back.receive())["type"] == "resumed"
    replayed = [await back.event() for _ in range(renamed["seq"] - start_seq)]
    by_seq = {m["seq"]: m for m in replayed}
    for event in live:
        assert by_seq[event["seq"]].get("by") == event.get("by"), (by_seq[event["seq"]], event)
    for client in (console, co, asha, back):
        await client.close()


@run
async def test_the_servers_own_moves_carry_no_by_and_by_survives_a_kill_9(own_daemon):
    daemon = own_daemon()
    maker = daemon.add_facilitator("Fran")
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", maker["token"], {
        "title": "Timed", "hostSchool": "Northfield Primary", "focus": "Who moved it?",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "agenda": ADVANCING, "participants": [{"name": "Cy", "role": "facilitator"}, {"name": "Asha", "role": "reviewer"}]})
    assert status == 201, created
    tokens = {i["participant"]["name"]: i["token"] for i in created["invites"]}
    pids = {i["participant"]["name"]: i["participant"]["id"] for i in created["invites"]}
    co = await Client.join(daemon.ws_url, tokens["Cy"])
    asha = await Client.join(daemon.ws_url, tokens["Asha"])
    epoch, start_seq = asha.welcome["epoch"], asha.welcome["seq"]
    assert (await co.command("session.start"))["type"] == "ack"
    # Cy takes the first phase's time away: its time-up, and the advance after it, are the server's.
    assert (await co.command("clock.extend", seconds=-599.9, phase=0))["type"] == "ack"
    shortened = [await asha.event("clock.changed") for _ in range(2)][1]
    assert shortened.get("by") == pids["Cy"], shortened
    time_up = await asha.event("clock.timeUp")
    advanced = await asha.event("clock.changed")
    assert advanced["data"]["clock"]["phase"] == 1, advanced
    assert "by" not in time_up and "by" not in advanced, (time_up, advanced)
    last = advanced["seq"]

    daemon.kill()
    daemon.start(daemon.port)
    back = await Client.open(daemon.ws_url)
    await back.send({"type": "hello", "token": tokens["Asha"], "resume": {"epoch": epoch, "after": start_seq}})
    assert (await back.receive())["type"] == "resumed"
    replayed = {m["seq"]: m for m in [await back.event() for _ in range(last - start_seq)]}
    assert replayed[shortened["seq"]].get("by") == pids["Cy"], replayed
    assert "by" not in replayed[advanced["seq"]] and "by" not in replayed[time_up["seq"]], replayed
    await back.close()
