"""Discrepancies with PROTOCOL.md found by the wave-8 conformance audit, each checked from outside:
ill-ranged numbers of any size are `bad_request` and the daemon keeps serving (§3.5); a PATCH's
`clock.changed` shows the lobby as a welcome does (§3.2, §3.5); ids are URL-safe and times RFC
3339 UTC (preamble); an opId with a lone surrogate is no repeat of another (§3.3)."""
import pytest

from conftest import AGENDA
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


@run
async def test_a_patch_before_the_start_tells_the_lobby_clock_as_a_welcome_shows_it(session):
    """§3.2: applying events in order rebuilds the snapshot; §3.5: `status` is computed when
    asked. A `PATCH` of the first phase in an open lobby sends `clock.changed` with status
    `lobby` (it used to say `scheduled`), and the session still starts afterwards."""
    url = session.daemon.ws_url
    asha = await Client.join(url, session.tokens["Asha"])
    assert asha.welcome["session"]["clock"]["status"] == "lobby", asha.welcome
    agenda = [dict(phase) for phase in AGENDA]
    agenda[0]["durationSec"] = 300
    status, _ = session.api("PATCH", f"/sessions/{session.id}", {"agenda": agenda})
    assert status == 200
    changed = await asha.event("clock.changed")
    assert changed["data"]["clock"]["status"] == "lobby", changed
    assert changed["data"]["clock"]["durationSec"] == 300, changed
    ben = await Client.join(url, session.tokens["Ben"])
    assert ben.welcome["session"]["clock"] == changed["data"]["clock"], (ben.welcome, changed)
    fran = await Client.join(url, session.tokens["Fran"])
    started = await fran.command("session.start")
    assert started["type"] == "ack" and started["seq"] == changed["seq"] + 1, started
    clock = (await asha.event("clock.changed"))["data"]["clock"]
    assert clock["status"] == "live" and clock["durationSec"] == 300, clock
    for client in (asha, ben, fran):
        await client.close()


def scheduled_body(**changes):
    """A `POST /api/v1/sessions` body with `changes` applied."""
    body = {"title": "Ids", "hostSchool": "Northfield Primary", "startsAt": "2030-01-01T09:00:00Z",
            "timeZone": "Europe/London", "agenda": AGENDA}
    body.update(changes)
    return body


@pytest.mark.parametrize("prompt_id", ["my prompt", "a/b", "é", "q?1", "x#y"])
def test_a_prompt_id_that_is_not_url_safe_is_refused(daemon, facilitator, prompt_id):
    """Preamble: "All ids are opaque, URL-safe strings." A client-given prompt id is checked
    as a note id is (it used to be taken as sent, spaces and slashes included)."""
    token = facilitator["token"]
    _, before = daemon.api("GET", "/sessions", token)
    status, problem = daemon.api("POST", "/sessions", token, scheduled_body(prompts=[{"text": "Why?", "id": prompt_id}]))
    assert status == 400, (status, problem)
    assert "prompts[0].id" in problem["detail"] and prompt_id in problem["detail"], problem
    _, after = daemon.api("GET", "/sessions", token)
    assert len(after) == len(before)
    status, created = daemon.api("POST", "/sessions", token, scheduled_body(prompts=[{"text": "Why?", "id": "why-1"}]))
    assert status == 201 and created["session"]["prompts"]["deck"][0]["id"] == "why-1", created
    session_id = created["session"]["id"]
    status, problem = daemon.api("PATCH", f"/sessions/{session_id}", token, {"prompts": [{"text": "How?", "id": prompt_id}]})
    assert status == 400 and "prompts[0].id" in problem["detail"], (status, problem)
    _, unchanged = daemon.api("GET", f"/sessions/{session_id}", token)
    assert unchanged["prompts"] == created["session"]["prompts"], unchanged


@run
async def test_an_op_id_with_a_lone_surrogate_is_bad_request_not_a_repeat(session):
    """§3.3: a repeated opId is not applied again, and only a repeated one. `"\\uD800"` and
    `"\\uDC00"` are different ids that used to both read as U+FFFD, so the second edit was acked
    as a repeat and silently dropped; an id that is no Unicode text is now `bad_request`
    (§3.5, ill-typed field) and changes nothing, while a real U+FFFD stays a valid id."""
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    seq = await asha.seq()
    for command_id, literal, text in ((201, "\\ud800", "a"), (202, "\\udc00", "b"), (203, "x\\ud83d", "c")):
        await asha.send('{"type":"note.edit","id":%d,"note":"evidence","rev":0,"opId":"%s","op":["%s"]}'
                        % (command_id, literal, text))
        refused = await asha.reply(command_id)
        assert refused["type"] == "error" and refused["code"] == "bad_request", refused
        assert "opId" in refused["message"] and "surrogate" in refused["message"], refused
    assert await asha.seq() == seq
    await asha.send('{"type":"note.edit","id":204,"note":"evidence","rev":0,"opId":"\\ufffd","op":["d"]}')
    assert (await asha.reply(204))["rev"] == 1
    await asha.send('{"type":"note.edit","id":205,"note":"evidence","rev":1,"opId":"\\ud83d\\ude00","op":[1,"e"]}')
    assert (await asha.reply(205))["rev"] == 2
    note = (await asha.command("note.get", note="evidence"))["note"]
    assert note["text"] == "de", note
    await asha.close()


@pytest.mark.parametrize("starts_at", ["9999-12-31T23:59:59.999-23:59", "0000-01-01T00:00:00+23:59"])
def test_a_start_whose_utc_year_has_no_four_digits_is_refused(daemon, facilitator, starts_at):
    """Preamble: "All times are RFC 3339 UTC strings with milliseconds." An offset that carries
    year 9999 or 0000 past the four-digit range in UTC used to be stored and written back as
    `10000-01-01T…` or `00-1-12-31T…`; it is now a 400 that changes nothing."""
    token = facilitator["token"]
    _, before = daemon.api("GET", "/sessions", token)
    status, problem = daemon.api("POST", "/sessions", token, scheduled_body(startsAt=starts_at))
    assert status == 400, (status, problem)
    assert problem["detail"].startswith(f"startsAt: '{starts_at}'"), problem
    _, after = daemon.api("GET", "/sessions", token)
    assert len(after) == len(before)
    status, created = daemon.api("POST", "/sessions", token, scheduled_body())
    assert status == 201
    session_id = created["session"]["id"]
    status, problem = daemon.api("PATCH", f"/sessions/{session_id}", token, {"startsAt": starts_at})
    assert status == 400, (status, problem)
    _, unchanged = daemon.api("GET", f"/sessions/{session_id}", token)
    assert unchanged["startsAt"] == "2030-01-01T09:00:00.000Z", unchanged
