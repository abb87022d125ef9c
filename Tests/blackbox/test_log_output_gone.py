"""The daemon's log output failing must not stop the daemon. Its lines were written with
Foundation's `FileHandle.write`, which ends the process on a write error: a daemon whose
stderr was a file on a disk that turned read-only (or full), or a pipe whose reader went away,
died at its next log line while its store was healthy. Now a line that cannot be written is
dropped."""
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request

from conftest import DAEMON
from reviewroomd import clean_environment


def test_a_daemon_whose_stderr_reader_went_away_keeps_serving():
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-stderr-")
    process = subprocess.Popen([str(DAEMON), "serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=clean_environment({"REVIEWROOM_LOG_LEVEL": "trace"}))
    try:
        base = None
        for line in process.stdout:
            if line.startswith("Listening on "):
                base = line.split("Listening on ", 1)[1].strip().rstrip("/")
                break
        assert base, "the daemon never listened"
        process.stderr.close()  # nobody reads the log any more
        # At trace level each request is logged as it is served: the first line after the reader
        # left fails with EPIPE, and the old daemon died there (its log thread may lag the
        # answer a little: twenty requests in a row outlast it).
        for _ in range(20):
            with urllib.request.urlopen(base + "/readyz", timeout=10) as response:
                assert response.status == 200
        assert process.poll() is None, f"the daemon died with status {process.returncode}"
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(data_dir, ignore_errors=True)
