"""Discrepancies with PROTOCOL.md §3 (WebSocket) found by the WebSocket conformance audit, each
checked from outside with real clients."""
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
