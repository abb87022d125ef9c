"""RFC 6455 §5.5.1, §7.1.5, §7.4 and PROTOCOL.md §3.4 (frame-level faults close the
connection): a client's close frame is echoed only when it is well formed; a malformed one is
answered with 1002, never echoed back. Frames are sent on a bare socket (`rawws`), since a
WebSocket library will not send them."""
import json

import pytest

from rawws import RawClient, close_frame, frame


def joined(session):
    """A raw connection of Asha's, past `hello` and its `welcome`."""
    client = RawClient(session.daemon.port)
    client.send(frame(0x1, json.dumps({"type": "hello", "token": session.tokens["Asha"]}).encode()))
    opcode, payload = client.next_frame()
    assert opcode == 0x1 and json.loads(payload)["type"] == "welcome", payload
    return client


@pytest.mark.parametrize("code, reason", [(None, b""), (1000, b"bye"), (1001, b""), (3000, b"app"), (4999, b"x")])
def test_a_well_formed_close_is_echoed(session, code, reason):
    client = joined(session)
    client.send(close_frame(code, reason))
    assert client.close_reply() == (code, reason)
    client.close()


@pytest.mark.parametrize("payload", [b"\x03", b"\x13\x88", b"\xff\xffbye", b"\x03\xe7", b"\x03\xed", b"\x03\xee",
                                     b"\x03\xf7", b"\x0b\xb7"], ids=[
    "1-byte payload", "5000", "65535", "999", "1005", "1006", "1015", "2999"])
def test_a_malformed_close_is_answered_1002_not_echoed(session, payload):
    client = joined(session)
    client.send(frame(0x8, payload))
    reply = client.close_reply()
    assert reply is not None and reply[0] == 1002, f"the server answered {reply} to a close with payload {payload!r}"
    client.close()


def test_a_close_reason_that_is_not_utf8_is_answered_1007(session):
    """lws 4.1.6 dropped the connection without a close frame here; RFC 6455 §8.1 owes 1007."""
    client = joined(session)
    client.send(close_frame(1000, b"bad \xff\xfe"))
    reply = client.close_reply()
    assert reply is not None and reply[0] == 1007, f"the server answered {reply}"
    client.close()


def test_a_text_message_fragmented_inside_a_character_is_read_whole(session):
    """UTF-8 is checked on the whole message: a character split across fragments is fine."""
    client = joined(session)
    message = json.dumps({"type": "ping", "id": 7, "note": "café"}, ensure_ascii=False).encode()
    cut = message.index("é".encode()) + 1
    client.send(frame(0x1, message[:cut], final=False) + frame(0x0, message[cut:]))
    while True:
        opcode, payload = client.next_frame()
        if opcode == 0x1 and json.loads(payload).get("type") == "ack":
            assert json.loads(payload)["id"] == 7
            break
    client.close()
