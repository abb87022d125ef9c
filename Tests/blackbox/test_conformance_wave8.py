"""PROTOCOL.md §3.4, §3.5, found by the wave-8 conformance audit: ill-ranged numbers in commands
are refused as `bad_request` and change nothing, whatever their size, and the daemon keeps serving."""
import pytest

from wsclient import Client, run


HUGE_NUMBERS = [
    pytest.param("clock.extend", '"seconds":1e300', id="extend-1e300"),
    pytest.param("clock.extend", '"seconds":-1e17', id="extend-minus-1e17"),
    pytest.param("floor.grant", '"participant":"ASHA","turnSec":-1e300', id="grant-turn-minus-1e300"),
    pytest.param("floor.next", '"turnSec":1e300', id="next-turn-1e300"),
    pytest.param("round.start", '"secondsEach":1e19', id="round-seconds-1e19"),
]


@pytest.mark.parametrize("name, fields", HUGE_NUMBERS)
@run
async def test_a_number_far_out_of_range_is_bad_request_and_the_daemon_stays_up(session, name, fields):
    """§3.5: ill-typed or ill-ranged fields get `bad_request`, nothing changes, the connection
    stays open (a number beyond Int64 milliseconds used to crash the whole daemon)."""
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    seq = await fran.seq()
    await fran.send('{"type":"%s","id":99,%s}' % (name, fields.replace("ASHA", session.pids["Asha"])))
    refused = await fran.reply(99)
    assert refused["type"] == "error" and refused["code"] == "bad_request", refused
    assert "out of range" in refused["message"], refused
    assert await fran.seq() == seq
    assert session.daemon.process.poll() is None
    await fran.close()
