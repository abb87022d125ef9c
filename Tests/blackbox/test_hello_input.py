"""PROTOCOL.md §3.1, §3.4, §3.5: a `hello` whose `resume.after` is too large to be a seq gets a
fresh `welcome`; a malformed `hello` is closed with 4000 and a reason that says what was wrong;
a console `hello` with an empty facilitator token or session id is closed with 4001."""
import pytest

from wsclient import Client, Closed, run


async def close_with_reason(client):
    """Reads until the server closes; returns (close code, close reason, messages read before)."""
    seen = []
    while True:
        try:
            seen.append(await client.receive())
        except Closed as closed:
            return closed.code, closed.reason, seen


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


MALFORMED_HELLOS = [
    pytest.param('{"type":"hello"}', "'token'", id="no-token"),
    pytest.param('{"type":"hello","token":123}', "'token' as a string, got a number", id="token-number"),
    pytest.param('{"type":"hello","token":"t","client":5}', "'client' as a string, got a number", id="client-number"),
    pytest.param('{"type":"hello","token":"t","resume":"x"}', "'resume' as an object", id="resume-string"),
    pytest.param('{"type":"hello","token":"t","resume":{"epoch":"x"}}', "'after'", id="resume-no-after"),
    pytest.param('{"type":"hello","token":"t","resume":{"epoch":5,"after":1}}', "'epoch' as a string", id="epoch-number"),
    pytest.param('{"type":"hello","token":"t","resume":{"epoch":"x","after":1.5}}', "'after' as an integer, got 1.5",
                 id="after-fraction"),
    pytest.param('{"type":"hello","facilitatorToken":"t"}', "'session'", id="facilitator-no-session"),
    pytest.param('{"type":"hello","facilitatorToken":5,"session":"s_x"}', "'facilitatorToken' as a string, got a number",
                 id="facilitator-token-number"),
    pytest.param('{"type":"hello","facilitatorToken":"t","session":5}', "'session' as a string, got a number",
                 id="session-number"),
    pytest.param('{"type":"hello","token":"t","resume":{}}', "needs 'epoch'", id="resume-empty"),
    pytest.param('{"type":"hello","token":"t","resume":{"after":1}}', "needs 'epoch'", id="resume-no-epoch"),
    pytest.param('{"type":"ping","id":1}', "the first message must be a hello", id="not-a-hello"),
    pytest.param('[1]', "must be a JSON object", id="array"),
]


@pytest.mark.parametrize("raw, says", MALFORMED_HELLOS)
@run
async def test_malformed_hello_closes_4000_saying_what_was_wrong(session, raw, says):
    client = await Client.open(session.daemon.ws_url)
    await client.send(raw)
    code, reason, seen = await close_with_reason(client)
    assert code == 4000, (code, reason, seen)
    assert says in reason, reason
    assert len(reason.encode()) <= 123, reason
    assert not any(m.get("type") in ("welcome", "resumed") for m in seen), seen


@pytest.mark.parametrize("empty", ["facilitatorToken", "session"])
@run
async def test_a_console_hello_with_an_empty_token_or_session_closes_4001(session, empty):
    """§3.5: an empty token is 4001; otherwise a console with a blank token or session id could join some session."""
    hello = {"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id, empty: ""}
    client = await Client.open(session.daemon.ws_url)
    await client.send(hello)
    code, reason, seen = await close_with_reason(client)
    assert code == 4001, (code, reason, seen)
    assert [(m.get("type"), m.get("code")) for m in seen] == [("error", "unauthorized")], seen
