"""A WebSocket client on a bare socket for the black-box suite: it sends frames exactly as
built (a reserved close code, a 1-byte close payload, no mask), which `websockets` refuses to
send, and reads the server's frames as they come. Every read has a timeout; nothing sleeps."""
import base64
import os
import socket
import struct

TIMEOUT = 10.0


def frame(opcode, payload, masked=True, final=True):
    """One frame (`payload` under 126 bytes), masked with a random key unless `masked` is false."""
    assert len(payload) < 126
    first = (0x80 if final else 0) | opcode
    if not masked:
        return bytes([first, len(payload)]) + payload
    key = os.urandom(4)
    return bytes([first, 0x80 | len(payload)]) + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def close_frame(code, reason=b""):
    """A masked close frame with `code` (None: no code) and `reason` bytes."""
    return frame(0x8, (b"" if code is None else struct.pack("!H", code)) + reason)


class RawClient:
    """An upgraded `reviewroom.v1` connection; `frames` read so far are kept by `next_frame`."""

    def __init__(self, port, receive_buffer=None):
        """`receive_buffer`: a small SO_RCVBUF, set before connecting, for a client that stops
        reading and must hold back the server's output soon."""
        self.sock = socket.socket()
        self.sock.settimeout(TIMEOUT)
        if receive_buffer:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.connect(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                           "Sec-WebSocket-Protocol: reviewroom.v1\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        assert head.startswith(b"HTTP/1.1 101"), head

    def _recv(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise EOFError("the server closed the TCP connection")
        return chunk

    def _take(self, count):
        while len(self.buffer) < count:
            self.buffer += self._recv()
        taken, self.buffer = self.buffer[:count], self.buffer[count:]
        return taken

    def send(self, data):
        self.sock.sendall(data)

    def next_frame(self):
        """(opcode, payload) of the server's next frame; EOFError when the TCP connection ends first."""
        first, second = self._take(2)
        length = second & 0x7F
        if length == 126:
            length = struct.unpack("!H", self._take(2))[0]
        elif length == 127:
            length = struct.unpack("!Q", self._take(8))[0]
        return first & 0x0F, self._take(length)

    def close_reply(self):
        """The server's close frame as (code or None, reason bytes), skipping other frames;
        None when the TCP connection ends without one."""
        try:
            while True:
                opcode, payload = self.next_frame()
                if opcode == 0x8:
                    return (struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else None), payload[2:]
        except EOFError:
            return None

    def close(self):
        self.sock.close()
