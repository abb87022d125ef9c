"""A clock pause stops a timed turn too (SessionRules.md, "Server-timed events"): the resume
moves `turnEndsAt` on by the time the clock stood paused, in a `floor.changed` after the
resume's `clock.changed`; the ack's seq is that last event. No wall time is waited for: the
deadlines are checked from the events' own instants."""
import datetime

from conftest import schedule_session
from wsclient import Client, run


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


async def pause_a_timed_turn(fran, participant, turn_sec):
    """Starts the session, gives `participant` a timed turn and pauses: (the turn's floor, the
    pause's clock.changed event)."""
    assert (await fran.command("session.start"))["type"] == "ack"
    granted = await fran.command("floor.grant", participant=participant, turnSec=turn_sec)
    assert granted["type"] == "ack", granted
    turn = (await fran.expect(lambda m: m.get("seq") == granted["seq"]))["data"]["floor"]
    paused = await fran.command("clock.pause")
    assert paused["type"] == "ack", paused
    return turn, await fran.expect(lambda m: m.get("seq") == paused["seq"])


async def resume_after(fran, pause):
    """Resumes once the server's clock has passed the pause's millisecond (a resume within it
    has nothing to move; a ping or two on loopback): (the ack, the events it caused)."""
    while instant((await fran.command("ping"))["serverTime"]) <= instant(pause["at"]):
        pass
    resumed = await fran.command("clock.resume")
    assert resumed["type"] == "ack", resumed
    caused = [await fran.expect(lambda m, s=s: m.get("seq") == s) for s in range(pause["seq"] + 1, resumed["seq"] + 1)]
    return resumed, caused


@run
async def test_the_resume_moves_a_timed_turns_end_by_the_pause(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    turn, pause = await pause_a_timed_turn(fran, session.pids["Asha"], 600)
    resumed, caused = await resume_after(fran, pause)
    assert [e["name"] for e in caused] == ["clock.changed", "floor.changed"]
    assert resumed["seq"] == caused[-1]["seq"]
    assert caused[0]["data"]["clock"]["status"] == "live"
    moved = caused[1]["data"]["floor"]
    stood = instant(caused[0]["at"]) - instant(pause["at"])
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


def test_a_turn_paused_before_a_kill_9_still_resumes_with_what_was_left(own_daemon):
    """The pause and the turn it stopped are rebuilt from the store after SIGKILL: the resume on
    the restarted daemon moves the deadline by the whole pause, the daemon's outage included."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Fire alarm", "Pauses")

    async def before_crash():
        fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
        return await pause_a_timed_turn(fran, session.pids["Asha"], 300)

    turn, pause = run(before_crash)()
    daemon.crash_restart()

    async def after_crash():
        fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
        assert fran.welcome["session"]["clock"]["status"] == "paused"
        assert fran.welcome["session"]["floor"] == turn
        resumed, caused = await resume_after(fran, pause)
        assert [e["name"] for e in caused] == ["clock.changed", "floor.changed"]
        stood = instant(caused[0]["at"]) - instant(pause["at"])
        assert instant(caused[1]["data"]["floor"]["turnEndsAt"]) == instant(turn["turnEndsAt"]) + stood
        await fran.close()

    run(after_crash)()
