"""RFC 8259 leaves an object with a repeated member name to each parser; I-JSON (RFC 7493 §2.3)
forbids it. The daemon used to let the last one win, so a client (or a proxy that checked the
first) and the daemon could read one message two ways. Now, at any depth: a command is answered
`error` `bad_request` naming the name (the connection stays open, nothing changes, PROTOCOL.md
§3.5), a `hello` is closed with 4000 like any malformed hello, and an HTTP body is a 400
problem+json naming it."""
import json
import urllib.request

import pytest

from test_hello_input import close_with_reason
from wsclient import Client, run

REPEATED_COMMANDS = [
    # The second `type` would have started the session.
    pytest.param('{"type":"ping","id":7,"type":"session.start"}', "type", 7, id="type"),
    pytest.param('{"type":"ping","id":7,"\\u0074ype":"session.start"}', "type", 7, id="escaped-type"),
    pytest.param('{"type":"prompt.add","id":7,"text":"one","text":"two"}', "text", 7, id="field"),
    pytest.param('{"type":"ping","id":7,"extra":{"a":1,"b":{"c":1,"c":2}}}', "c", 7, id="nested"),
    # Which id the error would echo is unknowable: none.
    pytest.param('{"type":"ping","id":7,"id":8}', "id", None, id="id"),
]


@pytest.mark.parametrize("raw, name, echoed", REPEATED_COMMANDS)
@run
async def test_a_command_repeating_a_name_is_bad_request_and_changes_nothing(session, raw, name, echoed):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    seq = await fran.seq()
    await fran.send(raw)
    error = await fran.expect(lambda m: m.get("type") == "error")
    assert error["code"] == "bad_request" and error["id"] == echoed, error
    assert f"'{name}' appears twice" in error["message"], error
    # Still open, and nothing happened: no event, the clock still scheduled.
    assert await fran.seq() == seq
    assert fran.kept_events() == []
    status, fetched = session.api("GET", f"/sessions/{session.id}")
    assert status == 200 and fetched["status"] != "live" and len(fetched["prompts"]["deck"]) == 2, fetched
    await fran.close()


@pytest.mark.parametrize("template", [
    '{"type":"hello","token":"%s","token":"%s"}',
    '{"type":"hello","token":"%s","client":"a","client":"b","x":"%s"}',
    '{"type":"hello","token":"%s","resume":{"epoch":"e","epoch":"f","after":0},"x":"%s"}',
], ids=["token", "client", "resume-epoch"])
@run
async def test_a_hello_repeating_a_name_is_closed_4000_like_any_malformed_hello(session, template):
    token = session.tokens["Asha"]
    client = await Client.open(session.daemon.ws_url)
    await client.send(template % (token, token))
    code, reason, seen = await close_with_reason(client)
    assert code == 4000 and "appears twice" in reason and seen == [], (code, reason, seen)


def post_raw(daemon, path, token, raw, method="POST"):
    request = urllib.request.Request(daemon.base + "/api/v1" + path, data=raw.encode(), method=method,
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers.get("Content-Type"), json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type"), json.loads(error.read())


def assert_names_repeated(answer, name):
    status, content_type, problem = answer
    assert status == 400 and content_type == "application/problem+json", answer
    assert set(problem) >= {"type", "title", "status", "detail"}, problem
    assert f"'{name}' appears twice" in problem["detail"], problem


def test_a_new_session_body_repeating_a_name_is_400_and_creates_nothing(session):
    token = session.facilitator_token
    status, before = session.api("GET", "/sessions")
    body = ('{"title":"One","title":"Two","hostSchool":"H","startsAt":"2030-12-01T09:30:00Z",'
            '"template":"rapid-remote-90"}')
    assert_names_repeated(post_raw(session.daemon, "/sessions", token, body), "title")
    nested = ('{"title":"One","hostSchool":"H","startsAt":"2030-12-01T09:30:00Z","agenda":'
              '[{"title":"A","kind":"briefing","durationSec":60,"durationSec":6000}]}')
    assert_names_repeated(post_raw(session.daemon, "/sessions", token, nested), "durationSec")
    assert session.api("GET", "/sessions") == (status, before)


def test_a_patch_or_invite_repeating_a_name_is_400_and_changes_nothing(session):
    token = session.facilitator_token
    status, before = session.api("GET", f"/sessions/{session.id}")
    patch = '{"title":"Renamed","prompts":[{"text":"a","theme":"x","theme":"y"}]}'
    assert_names_repeated(post_raw(session.daemon, f"/sessions/{session.id}", token, patch, method="PATCH"), "theme")
    invite = '{"name":"Zed","role":"observer","role":"facilitator"}'
    assert_names_repeated(post_raw(session.daemon, f"/sessions/{session.id}/participants", token, invite), "role")
    assert session.api("GET", f"/sessions/{session.id}") == (status, before)


@run
async def test_a_hello_with_both_kinds_of_token_is_closed_4000(session):
    """PROTOCOL.md §3.1: a hello carries an invite `token` or a `facilitatorToken` with its
    `session`. One with both used to join with the invite token, the facilitator's ignored."""
    client = await Client.open(session.daemon.ws_url)
    await client.send(json.dumps({"type": "hello", "token": session.tokens["Asha"],
                                  "facilitatorToken": session.facilitator_token, "session": session.id}))
    code, reason, seen = await close_with_reason(client)
    assert code == 4000 and "not both" in reason and seen == [], (code, reason, seen)
    # Each on its own still joins.
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    assert asha.welcome["type"] == "welcome", asha.welcome
    await asha.close()
