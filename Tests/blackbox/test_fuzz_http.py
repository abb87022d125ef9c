"""Hostile input on the HTTP side (PROTOCOL.md §2) must never crash, hang or 500 the daemon.

A seeded, bounded fuzz (the same requests on every run, a few seconds): mutated
`POST /api/v1/sessions` and `PATCH` bodies with extreme numbers, wrong types, unicode edge
cases, deep nesting and long arrays; record and calendar requests with odd `format` and
`Accept` values; static pages with odd paths; and the requests libwebsockets itself refuses
inside its parser (a NUL in the query, headers over 8 KiB, more query arguments than its
fixed fragment table holds), which close that one connection without an answer. After each
request the reply must be a success or an `application/problem+json` 4xx, and the daemon
must still answer `/livez` on a new connection. Named malformed fields of a new session or an
invite (wrong type, too many entries, too long) are each a 400 naming the field that changes
nothing, and a DELETE with a bad percent escape after the id erases nothing.
"""
import copy
import json
import random
import socket
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

SEED = 20261130
REQUESTS = 250
MAX_BODY = 1 << 20
RACE_ROUNDS = 60

NUMBERS = [1e308, -1e308, 1e19, -1e19, -0.0, 0, 2**53 + 1, 2**63, -2**63, 2**64, 5e-324, 0.0004, 0.5,
           86400, 86400.0001, 1440, 1441, -1, 3601, 10**30]
TEXTS = ["", " ", "\u0000", "\ud800", "\udfff", "\u202e\u200f", "\ufeff", "a" * 20_000, "😀" * 3000,
         "e\u0301" * 2000, "NaN", "Infinity", "-0", "1e308", "../../etc/passwd", "<script>", "\r\n",
         "phase-1", "q1", "covid-recovery", "rapid-remote-90", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z",
         "9999-12-31T23:59:59-23:59", "2026-02-29T00:00:00Z", "Europe/London", "x" * 65, "a\u0000b"]
RAW_BODIES = [b"", b"{", b"[" * 600 + b"]" * 600, b'{"a":' * 511 + b"1" + b"}" * 511, b'{"title":"a","title":"b"}',
              b"\xff\xfe", b'{"title":"\\ud800"}', b"null", b"1e999", b'{"lobbyOpensMinutesBefore": 1e999}',
              b'{"agenda":[{"title":"a","kind":"briefing","durationSec":1e999}]}',
              b'{"startsAt":"2026-12-01T09:30:00.99999999999999999999999999Z"}', b" " * 50_000 + b"{}"]


def request(daemon, method, path, token, body=None, headers=None):
    """(status, content type, body bytes) of one request; the connection is not reused."""
    request = urllib.request.Request(daemon.base + path, data=body, method=method,
                                     headers={"Authorization": f"Bearer {token}", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()
    except urllib.error.URLError as error:
        # Over the 1 MiB body limit the daemon answers 413 before reading the body and closes,
        # so the client may fail while still sending; that refusal is checked by its own tests.
        if body is not None and len(body) > MAX_BODY and isinstance(error.reason, (BrokenPipeError, ConnectionResetError)):
            return 413, "application/problem+json", b""
        raise


def raw_exchange(daemon, data):
    """Everything the daemon sends back for `data` on a fresh connection, until it closes."""
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=20) as sock:
        try:
            sock.sendall(data)
            sock.shutdown(socket.SHUT_WR)
        except OSError:
            pass  # the daemon may answer and close before reading everything
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def assert_serving(daemon, after):
    assert daemon.process.poll() is None, f"reviewroomd exited ({daemon.process.returncode}) after {after}"
    with urllib.request.urlopen(daemon.base + "/livez", timeout=20) as response:
        assert response.status == 200, f"/livez answered {response.status} after {after}"


def assert_documented(status, content_type, after):
    assert status < 500, f"{status} after {after}"
    if status >= 400:
        assert content_type.startswith("application/problem+json"), f"{status} {content_type!r} after {after}"


def valid_body(rng, starts_at):
    body = {"title": "Fuzz", "hostSchool": "H", "focus": "F", "startsAt": starts_at, "timeZone": "Europe/London",
            "participants": [{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}],
            "lobbyOpensMinutesBefore": 15, "autoStart": False}
    if rng.random() < 0.5:
        body["template"] = "rapid-remote-90"
    else:
        body["agenda"] = [{"title": f"P{i}", "kind": rng.choice(["briefing", "enquiry", "round", "break"]),
                           "durationSec": rng.choice([60, 0.5, 86400]), "turnMode": rng.choice(["open", "queue", "round"]),
                           "onTimeUp": rng.choice(["overtime", "advance"])} for i in range(rng.choice([1, 3, 100]))]
    if rng.random() < 0.5:
        body["promptDeck"] = "covid-recovery"
    else:
        body["prompts"] = [{"text": f"Q{i}", "theme": "t"} for i in range(rng.choice([0, 1, 5]))]
    return body


def random_value(rng, depth=0):
    pick = rng.random()
    if pick < 0.3:
        return rng.choice(NUMBERS)
    if pick < 0.6:
        return rng.choice(TEXTS)
    if pick < 0.7:
        return rng.choice([True, False, None])
    if depth < 3 and pick < 0.85:
        return [random_value(rng, depth + 1) for _ in range(rng.choice([0, 1, 3]))]
    if depth < 3:
        return {rng.choice(TEXTS)[:20]: random_value(rng, depth + 1) for _ in range(rng.choice([0, 1, 3]))}
    return 1


def mutated(rng, body):
    """`body` with one to three members replaced, dropped or repeated."""
    body = copy.deepcopy(body)
    for _ in range(rng.choice([1, 2, 3])):
        paths, stack = [], [((), body)]
        while stack:
            path, value = stack.pop()
            if path:
                paths.append(path)
            children = value.items() if isinstance(value, dict) else enumerate(value[:3]) if isinstance(value, list) else []
            stack.extend((path + (key,), child) for key, child in children)
        if not paths:
            break
        path = rng.choice(paths)
        parent = body
        for key in path[:-1]:
            parent = parent[key]
        pick = rng.random()
        if pick < 0.75:
            parent[path[-1]] = random_value(rng)
        elif isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.extend([copy.deepcopy(parent[path[-1]])] * rng.choice([1, 300]))
    return body


def encoded(rng, body):
    return json.dumps(body, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def test_mutated_session_bodies_are_answered_with_a_documented_status(daemon, facilitator, session):
    rng = random.Random(SEED)
    token = facilitator["token"]
    json_type = {"Content-Type": "application/json"}
    session_ids = [session.id]
    for number in range(REQUESTS):
        pick = rng.random()
        if pick < 0.45:
            body = valid_body(rng, "2026-12-01T09:30:00Z")
            data = encoded(rng, mutated(rng, body) if rng.random() < 0.85 else body)
            status, content_type, reply = request(daemon, "POST", "/api/v1/sessions", token, data, json_type)
            if status == 201:
                session_ids.append(json.loads(reply)["session"]["id"])
        elif pick < 0.75:
            patch = rng.choice([{"title": rng.choice(TEXTS)}, {"focus": random_value(rng)}, {"startsAt": rng.choice(TEXTS)},
                                {"agenda": mutated(rng, valid_body(rng, "2026-12-01T09:30:00Z")).get("agenda")},
                                {"prompts": [{"text": "x", "id": rng.choice(TEXTS)}, {"text": rng.choice(TEXTS)}]},
                                random_value(rng)])
            data = encoded(rng, patch)
            status, content_type, reply = request(daemon, "PATCH", f"/api/v1/sessions/{rng.choice(session_ids)}",
                                                  token, data, json_type)
        elif pick < 0.85:
            data = rng.choice(RAW_BODIES)
            status, content_type, reply = request(daemon, "POST", "/api/v1/sessions", token, data,
                                                  {"Content-Type": rng.choice(["application/json", "text/plain"])})
        else:
            data = encoded(rng, mutated(rng, {"name": "Zed", "role": "reviewer", "email": "z@example.org"}))
            status, content_type, reply = request(daemon, "POST", f"/api/v1/sessions/{rng.choice(session_ids)}/participants",
                                                  token, data, json_type)
        after = f"request {number}: {data[:300]!r}"
        assert_documented(status, content_type, after)
        assert_serving(daemon, after)
    # The fuzz must have reached the server's checks, not only its JSON parser.
    assert len(session_ids) > 1


def test_extreme_numbers_are_refused_without_changing_the_session(session):
    status, before = session.api("GET", f"/sessions/{session.id}")
    assert status == 200
    phase = {"title": "P", "kind": "briefing", "turnMode": "open", "onTimeUp": "overtime"}
    for value in [1e308, -1e308, 1e19, 2**63, 2**64, 10**30, -0.0, 5e-324, 1e-9, 0.0005, 0.0009, 86400.0001, "600", None, True]:
        status, problem = session.api("PATCH", f"/sessions/{session.id}", {"agenda": [{**phase, "durationSec": value}]})
        assert status == 400, (value, status, problem)
        assert "durationSec" in problem["detail"], problem
        if isinstance(value, float) and 0 < value < 0.001:  # under a millisecond: the answer says the bound it broke
            assert "at least 0.001" in problem["detail"], problem
        assert_serving(session.daemon, f"durationSec {value!r}")
    for value in [1e308, -1, 1441, 0.5, 2**63, "15"]:
        status, problem = session.api("POST", "/sessions", {"title": "T", "hostSchool": "H", "startsAt": "2026-12-01T09:30:00Z",
                                                              "template": "rapid-remote-90", "lobbyOpensMinutesBefore": value})
        assert status == 400, (value, status, problem)
        assert "lobbyOpensMinutesBefore" in problem["detail"], problem
    status, after = session.api("GET", f"/sessions/{session.id}")
    assert (status, after) == (200, before)


def test_record_and_calendar_negotiation_oddities(daemon, facilitator, session):
    token = facilitator["token"]
    queries = ["", "?format=md", "?format=HTML", "?format=json", "?format=", "?format", "?format=x", "?format=md&format=json",
               "?" + "&" * 40, "?format=" + "x" * 1000, "?format=%C3%A9"]
    accepts = [None, "text/html", "application/json;q=NaN", "*/*;q=1e308", "text/html;q=-0.0, application/json;q=0.0000001",
               ";;;,,,", "text/markdown;q=inf", "application/*;q=2e-308", "a" * 3000, "image/png"]
    for index, query in enumerate(queries):
        for accept in accepts[index % 3::3]:
            for resource in ["record", "calendar.ics"]:
                headers = {"Accept": accept} if accept else {}
                path = f"/api/v1/sessions/{session.id}/{resource}{query}"
                status, content_type, _ = request(daemon, "GET", path, token, headers=headers)
                assert status in (200, 400, 406), (path, accept, status)
                assert_documented(status, content_type, f"{path} Accept {accept!r}")
    assert_serving(daemon, "record negotiation")


@pytest.mark.parametrize("query, status, content_type", [
    ("?x=%26format%3Djson", 200, "text/markdown"),  # one argument `x`: no format, so Markdown
    ("?format=json%26x=1", 400, "application/problem+json"),  # the format `json&x=1`: unknown
    ("?format=json%3Bx=1", 400, "application/problem+json"),  # the format `json;x=1`: unknown
    ("?format=html&x=%26", 200, "text/html"),
])
def test_a_percent_encoded_separator_stays_inside_its_query_argument(daemon, facilitator, session, query, status, content_type):
    """libwebsockets percent-decodes each query argument before the daemon sees it; an escaped
    `&` or `;` is part of its value, never a separator (HTTPAPI, "Record"): the daemon used to
    join the decoded arguments with `&` and split them again, so `?x=%26format%3Djson` gave JSON."""
    path = f"/api/v1/sessions/{session.id}/record{query}"
    got_status, got_type, body = request(daemon, "GET", path, facilitator["token"])
    assert (got_status, got_type.split(";")[0]) == (status, content_type), (query, got_status, got_type, body[:200])


def test_odd_static_paths_never_fail_the_server(daemon):
    paths = ["/", "/join", "/console", "/favicon.svg", "/css/", "/js/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
             "/" + "a" * 5000, "/%ff%fe", "/api/v1/", "/api/v1/openapi.json", "//", "/./.", "/index.html%20",
             "/css/%2e%2e%2fconsole.html", "/%c0%ae%c0%ae/", "/%5c..%5c", "/.hidden", "/join/", "/join.html/x"]
    for path in paths:
        for method in ["GET", "HEAD", "OPTIONS", "DELETE"]:
            reply = raw_exchange(daemon, f"{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
            status_line = reply.split(b"\r\n", 1)[0]
            assert status_line.startswith(b"HTTP/1.1 "), (method, path, reply[:200])
            assert int(status_line.split()[1]) < 500, (method, path, status_line)
        assert_serving(daemon, f"static {path}")


def test_requests_refused_inside_the_http_parser_close_only_that_connection(daemon, facilitator):
    # libwebsockets refuses these before any callback and closes the connection without an
    # answer (WebSocketTransport docs, "ThreadingAndBackpressure"); the daemon goes on serving.
    auth = f"Authorization: Bearer {facilitator['token']}\r\n"
    refused = [
        "GET /api/v1/templates?" + "&".join(["a=1"] * 120) + f" HTTP/1.1\r\nHost: x\r\n{auth}\r\n",
        f"GET /api/v1/templates?format=%00 HTTP/1.1\r\nHost: x\r\n{auth}\r\n",
        f"GET /api/v1/templates HTTP/1.1\r\nHost: x\r\n{auth}Accept: {'a' * 9000}\r\n\r\n",
    ]
    for head in refused:
        reply = raw_exchange(daemon, head.encode())
        assert not reply.startswith(b"HTTP/1.1 5"), (head[:80], reply[:200])
        assert_serving(daemon, head[:80])
    # Below the fragment limit the same query is served.
    status, _, _ = request(daemon, "GET", "/api/v1/templates?" + "&".join(["a=1"] * 40), facilitator["token"])
    assert status == 200


def test_a_change_racing_a_delete_is_not_a_server_failure(daemon, facilitator):
    # A PATCH, invite or revoke that reached the session just after a DELETE stopped it was a
    # 500 "is restarting; try again" (logged as an error); the session is gone, so it is a 404.
    token = facilitator["token"]
    body = json.dumps({"title": "Race", "hostSchool": "H", "startsAt": "2026-12-01T09:30:00Z",
                       "template": "rapid-remote-90", "participants": [{"name": "A", "role": "reviewer"}]}).encode()
    json_type = {"Content-Type": "application/json"}
    seen = []
    for round_number in range(RACE_ROUNDS):
        status, _, reply = request(daemon, "POST", "/api/v1/sessions", token, body, json_type)
        assert status == 201
        created = json.loads(reply)
        base = f"/api/v1/sessions/{created['session']['id']}"
        reviewer = next(i["participant"]["id"] for i in created["invites"] if i["participant"]["role"] == "reviewer")
        calls = [("DELETE", base, None)] + [("PATCH", base, json.dumps({"title": f"T{n}"}).encode()) for n in range(4)] + [
            ("POST", base + "/participants", b'{"name": "Z", "role": "host"}'),
            ("DELETE", f"{base}/participants/{reviewer}", None)]
        with ThreadPoolExecutor(len(calls)) as pool:
            replies = list(pool.map(lambda call: request(daemon, call[0], call[1], token, call[2], json_type), calls))
        for (method, path, _), (status, content_type, reply) in zip(calls, replies):
            seen.append(status)
            assert status in (200, 201, 204, 404), (round_number, method, path, status, reply[:300])
            assert_documented(status, content_type, f"{method} {path}")
        assert_serving(daemon, f"race round {round_number}")
    # The rounds really raced: some changes came after the delete.
    assert 404 in seen


def test_a_nul_after_a_slash_does_not_reach_the_path_before_it(daemon, facilitator, session):
    """libwebsockets ends a path at a `%00` that follows a `/`: `DELETE …/sessions/ID/%00` arrived
    as `…/sessions/ID/` and erased the session, `…/participants/PID/%00` revoked its person. A
    path ending in `/` now names no API resource (404, nothing changed), so neither does that."""
    sid = session.id
    pid = session.pids["Asha"]
    for method, path in [("DELETE", f"/api/v1/sessions/{sid}/%00"), ("DELETE", f"/api/v1/sessions/{sid}/"),
                         ("DELETE", f"/api/v1/sessions/{sid}/participants/{pid}/%00"),
                         ("GET", "/api/v1/templates/%00"), ("GET", "/api/v1/sessions/")]:
        reply = raw_exchange(daemon, f"{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                     f"{facilitator['token']}\r\nConnection: close\r\n\r\n".encode())
        head = reply.split(b"\r\n\r\n", 1)[0].decode()
        assert head.startswith("HTTP/1.1 404"), (method, path, head)
        assert "application/problem+json" in head, head
    status, body = session.api("GET", f"/sessions/{sid}")
    assert status == 200, body
    assert pid in {person["id"] for person in body["participants"]}


@pytest.mark.parametrize("escape, status_line, content_type", [
    ("%zz", b"HTTP/1.0 403 Forbidden", b"content-type: text/html"),  # lws's own 403 page (HTTPAPI)
    ("%00", b"", None),  # the connection is closed without an answer
], ids=["bad-escape", "nul"])
def test_a_delete_with_a_bad_percent_escape_after_the_id_erases_nothing(daemon, facilitator, session, escape,
                                                                         status_line, content_type):
    """lws refuses `DELETE …/sessions/ID%zz` and `…/ID%00` itself; read as `…/ID` they would erase the session."""
    path = f"/api/v1/sessions/{session.id}"
    before = session.api("GET", f"/sessions/{session.id}")
    reply = raw_exchange(daemon, f"DELETE {path}{escape} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                                 f"{facilitator['token']}\r\nConnection: close\r\n\r\n".encode())
    head = reply.split(b"\r\n\r\n", 1)[0]
    assert head.split(b"\r\n", 1)[0] == status_line, reply[:300]
    if content_type is None:
        assert reply == b"", reply[:300]
    else:
        assert content_type in head.lower().split(b"\r\n"), head
    assert before[0] == 200 and session.api("GET", f"/sessions/{session.id}") == before
    assert_serving(daemon, f"DELETE {path}{escape}")


PHASE = {"title": "P", "kind": "briefing", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"}
PERSON = {"name": "Asha", "role": "reviewer"}

# (fields of a new session, words its 400's detail must hold: the field first), one bad field each.
BAD_SESSION_FIELDS = [
    pytest.param({"agenda": [{**PHASE, "onTimeUp": "explode"}]}, ["agenda[0].onTimeUp"], id="onTimeUp-unknown"),
    pytest.param({"agenda": [{**PHASE, "onTimeUp": 5}]}, ["agenda[0].onTimeUp"], id="onTimeUp-number"),
    pytest.param({"notes": []}, ["notes"], id="notes-empty"),
    pytest.param({"notes": [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]}, ["notes[1].id"], id="notes-repeated-id"),
    pytest.param({"notes": [{"id": f"n{i}", "title": "N"} for i in range(21)]}, ["notes", "21"], id="notes-21"),
    pytest.param({"notes": [{"id": "a"}]}, ["notes[0].title"], id="note-no-title"),
    pytest.param({"notes": [{"id": "a" * 65, "title": "A"}]}, ["notes[0].id", "65"], id="note-id-65"),
    pytest.param({"prompts": [{"text": f"Q{i}"} for i in range(501)]}, ["prompts", "501"], id="prompts-501"),
    pytest.param({"prompts": [{"text": "Q"}], "promptDeck": "covid-recovery"}, ["prompts", "promptDeck"],
                 id="prompts-and-deck"),
    pytest.param({"prompts": [{"id": "a b/c", "text": "Q"}]}, ["prompts[0].id"], id="prompt-id-not-url-safe"),
    pytest.param({"prompts": [{"text": "x" * 2001}]}, ["prompts[0].text", "2001"], id="prompt-text-2001"),
    pytest.param({"prompts": [{"text": "Q", "theme": "t" * 201}]}, ["prompts[0].theme", "201"], id="prompt-theme-201"),
    pytest.param({"agenda": [PHASE] * 101}, ["agenda", "101"], id="agenda-101"),
    pytest.param({"agenda": [{k: v for k, v in PHASE.items() if k != "title"}]}, ["agenda[0].title"], id="phase-no-title"),
    pytest.param({"agenda": [{k: v for k, v in PHASE.items() if k != "kind"}]}, ["agenda[0].kind"], id="phase-no-kind"),
    pytest.param({"agenda": [{**PHASE, "prompts": "q1"}]}, ["agenda[0].prompts"], id="phase-prompts-string"),
    pytest.param({"agenda": [{**PHASE, "prompts": [5]}]}, ["agenda[0].prompts[0]"], id="phase-prompt-number"),
    pytest.param({"focus": "f" * 2001}, ["focus", "2001"], id="focus-2001"),
    pytest.param({"hostSchool": 5}, ["hostSchool"], id="hostSchool-number"),
    pytest.param({"timeZone": 5}, ["timeZone"], id="timeZone-number"),
    pytest.param({"template": 5}, ["template"], id="template-number"),
    pytest.param({"promptDeck": 5}, ["promptDeck"], id="promptDeck-number"),
    pytest.param({"participants": PERSON}, ["participants"], id="participants-object"),
    pytest.param({"participants": ["Asha"]}, ["participants[0]"], id="participant-string"),
    pytest.param({"participants": [{"name": f"P{i}", "role": "reviewer"} for i in range(201)]}, ["participants", "201"],
                 id="participants-201"),
    pytest.param({"participants": [{**PERSON, "name": "n" * 201}]}, ["participants[0].name", "201"], id="name-201"),
    pytest.param({"participants": [{**PERSON, "email": "e" * 309 + "@example.org"}]}, ["participants[0].email", "321"],
                 id="email-321"),
]


def assert_refused_naming(status, content_type, reply, words):
    assert (status, content_type) == (400, "application/problem+json"), (status, content_type, reply[:300])
    problem = json.loads(reply)
    assert problem["status"] == 400 and all(word in problem["detail"] for word in words), (words, problem)


@pytest.mark.parametrize("fields, words", BAD_SESSION_FIELDS)
def test_a_new_session_with_a_bad_field_is_400_naming_it_and_creates_nothing(daemon, facilitator, fields, words):
    """§2: without it a bad field would be stored or dropped silently, or refused without naming the field."""
    token = facilitator["token"]
    body = {"title": "T", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z",
            **({} if "agenda" in fields else {"template": "rapid-remote-90"}), **fields}
    status, before = daemon.api("GET", "/sessions", token)
    assert status == 200
    answer = request(daemon, "POST", "/api/v1/sessions", token, json.dumps(body).encode(),
                     {"Content-Type": "application/json"})
    assert_refused_naming(*answer, words)
    status, after = daemon.api("GET", "/sessions", token)
    assert status == 200 and sorted(s["id"] for s in after) == sorted(s["id"] for s in before)


@pytest.mark.parametrize("fields, words", [
    pytest.param({"name": "n" * 201}, ["name", "201"], id="name-201"),
    pytest.param({"email": "e" * 309 + "@example.org"}, ["email", "321"], id="email-321"),
    pytest.param({"role": 5}, ["role"], id="role-number"),
])
def test_an_invite_with_a_bad_field_is_400_naming_it_and_adds_no_one(daemon, facilitator, session, fields, words):
    """§2: without it an over-long name or email, or a non-string role, would be stored or refused unexplained."""
    before = session.api("GET", f"/sessions/{session.id}")
    answer = request(daemon, "POST", f"/api/v1/sessions/{session.id}/participants", facilitator["token"],
                     json.dumps({"name": "Zed", "role": "reviewer", **fields}).encode(), {"Content-Type": "application/json"})
    assert_refused_naming(*answer, words)
    assert before[0] == 200 and session.api("GET", f"/sessions/{session.id}") == before
