"""RFC 6455 §4.2.1–4.2.2: an opening handshake the server cannot accept is answered with an HTTP
error and a reason (problem+json, like every refusal), never upgraded and never dropped without
a word. lws 4.1.6 upgraded one without `Sec-WebSocket-Version: 13` or with a key that is not a
16-byte nonce, hung up on one without a key or without `Connection: Upgrade`, and answered
`Upgrade: h2c` (curl --http2 over plain HTTP) as a WebSocket without a subprotocol. Raw sockets:
every WebSocket library sends a correct handshake (`test_host_header.py` checks one is upgraded)."""
import pytest

from test_host_header import exchange, status_and_problem

GOOD = {"Host": "127.0.0.1", "Upgrade": "websocket", "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Protocol": "reviewroom.v1"}


def handshake(daemon, method="GET", path="/ws", **changes):
    headers = {**GOOD, **{name.replace("_", "-"): value for name, value in changes.items()}}
    lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items() if value is not None)
    return exchange(daemon, f"{method} {path} HTTP/1.1\r\n{lines}\r\n")


def refused(answer, status, says):
    assert answer, "the daemon hung up without an answer"
    code, headers, body = status_and_problem(answer)
    assert code == status, answer[:400]
    assert headers.get("content-type") == "application/problem+json", headers
    assert says in body.decode(), body
    return headers


@pytest.mark.parametrize("version", [None, "8", "14"])
def test_another_websocket_version_is_426_naming_13(daemon, version):
    headers = refused(handshake(daemon, Sec_WebSocket_Version=version), 426, "Sec-WebSocket-Version must be 13")
    assert headers.get("sec-websocket-version") == "13", headers


@pytest.mark.parametrize("key", [None, "short", "AAAAAAAAAAAAAAAAAAAA"])
def test_a_key_that_is_not_a_16_byte_nonce_is_400(daemon, key):
    refused(handshake(daemon, Sec_WebSocket_Key=key), 400, "Sec-WebSocket-Key")


@pytest.mark.parametrize("connection", [None, "keep-alive"])
def test_a_handshake_without_connection_upgrade_is_400(daemon, connection):
    refused(handshake(daemon, Connection=connection), 400, "Connection header must include the Upgrade option")


def test_a_post_handshake_is_400_not_a_wrong_path(daemon):
    refused(handshake(daemon, method="POST", Content_Length="0"), 400, "must be a GET request")


@pytest.mark.parametrize("path", ["/", "/ws", "/livez"])
def test_an_h2c_upgrade_is_refused_by_name(daemon, path):
    answer = exchange(daemon, f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                              "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n")
    refused(answer, 400, "Upgrade: h2c is not served")
