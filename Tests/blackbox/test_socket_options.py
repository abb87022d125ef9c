"""The daemon's end of every connection sends small frames at once (TCP_NODELAY). The transport
accepts connections itself (on its own listener, or systemd's socket under socket activation),
and lws' adoption of an accepted socket sets no options: under socket activation Nagle was on,
so a frame written while an earlier one was unacknowledged waited for that ACK (up to the
peer's delayed-ACK time). The daemon's socket is read through pidfd_getfd(2): a copy of the
descriptor in this process, the real one's options."""
import ctypes
import os
import platform
import socket

import pytest

from test_systemd import serving_through_systemds_socket

PIDFD_GETFD = {"x86_64": 438, "aarch64": 438}.get(platform.machine())
TIMEOUT = 20
libc = ctypes.CDLL(None, use_errno=True)


def daemons_end(pid, client):
    """A copy of the daemon's socket whose peer is `client`, or None when there is none yet."""
    wanted = client.getsockname()
    pidfd = os.pidfd_open(pid)
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            if not os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                continue
            fd = libc.syscall(PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                error = ctypes.get_errno()
                if error == 1:
                    pytest.skip("pidfd_getfd needs ptrace rights over the daemon")
                continue  # closed meanwhile
            copy = socket.socket(fileno=fd)
            try:
                if copy.type == socket.SOCK_STREAM and copy.getpeername() == wanted:
                    return copy
            except OSError:
                pass
            copy.close()
    finally:
        os.close(pidfd)
    return None


def assert_no_delay(pid, port):
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as client:
        client.sendall(b"GET /livez HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        assert client.recv(64).startswith(b"HTTP/1.1 200"), "the daemon did not answer"
        served = daemons_end(pid, client)  # accepted and answered: the daemon holds its end now
        assert served is not None, "no socket of the daemon's has this connection's address as its peer"
        with served:
            assert served.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


pytestmark = pytest.mark.skipif(PIDFD_GETFD is None or not hasattr(os, "pidfd_open"),
                                reason="pidfd_getfd(2)'s number is known here for x86_64 and aarch64 only")


def test_connections_to_the_daemons_own_listener_send_small_frames_at_once(daemon):
    assert_no_delay(daemon.process.pid, daemon.port)


def test_connections_through_systemds_socket_send_small_frames_at_once(tmp_path):
    with serving_through_systemds_socket(tmp_path) as (process, port):
        assert_no_delay(process.pid, port)
