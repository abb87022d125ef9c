"""Slow clients must not hold the daemon's connections for as long as they like (PRODUCT.md
"Safe": bad input changes nothing; PROTOCOL.md §3.4 limits).

An HTTP request's headers and each piece of its body are timed by libwebsockets, but that
timeout restarts with every piece, so a body trickled in a byte at a time, never finished, kept
its connection open forever, without any token. The daemon now drops a request whose body is
still incomplete 20 s after its headers (WebSocketTransport docs, "ThreadingAndBackpressure").
"""
import select
import socket

# Far above the 20 s body deadline, so only a daemon that never drops the trickle fails.
GIVE_UP_AFTER_BYTES = 60


def test_a_body_trickled_a_byte_at_a_time_is_dropped_before_it_ends(daemon):
    head = ("POST /api/v1/sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n{").encode()
    with socket.create_connection(("127.0.0.1", daemon.port), timeout=20) as sock:
        sock.sendall(head)
        dropped = False
        for _ in range(GIVE_UP_AFTER_BYTES):
            # Waiting a second for the daemon to close is what paces the trickle.
            readable, _, _ = select.select([sock], [], [], 1.0)
            if readable:
                try:
                    dropped = sock.recv(4096) == b""
                except ConnectionResetError:
                    dropped = True
                assert dropped, "the daemon answered a request whose body never arrived"
                break
            try:
                sock.sendall(b" ")
            except (BrokenPipeError, ConnectionResetError):
                dropped = True
                break
    assert dropped, f"a body trickled a byte a second held its connection for {GIVE_UP_AFTER_BYTES} s"
    status, _ = daemon.api("GET", "/templates", "no-such-token")
    assert status == 401
