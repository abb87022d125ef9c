"""Discrepancies with PROTOCOL.md §2 (the HTTP API) found by the HTTP audit, each checked from
outside: `"focus": null` in a PATCH clears the focus as it means "no focus" in a POST; a
session with `autoStart` whose start is due is `live` in the POST reply, as everywhere else;
the Markdown record carries no control characters (NUL, ESC…), as the HTML and calendar do not;
every route refuses a body it cannot frame (413, 411, 400; a chunked GET used to be answered
and its body read as the next request), as the OpenAPI document now says; and
`/metrics` is not served to a request a local reverse proxy forwarded with `Forwarded` or
`X-Real-IP`."""
import datetime
import json
import socket
import subprocess
import urllib.error
import urllib.request

import pytest

from conftest import AGENDA, DAEMON
from wsclient import Client, run

MAX_BODY = 1 << 20
# C0 controls but tab, LF and CR, and DEL: no rendered text keeps them.
CONTROLS = "\u0000\u0001\u0007\u001b\u007f"
FORBIDDEN = {c for c in range(0x20) if c not in (0x09, 0x0A, 0x0D)} | {0x7F}


def minutes_ago(minutes):
    instant = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=minutes)
    return instant.replace(microsecond=0).isoformat().replace("+00:00", "Z")


@run
async def test_a_patch_with_a_null_focus_clears_it_and_tells_the_room(session):
    """§2: PATCH may change the focus and takes the POST shapes (§3.5), where `"focus": null` is
    no focus. It used to answer 200 and keep the old focus, recording nothing."""
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    assert asha.welcome["session"]["focus"] == "How do we rebuild reading stamina?"
    status, edited = session.api("PATCH", f"/sessions/{session.id}", {"focus": None})
    assert status == 200 and edited["focus"] == "", (status, edited)
    changed = await asha.event("session.changed")
    assert changed["data"]["focus"] == "", changed
    _, fetched = session.api("GET", f"/sessions/{session.id}")
    assert fetched["focus"] == ""
    # A wrong type is still refused and changes nothing.
    status, problem = session.api("PATCH", f"/sessions/{session.id}", {"focus": 5})
    assert status == 400 and "focus must be a string" in problem["detail"], problem
    assert asha.kept_events() == [] and await asha.seq() == changed["seq"]
    await asha.close()


@run
async def test_an_auto_start_session_already_due_is_live_in_the_post_reply(daemon, facilitator):
    """§3.5: a session's `status` is computed when asked. Scheduled in the past with
    `autoStart`, a session starts at once; the POST reply used to say `lobby` while a GET and
    every `welcome` right after said `live`."""
    status, created = daemon.api("POST", "/sessions", facilitator["token"], {
        "title": "Starts by itself", "hostSchool": "Northfield Primary", "startsAt": minutes_ago(1),
        "agenda": AGENDA, "participants": [{"name": "Asha", "role": "reviewer"}], "autoStart": True})
    assert status == 201, created
    assert created["session"]["status"] == "live", created["session"]
    token = next(i["token"] for i in created["invites"] if i["participant"]["role"] == "reviewer")
    asha = await Client.join(daemon.ws_url, token)
    assert asha.welcome["session"]["clock"]["status"] == "live", asha.welcome
    _, fetched = daemon.api("GET", f"/sessions/{created['session']['id']}", facilitator["token"])
    assert fetched["status"] == "live"
    await asha.close()


def fetch(daemon, token, path):
    request = urllib.request.Request(f"{daemon.base}/api/v1{path}", headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.read()


@run
async def test_no_record_format_and_no_calendar_carries_control_characters(daemon, facilitator):
    """§3.5 record content types: the record is text. HTML and the calendar already replaced or
    dropped NUL, BEL, ESC and DEL; the Markdown record (and so `reviewroomd export`, which
    prints it to a terminal) passed them through from titles, names and notes."""
    token = facilitator["token"]
    status, created = daemon.api("POST", "/sessions", token, {
        "title": f"Review{CONTROLS}[31m", "hostSchool": f"School{CONTROLS}", "focus": f"Focus{CONTROLS}",
        "startsAt": minutes_ago(1), "agenda": AGENDA, "prompts": [{"text": f"Question{CONTROLS}"}],
        "participants": [{"name": f"Asha{CONTROLS}", "role": "reviewer"}]})
    assert status == 201, created
    session_id = created["session"]["id"]
    reviewer = next(i["token"] for i in created["invites"] if i["participant"]["role"] == "reviewer")
    asha = await Client.join(daemon.ws_url, reviewer)
    edited = await asha.command("note.edit", note="evidence", rev=0, opId="ctl-1", op=[f"Seen{CONTROLS}[2J here"])
    assert edited["type"] == "ack", edited
    await asha.close()

    served = {fmt: fetch(daemon, token, f"/sessions/{session_id}/record?format={fmt}") for fmt in ("md", "html", "json")}
    served["ics"] = fetch(daemon, token, f"/sessions/{session_id}/calendar.ics")
    served["export"] = subprocess.run([str(DAEMON), "export", session_id, "--format", "md", "--data-dir", daemon.data_dir],
                                      check=True, capture_output=True, timeout=60, env=daemon.env).stdout
    for name, body in served.items():
        if name != "json":
            assert not FORBIDDEN & set(body), (name, sorted(FORBIDDEN & set(body)))
    markdown = served["md"].decode("utf-8")
    assert "Review\ufffd\ufffd\ufffd\ufffd\ufffd\\[31m" in markdown, markdown[:200]
    assert "> Seen\ufffd\ufffd\ufffd\ufffd\ufffd[2J here" in markdown, markdown
    # JSON keeps the text as it was written (escaped by JSON where JSON requires it).
    record = json.loads(served["json"])
    assert record["session"]["title"] == f"Review{CONTROLS}[31m"


def documented_statuses(daemon):
    with urllib.request.urlopen(daemon.base + "/api/v1/openapi.json", timeout=15) as response:
        document = json.load(response)
    for template, item in document["paths"].items():
        for method, operation in item.items():
            if method != "parameters":
                yield method.upper(), template, set(operation["responses"])


# Framings the transport refuses before routing, on every route and method, and the status of each.
# Each refused framing: its headers and the bytes sent after the head. A body over the limit is
# sent whole: the daemon reads and drops it before its 413, as a client that writes the whole
# body before reading expects.
REFUSED_FRAMINGS = {
    "413": (f"Content-Length: {MAX_BODY + 1}\r\n", "a" * (MAX_BODY + 1)),
    "411": ("Transfer-Encoding: chunked\r\n", ""),
    "400": ("Content-Length: many\r\n", ""),
}


def answer_to_a_refused_framing(daemon, method, path, token, framing):
    """Everything the daemon sends for `method path` with `framing` (headers, then what follows
    the head) and a pipelined request after it, until it closes the connection: the refusal alone."""
    headers, after = framing
    head = (f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\n{headers}\r\n")
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=15) as sock:
        sock.sendall((head + after + "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n").encode())
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    return received


def test_every_route_refuses_a_body_it_cannot_frame_as_its_document_says(session):
    """§2: the OpenAPI description must match what the server does. The transport refuses a body
    over `max_request_body_bytes` (413), a Transfer-Encoding body (411) and an unreadable
    Content-Length (400) on every route, a GET's or DELETE's too, but only the operations that
    take a body listed them (schemathesis never sends a GET a body). And a GET with a chunked
    body used to be answered with the connection kept, its body then read as the next request."""
    participant = session.pids["Asha"]
    checked = 0
    for method, template, statuses in documented_statuses(session.daemon):
        path = template.replace("{id}", session.id).replace("{pid}", participant)
        for expected, framing in REFUSED_FRAMINGS.items():
            answer = answer_to_a_refused_framing(session.daemon, method, path, session.facilitator_token, framing)
            status = answer.split(b" ", 2)[1].decode()
            assert status == expected, (method, template, framing, answer[:300])
            assert answer.count(b"HTTP/1.1 ") == 1, f"{method} {template} {framing!r}: answered past the refusal"
            assert status in statuses, f"{method} {template} answers {status}, which its document omits ({sorted(statuses)})"
            checked += 1
    assert checked >= 17 * 3
    # Nothing was carried out: the session and Asha are still there.
    status, fetched = session.api("GET", f"/sessions/{session.id}")
    assert status == 200 and participant in {p["id"] for p in fetched["participants"]}


@pytest.mark.parametrize("header", ["X-Forwarded-For: 203.0.113.9", "Forwarded: for=203.0.113.9;proto=https",
                                    "X-Real-IP: 203.0.113.9", "X-Forwarded-Proto: https",
                                    "X-Forwarded-Host: review.example.org", "Via: 1.1 proxy.example.org"])
def test_metrics_forwarded_by_a_local_proxy_are_not_served(daemon, header):
    """§2: `/metrics` is for loopback clients (or `metrics_listen`) only. Behind a reverse proxy
    on the same host every request comes from loopback; one whose proxy names its client with
    RFC 7239 `Forwarded` or `X-Real-IP` (not `X-Forwarded-For`) used to get the metrics, and
    so did one sending only `X-Forwarded-Proto`, `X-Forwarded-Host` or `Via`."""
    name, value = header.split(": ", 1)

    def get(headers):
        request = urllib.request.Request(daemon.base + "/metrics", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return response.status, response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Content-Type", "")

    assert get({}) == (200, "text/plain; version=0.0.4; charset=utf-8")
    assert get({name: value}) == (404, "application/problem+json")


def test_a_session_ending_after_year_9999_has_a_calendar_end_rfc_5545_can_write(daemon, facilitator):
    """§2: `calendar.ics` is an RFC 5545 event, whose DATE-TIMEs have four-digit years. A start
    late on 9999-12-31 (which `startsAt` accepts) plus a 90-minute agenda used to end at
    `DTEND:100000101T003000Z`; the end is now that year's last second."""
    token = facilitator["token"]
    status, created = daemon.api("POST", "/sessions", token, {
        "title": "Last review", "hostSchool": "Northfield Primary", "startsAt": "9999-12-31T23:00:00Z",
        "template": "rapid-remote-90"})
    assert status == 201, created
    lines = fetch(daemon, token, f"/sessions/{created['session']['id']}/calendar.ics").decode().split("\r\n")
    stamps = {line.split(":", 1)[0]: line.split(":", 1)[1] for line in lines if line.startswith(("DTSTART:", "DTEND:"))}
    assert stamps == {"DTSTART": "99991231T230000Z", "DTEND": "99991231T235959Z"}, stamps


@pytest.mark.parametrize("starts_at, zone, local", [
    ("9999-12-31T23:00:00Z", "Pacific/Kiritimati", "+10000-01-01 13:00 GMT+14"),
    ("0000-01-01T00:00:00Z", "America/New_York", "-0001-12-31 19:03 GMT-4:56:02"),
    ("0000-01-01T00:00:00Z", "UTC", "0000-01-01 00:00 UTC"),
])
def test_the_records_local_start_time_is_right_at_the_edges_of_the_accepted_years(daemon, facilitator, starts_at, zone, local):
    """§2: `startsAt` takes any RFC 3339 instant in years 0000–9999 UTC, and the record shows it
    in the session's zone. The local start used to be Foundation's Julian date before 1582 —
    `0001-01-03 00:00 GMT` for 0000-01-01T00:00Z, two days and an era off the UTC field beside
    it — and a bare five-digit year past 9999; it is now the proleptic Gregorian date, with a
    signed ISO 8601 year outside 0000–9999, in every format."""
    token = facilitator["token"]
    status, created = daemon.api("POST", "/sessions", token, {
        "title": "Edge of the calendar", "hostSchool": "Northfield Primary", "startsAt": starts_at,
        "timeZone": zone, "template": "rapid-remote-90"})
    assert status == 201, created
    path = f"/sessions/{created['session']['id']}/record"
    record = json.loads(fetch(daemon, token, path + "?format=json"))
    assert record["session"]["startsAtLocal"] == local, record["session"]
    assert record["session"]["startsAt"] == starts_at.replace("Z", ".000Z")
    markdown_zone = zone.replace("_", "\\_")  # Markdown escapes the underscore
    assert f"{local} ({markdown_zone})" in fetch(daemon, token, path + "?format=md").decode()
    assert f"<dd>{local} ({zone})</dd>" in fetch(daemon, token, path + "?format=html").decode()


def test_every_status_line_has_a_reason_phrase(daemon, facilitator):
    """lws 4.1.6 names only some statuses: a created session was `HTTP/1.1 201 `, a deleted
    one `HTTP/1.1 204 `, a plain GET of /ws `HTTP/1.1 426 `. Each now has its phrase."""
    import http.client

    def status_line(method, path, body=None):
        connection = http.client.HTTPConnection("127.0.0.1", daemon.port, timeout=15)
        headers = {"Authorization": "Bearer " + facilitator["token"], "Content-Type": "application/json"}
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = connection.getresponse()
        payload = response.read()
        connection.close()
        return response.status, response.reason, payload

    start = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, reason, payload = status_line("POST", "/api/v1/sessions", {
        "title": "Phrases", "hostSchool": "Northfield", "startsAt": start, "agenda": AGENDA, "participants": []})
    assert (status, reason) == (201, "Created"), payload
    session_id = json.loads(payload)["session"]["id"]
    assert status_line("DELETE", f"/api/v1/sessions/{session_id}")[:2] == (204, "No Content")
    assert status_line("GET", "/ws")[:2] == (426, "Upgrade Required")
    assert status_line("GET", "/api/v1/sessions")[:2] == (200, "OK")
    assert status_line("GET", "/api/v1/nothing-here")[:2] == (404, "Not Found")


def test_a_record_and_a_calendar_are_named_by_the_sessions_date_and_title(daemon, facilitator):
    """A record had no Content-Disposition (`curl -OJ` saved `record`, no extension) and the
    calendar was named by the opaque session id. Both now carry the console's own file names:
    an ASCII `filename` for old clients and the name as written in RFC 8187's `filename*`."""
    import urllib.parse

    token = facilitator["token"]
    status, created = daemon.api("POST", "/sessions", token, {
        "title": "Lecture à l’école: Y6", "hostSchool": "Northfield Primary", "startsAt": "2031-12-03T23:30:00Z",
        "timeZone": "Europe/Paris", "template": "rapid-remote-90"})
    assert status == 201, created
    session = created["session"]["id"]

    def disposition(path, accept=None):
        request = urllib.request.Request(daemon.base + "/api/v1" + path, headers={
            "Authorization": "Bearer " + token, **({"Accept": accept} if accept else {})})
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.headers["Content-Disposition"]

    def expected(kind, name):
        fallback = "".join(c if " " <= c <= "~" and c not in '"\\' else "_" for c in name)
        return f'{kind}; filename="{fallback}"; filename*=UTF-8\'\'{urllib.parse.quote(name, safe="!#$&+^`|")}'

    # 23:30 UTC is the 4th in Paris; ":" is refused by Windows, so it is "-".
    stem = "2031-12-04 Lecture à l’école- Y6"
    for query, accept, extension in (("?format=md", None, "md"), ("", "text/html", "html"), ("?format=json", None, "json")):
        assert disposition(f"/sessions/{session}/record{query}", accept) == expected("inline", f"{stem} - record.{extension}")
    assert disposition(f"/sessions/{session}/calendar.ics") == expected("attachment", f"{stem}.ics")
    assert expected("inline", "a b").endswith("filename*=UTF-8''a%20b")


@run
async def test_a_live_sessions_start_can_move_and_its_clock_does_not(session):
    """§2: "PATCH may change title, focus, `startsAt`, `timeZone`, prompts, and agenda phases that
    have not started; touching the current or a past phase of a live session is 409." The start
    of a live session was refused (409, "the start cannot move"), which the text does not say: it
    now moves the planned start (GET, the calendar, `session.changed`) and nothing of the clock.
    The current phase is still 409."""
    fran = await Client.console(session)
    assert (await fran.command("session.start"))["type"] == "ack"
    clock = (await fran.event("clock.changed"))["data"]["clock"]
    moved = "2030-06-01T08:00:00.000Z"
    status, edited = session.api("PATCH", f"/sessions/{session.id}", {"startsAt": "2030-06-01T09:00:00+01:00"})
    assert status == 200 and edited["startsAt"] == moved and edited["status"] == "live", (status, edited)
    changed = await fran.event("session.changed")
    assert changed["data"]["startsAt"] == moved, changed
    _, fetched = session.api("GET", f"/sessions/{session.id}")
    assert fetched["startsAt"] == moved and fetched["status"] == "live"
    with urllib.request.urlopen(urllib.request.Request(
            f"{session.daemon.base}/api/v1/sessions/{session.id}/calendar.ics",
            headers={"Authorization": f"Bearer {session.facilitator_token}"}), timeout=10) as reply:
        assert "DTSTART:20300601T080000Z" in reply.read().decode()
    # The clock is as it was: the move was one event, session.changed, and no clock.changed.
    assert await fran.seq() == changed["seq"] and fran.kept_events() == [], fran.kept_events()
    assert clock["status"] == "live"
    agenda = [dict(phase) for phase in fetched["agenda"]]
    agenda[0]["durationSec"] += 60
    status, problem = session.api("PATCH", f"/sessions/{session.id}", {"agenda": agenda})
    assert status == 409, (status, problem)
    await fran.close()
