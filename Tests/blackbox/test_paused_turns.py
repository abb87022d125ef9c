"""A clock pause stops a timed turn too (SessionRules.md, "Server-timed events"): the resume
moves `turnEndsAt` on by the time the clock stood paused, in a `floor.changed` after the
resume's `clock.changed`; the ack's seq is that last event. No wall time is waited for: the
deadlines are checked from the events' own instants."""
import datetime

from wsclient import Client, run


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


@run
async def test_the_resume_moves_a_timed_turns_end_by_the_pause(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    granted = await fran.command("floor.grant", participant=session.pids["Asha"], turnSec=600)
    assert granted["type"] == "ack", granted
    turn = (await fran.expect(lambda m: m.get("seq") == granted["seq"]))["data"]["floor"]
    paused = await fran.command("clock.pause")
    assert paused["type"] == "ack", paused
    pause = await fran.expect(lambda m: m.get("seq") == paused["seq"])
    # A resume within the pause's own millisecond has nothing to move: let the server's clock
    # pass it (a ping or two on loopback).
    while instant((await fran.command("ping"))["serverTime"]) <= instant(pause["at"]):
        pass
    resumed = await fran.command("clock.resume")
    assert resumed["type"] == "ack" and resumed["seq"] == paused["seq"] + 2, resumed
    clock_event, floor_event = [await fran.expect(lambda m, s=s: m.get("seq") == s)
                                for s in (paused["seq"] + 1, paused["seq"] + 2)]
    assert (clock_event["name"], floor_event["name"]) == ("clock.changed", "floor.changed")
    assert clock_event["data"]["clock"]["status"] == "live"
    moved = floor_event["data"]["floor"]
    stood = instant(clock_event["at"]) - instant(pause["at"])
    assert instant(moved["turnEndsAt"]) == instant(turn["turnEndsAt"]) + stood
    assert (moved["speaker"], moved["since"]) == (turn["speaker"], turn["since"])
    # A resume with no timed turn waiting changes the clock alone.
    assert (await fran.command("floor.release"))["type"] == "ack"
    assert (await fran.command("clock.pause"))["type"] == "ack"
    again = await fran.command("clock.resume")
    assert again["type"] == "ack", again
    only = await fran.expect(lambda m: m.get("seq") == again["seq"])
    assert only["name"] == "clock.changed"
    assert await fran.seq() == again["seq"]
    await fran.close()
