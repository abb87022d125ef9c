"""A flood of idle connections that uses up the daemon's file descriptors: libwebsockets 4.1.6
then fails `accept` (EMFILE) at every turn of its loop and logged "accept: errno 24" each time
(58,000 lines, 4.4 MB, in a few seconds). Each distinct lws line is now logged at most once a
second with a count of those held back, and the daemon serves again once the flood is gone.
The daemon runs with a soft limit of 128 descriptors so that the flood is small."""
import queue
import re
import resource
import socket
import subprocess
import threading
import time
import urllib.request

from reviewroomd import EXECUTABLE, clean_environment

TIMEOUT = 20
LIMIT = 128


def test_a_descriptor_flood_logs_a_line_a_second_and_the_daemon_recovers(tmp_path):
    process = subprocess.Popen(
        [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=clean_environment({}),
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (LIMIT, LIMIT)))
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    held = []
    try:
        deadline = time.monotonic() + TIMEOUT
        port = None
        while port is None:
            found = re.search(r"transport listening port=(\d+)", lines.get(timeout=max(0.01, deadline - time.monotonic())))
            port = int(found.group(1)) if found else None
        for _ in range(LIMIT + 40):
            held.append(socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT))
        # Every lws "accept" line up to the one that carries a count of lines held back.
        accept_lines = []
        while not accept_lines or "more like it" not in accept_lines[-1]:
            line = lines.get(timeout=max(0.01, deadline - time.monotonic()))
            if "lws: accept" in line:
                accept_lines.append(line)
        assert len(accept_lines) == 2, accept_lines  # the first, then one a second later with the count
        held_back = int(re.search(r"and (\d+) more like it", accept_lines[-1]).group(1))
        assert held_back > 0, accept_lines
        for connection in held:
            connection.close()
        held = []
        # Once the flood is gone the daemon answers again.
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/livez", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert time.monotonic() < deadline, "the daemon did not answer after the flood ended"
    finally:
        # Whatever failed above, the daemon and the sockets go (a failure used to leave the daemon running).
        for connection in held:
            connection.close()
        process.kill()
        process.wait()
