"""PROTOCOL.md §1 under systemd, without systemd: `NOTIFY_SOCKET` is a datagram socket this test
binds. `WATCHDOG=1` is sent only while the store answers too: a database another process keeps
locked withholds it, and it comes back once the lock is gone."""
import contextlib
import json
import os
import resource
import queue
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect

from reviewroomd import EXECUTABLE, clean_environment
from test_deploy_sandbox import UNIT, unit_settings

TIMEOUT = 15


class NotifySocket:
    """The receiving end of sd_notify(3): one datagram per notification."""

    def __init__(self, path):
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.socket.bind(path)

    def next(self, predicate, timeout=TIMEOUT):
        """The first notification (its lines) matching `predicate`, skipping the others."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            assert left > 0, "no matching notification in time"
            self.socket.settimeout(left)
            lines = self.socket.recv(4096).decode().split("\n")
            if predicate(lines):
                return lines

    def drain(self):
        """Every notification already received, without waiting."""
        self.socket.setblocking(False)
        received = []
        try:
            while True:
                received.append(self.socket.recv(4096).decode().split("\n"))
        except BlockingIOError:
            return received
        finally:
            self.socket.setblocking(True)

    def close(self):
        self.socket.close()


class LoggedDaemon:
    """`reviewroomd serve` with its stderr read line by line, so a test can wait for a log line."""

    def __init__(self, data_dir, extra_env):
        self.data_dir = str(data_dir)
        self.process = subprocess.Popen(
            [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=clean_environment(extra_env))
        self.lines = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(line) for line in self.process.stderr], daemon=True).start()

    def wait_for_log(self, text, timeout=TIMEOUT):
        """Waits for the next log line holding `text`."""
        deadline = time.monotonic() + timeout
        while text not in self.lines.get(timeout=max(0.01, deadline - time.monotonic())):
            pass

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


def test_the_watchdog_keep_alive_waits_for_the_store(tmp_path):
    notify = NotifySocket(str(tmp_path / "notify.sock"))
    daemon = LoggedDaemon(tmp_path / "data", {"NOTIFY_SOCKET": str(tmp_path / "notify.sock"), "WATCHDOG_USEC": "1000000"})
    try:
        notify.next(lambda lines: "READY=1" in lines)
        notify.next(lambda lines: "WATCHDOG=1" in lines)

        lock = sqlite3.connect(os.path.join(daemon.data_dir, "reviewroom.sqlite3"), timeout=5, isolation_level=None)
        lock.execute("BEGIN EXCLUSIVE")
        withheld = "no answer from the store; withholding WATCHDOG=1"
        daemon.wait_for_log(withheld)
        notify.drain()  # what was sent before the lock took hold
        daemon.wait_for_log(withheld)
        daemon.wait_for_log(withheld)
        assert [lines for lines in notify.drain() if "WATCHDOG=1" in lines] == []

        lock.execute("ROLLBACK")
        lock.close()
        notify.next(lambda lines: "WATCHDOG=1" in lines)

        daemon.process.send_signal(signal.SIGTERM)
        notify.next(lambda lines: "STOPPING=1" in lines)
        assert daemon.process.wait(timeout=TIMEOUT) == 0
    finally:
        daemon.stop()
        notify.close()


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("unshare") is None, reason="needs root and unshare(1) for a mount namespace")
def test_the_units_reload_command_works_on_a_server_without_procps(tmp_path):
    """`systemctl reload` runs the unit's ExecReload=. Minimal Debian (debootstrap minbase, the
    debian:bookworm image) has no procps, so no /bin/kill: there it must still send SIGHUP. Run
    as systemd runs it (MAINPID in the environment) with every kill(1) on this machine hidden."""
    command = shlex.split(unit_settings(UNIT)["ExecReload"])
    hide = " && ".join(f"mount --bind /dev/null {path}" for path in ("/usr/bin/kill", "/bin/kill") if os.path.isfile(path))
    daemon = LoggedDaemon(tmp_path, {})
    try:
        # The daemon's own line, once it serves (as systemd never sends a reload before READY=1).
        daemon.wait_for_log("reviewroomd: listening")
        reload = subprocess.run(["unshare", "--mount", "sh", "-c", f"{hide or 'true'} && exec \"$@\"", "sh", *command],
                                env={"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "MAINPID": str(daemon.process.pid)},
                                capture_output=True, text=True, timeout=TIMEOUT)
        assert reload.returncode == 0, reload
        daemon.wait_for_log("SIGHUP: reloading")
    finally:
        daemon.stop()


def socket_activated_daemon(tmp_path, listeners, extra_preexec=None):
    """`reviewroomd serve` handed `listeners` as fds 3, 4, … with LISTEN_FDS, as systemd does
    (LISTEN_PID left unset, which the daemon accepts); `extra_preexec` runs in the child too."""
    fds = [listener.fileno() for listener in listeners]

    def as_systemd_hands_them():
        # Copies first, so moving one into place never overwrites another still to be moved.
        copies = [os.dup(fd) for fd in fds]
        for number, copy in enumerate(copies, start=3):
            os.dup2(copy, number)
            os.set_inheritable(number, True)  # dup2 onto itself keeps dup's close-on-exec
        # Nothing else of this process: systemd passes only its sockets (a long pytest run holds
        # many descriptors, which a daemon started with a low RLIMIT_NOFILE would start without).
        os.closerange(3 + len(copies), resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        if extra_preexec:
            extra_preexec()

    return subprocess.Popen(
        [str(EXECUTABLE), "serve", "--data-dir", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=clean_environment({"LISTEN_FDS": str(len(listeners))}), preexec_fn=as_systemd_hands_them,
        close_fds=False)


@contextlib.contextmanager
def serving_through_systemds_socket(tmp_path, host="127.0.0.1"):
    """A daemon handed a socket listening on `host` (a free port), once it serves: (process, port)."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    listener.bind((host, 0))
    listener.listen()
    process = socket_activated_daemon(tmp_path, [listener])
    try:
        for line in process.stderr:
            if "transport listening" in line:
                break
        else:
            pytest.fail(f"reviewroomd exited with {process.wait()}")
        yield process, listener.getsockname()[1]
    finally:
        process.kill()
        process.wait()
        listener.close()


def test_a_second_socket_from_systemd_is_named_as_never_answered(tmp_path):
    """A socket unit with two ListenStream= (a drop-in adding an address without clearing the
    shipped one) hands over two sockets; only fd 3 is served, so the start-up log says so."""
    listeners = []
    for _ in range(2):
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listeners.append(listener)
    process = socket_activated_daemon(tmp_path, listeners)
    try:
        for line in process.stderr:
            if "listening config=" in line:
                pytest.fail("started without a word about the second socket")
            if "socket activation handed over 2 sockets" in line:
                assert "only the first (fd 3) is served" in line and "single ListenStream=" in line, line
                break
        else:
            pytest.fail(f"reviewroomd exited with {process.wait()}")
    finally:
        process.kill()
        process.wait()
        for listener in listeners:
            listener.close()


def test_a_socket_from_systemd_that_is_not_listening_is_named_as_such(tmp_path):
    """A ListenStream= socket that is not listening stops the start (exit 69), and the line names
    the socket systemd passed, not the `listen` key it does not use (it said "cannot listen on
    127.0.0.1:8080" whatever the socket unit held)."""
    unbound = socket.socket()
    process = socket_activated_daemon(tmp_path, [unbound])
    try:
        _, stderr = process.communicate(timeout=TIMEOUT)
        assert process.returncode == 69, stderr
        line = next((l for l in stderr.splitlines() if "cannot listen" in l), "")
        assert "the socket systemd passed (LISTEN_FDS, fd 3)" in line and "not listening" in line, stderr
        assert "8080" not in line, line
        assert not (tmp_path / "reviewroom.sqlite3").exists(), "a start that cannot serve created a database"
    finally:
        if process.poll() is None:
            process.kill()
        unbound.close()


def test_a_descriptor_from_systemd_that_is_not_a_socket_stops_the_start_before_the_store(tmp_path):
    """An fd 3 that is a file, not a socket (a unit that passes the wrong descriptor), stops the
    start with exit 69 and a line naming it, and the data directory is left as it was: the
    check comes before the store is opened (it used to create an empty database first)."""
    data = tmp_path / "data"
    with open(tmp_path / "not-a-socket", "w") as wrong:
        process = socket_activated_daemon(data, [wrong])
        try:
            _, stderr = process.communicate(timeout=TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
    assert process.returncode == 69, stderr
    line = next((l for l in stderr.splitlines() if "cannot listen" in l), "")
    assert "the socket systemd passed (LISTEN_FDS, fd 3)" in line and "is not a socket" in line, stderr
    assert not data.exists(), sorted(p.name for p in data.iterdir())


@pytest.mark.parametrize("host, authority", [("127.0.0.2", "127.0.0.2"), ("::1", "[::1]")])
def test_pages_served_through_a_socket_on_another_address_may_open_their_websocket(tmp_path, host, authority):
    """Without public_url the links name the socket unit's address, so that address is the pages'
    own origin. A ListenStream= on a LAN address (README, "Another address") gave links to it,
    but only 127.0.0.1's origins were allowed: every page's WebSocket was refused with 403.
    127.0.0.2 stands in for the LAN address (loopback, not 127.0.0.1); an IPv6 socket too (the
    transport was told to disable IPv6 for any socket from systemd)."""
    with serving_through_systemds_socket(tmp_path, host) as (process, port):
        origin = f"http://{authority}:{port}"
        # The links' origin: the socket's address, not `listen`'s default 127.0.0.1.
        assert process.stdout.readline().strip() == f"Listening on {origin}"
        with connect(f"ws://{authority}:{port}/ws", origin=origin, subprotocols=["reviewroom.v1"], open_timeout=TIMEOUT) as ws:
            ws.send(json.dumps({"type": "hello", "token": "not-a-token"}))
            with pytest.raises(ConnectionClosed) as closed:
                while True:
                    ws.recv(timeout=TIMEOUT)
        # The connection was the page's to make: the token, not the origin, is what ended it.
        assert closed.value.rcvd.code == 4001, closed.value
        with pytest.raises(InvalidStatus) as refused:
            connect(f"ws://{authority}:{port}/ws", origin="http://elsewhere.example", subprotocols=["reviewroom.v1"],
                    open_timeout=TIMEOUT)
        assert refused.value.response.status_code == 403
