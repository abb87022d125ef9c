"""PROTOCOL.md §3.1, §3.5: a `hello` whose `resume.after` is too large to be a seq gets a fresh
`welcome`."""
import pytest

from wsclient import Client, run


@pytest.mark.parametrize("after", ["9007199254740993", "1000000000000000000", "9223372036854775807",
                                   "9223372036854775808", "100000000000000000000", "1e20", "1.0e300",
                                   # A seq is never negative: nothing to replay from either.
                                   "-1", "-9223372036854775807", "-9223372036854775808", "-1e30"])
@run
async def test_resume_after_that_is_no_seq_gets_a_fresh_welcome(session, after):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    seq = await fran.seq()
    client = await Client.open(url)
    await client.send('{"type":"hello","token":"%s","resume":{"epoch":"%s","after":%s}}'
                      % (session.tokens["Asha"], fran.welcome["epoch"], after))
    welcome = await client.receive()
    assert welcome["type"] == "welcome", welcome
    assert welcome["seq"] == seq and welcome["session"]["clock"]["status"] == "live", welcome
    await client.close()
    await fran.close()
