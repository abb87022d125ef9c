"""A flood of idle connections that uses up the daemon's file descriptors. libwebsockets 4.1.6's
own listener then failed `accept` (EMFILE) at every turn of its loop: "accept: errno 24" logged
each time (58,000 lines, 4.4 MB, in a few seconds; later one a second with a count) and about 1.5
cores spent spinning while the flood lasted, new connections (health checks too) waiting
unanswered. The transport now accepts on a listener of its own (or systemd's socket) and, out
of descriptors, gives up a descriptor held in reserve for a moment to accept each pending
connection and close it at once: the connections beyond the limit end instead of waiting, the
loop is quiet, one warning a second says how many, and the daemon serves again once the flood
is gone. The daemon runs with a soft limit of 128 descriptors so that the flood is small."""
import queue
import re
import resource
import select
import socket
import subprocess
import threading
import time
import urllib.request

from reviewroomd import EXECUTABLE, clean_environment

TIMEOUT = 20
LIMIT = 128


def flooded_and_recovered(process, port, lines):
    """Opens LIMIT + 40 connections to `port` (at least 40 beyond what the daemon can hold);
    checks that the daemon says it closed some at once (never a line per failed accept) and that
    at least as many did end here, then closes them all and waits for `/livez` again."""
    held = []
    try:
        for _ in range(LIMIT + 40):
            held.append(socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT))
        # The warnings' counts (one line a second at most; the last from the idle sweep).
        said, warnings, seen, deadline = 0, [], [], time.monotonic() + TIMEOUT
        while said < 20:
            try:
                line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                # Fewer than 20 said (a lost reserve: 1 run in 30 with one): say what was.
                ended = sum(1 for c in held if select.select([c], [], [], 0)[0])
                raise AssertionError(f"the daemon said it closed {said} connections in {TIMEOUT} s; {ended} of {len(held)} "
                                     f"are readable or ended here; its lines since the flood began: {seen[-30:]}") from None
            seen.append(line.strip())
            assert "accept" not in line, line  # neither lws' "accept: errno 24" nor the listener's own
            if "out of file descriptors" in line:
                warnings.append(line)
                assert "LimitNOFILE" in line, line
                # Both reserves lost (another thread took their numbers): nothing more is shed.
                assert "none in reserve" not in line, line
                said += int(re.search(r"closed=(\d+)", line).group(1))
        # What the daemon says it closed did end here (each client sees its connection end).
        closed, deadline = set(), time.monotonic() + TIMEOUT
        while len(closed) < said:
            assert time.monotonic() < deadline, f"the daemon said it closed {said} connections; {len(closed)} ended"
            readable, _, _ = select.select([c for c in held if c not in closed], [], [], 1)
            for connection in readable:
                try:
                    ended = connection.recv(1) == b""
                except ConnectionResetError:
                    ended = True
                if ended:
                    closed.add(connection)
        for connection in held:
            connection.close()
        held = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the daemon did not answer after the flood ended"
        # At most a line a second: a handful over the whole test, never one per refused accept.
        while not lines.empty():
            line = lines.get()
            assert "accept" not in line, line
            warnings += [line] if "out of file descriptors" in line else []
        assert len(warnings) <= 1 + 3 * TIMEOUT, len(warnings)
    finally:
        for connection in held:
            connection.close()


def with_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT))


def test_a_flood_beyond_the_descriptors_is_closed_at_once_and_the_daemon_recovers(tmp_path):
    process = subprocess.Popen(
        [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=clean_environment({}),
        preexec_fn=with_limit)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    try:
        deadline = time.monotonic() + TIMEOUT
        port = None
        while port is None:
            found = re.search(r"transport listening port=(\d+)", lines.get(timeout=max(0.01, deadline - time.monotonic())))
            port = int(found.group(1)) if found else None
        flooded_and_recovered(process, port, lines)
    finally:
        # Whatever failed above, the daemon goes (a failure used to leave the daemon running).
        process.kill()
        process.wait()


def test_under_socket_activation_a_flood_beyond_the_descriptors_is_closed_at_once(tmp_path):
    """The same with systemd's socket (LISTEN_FDS). That path always accepted itself, and out of
    descriptors it spun too, with a warning per turn ("accept on inherited listener failed")."""
    from test_systemd import socket_activated_daemon

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(512)
    process = socket_activated_daemon(tmp_path, [listener], extra_preexec=with_limit)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while "transport listening" not in lines.get(timeout=max(0.01, deadline - time.monotonic())):
            pass
        flooded_and_recovered(process, listener.getsockname()[1], lines)
    finally:
        process.kill()
        process.wait()
        listener.close()
