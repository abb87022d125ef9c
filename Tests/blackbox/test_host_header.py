"""RFC 9112 §3.2: an HTTP/1.1 request without a `Host` header (or with two) is answered 400, as
problem+json (PROTOCOL.md §2), on every route: the API, the pages, the health and metrics
endpoints and the `/ws` upgrade. HTTP/1.0 may leave `Host` out. Raw sockets: every HTTP
library adds a `Host` of its own."""
import json
import socket

import pytest

ROUTES = ["/api/v1/templates", "/api/v1/sessions", "/api/v1/openapi.json", "/", "/console", "/join",
          "/livez", "/healthz", "/readyz", "/metrics", "/no-such-page"]
UPGRADE = ("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: reviewroom.v1\r\n")


def exchange(daemon, request):
    """Everything the daemon sends for `request` until it closes the connection or 10 s pass."""
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=10) as sock:
        sock.sendall(request.encode())
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except socket.timeout:
            pass
    return received


def status_and_problem(answer):
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {line.split(":", 1)[0].lower(): line.split(":", 1)[1].strip() for line in lines[1:] if ":" in line}
    return int(lines[0].split(" ")[1]), headers, body


def assert_problem_400(answer, says):
    assert answer, "the daemon hung up without an answer"
    status, headers, body = status_and_problem(answer)
    assert status == 400, answer[:300]
    assert headers.get("content-type") == "application/problem+json", headers
    problem = json.loads(body[:int(headers["content-length"])])
    assert set(problem) >= {"type", "title", "status", "detail"} and problem["status"] == 400, problem
    assert says in problem["detail"], problem
    assert len(body) == int(headers["content-length"]), f"answered past the refusal: {answer[:600]!r}"


@pytest.mark.parametrize("path", ROUTES)
def test_http11_without_host_is_400_problem_json(daemon, facilitator, path):
    # A pipelined second request must not be answered: the refusal closes the connection.
    answer = exchange(daemon, f"GET {path} HTTP/1.1\r\nAuthorization: Bearer {facilitator['token']}\r\n\r\n"
                              "GET /livez HTTP/1.1\r\nHost: x\r\n\r\n")
    assert_problem_400(answer, "Host header")


def test_a_post_without_host_changes_nothing(daemon, facilitator):
    status, before = daemon.api("GET", "/sessions", facilitator["token"])
    assert status == 200
    body = json.dumps({"title": "No host", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "template": "rapid-remote-90"})
    answer = exchange(daemon, f"POST /api/v1/sessions HTTP/1.1\r\nAuthorization: Bearer {facilitator['token']}\r\n"
                              f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n{body}")
    assert_problem_400(answer, "Host header")
    assert daemon.api("GET", "/sessions", facilitator["token"]) == (200, before)


def test_websocket_upgrade_without_host_is_400_problem_json(daemon):
    # lws used to hang up on it without a word.
    answer = exchange(daemon, f"GET /ws HTTP/1.1\r\n{UPGRADE}\r\n")
    assert_problem_400(answer, "Host header")


def test_two_host_headers_are_400(daemon):
    answer = exchange(daemon, "GET /livez HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n")
    assert_problem_400(answer, "more than one Host header")


@pytest.mark.parametrize("path", ["/livez", "/api/v1/templates"])
def test_with_host_or_over_http10_the_request_is_served(daemon, facilitator, path):
    auth = f"Authorization: Bearer {facilitator['token']}\r\n"
    with_host = exchange(daemon, f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{auth}Connection: close\r\n\r\n")
    assert status_and_problem(with_host)[0] == 200, with_host[:300]
    http10 = exchange(daemon, f"GET {path} HTTP/1.0\r\n{auth}\r\n")
    assert status_and_problem(http10)[0] == 200, http10[:300]


def test_websocket_upgrade_with_host_is_accepted(daemon):
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=10) as sock:
        sock.sendall(f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\n{UPGRADE}\r\n".encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = sock.recv(4096)
            assert chunk, head
            head += chunk
    assert head.startswith(b"HTTP/1.1 101 "), head
