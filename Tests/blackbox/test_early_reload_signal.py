"""A SIGHUP that arrives while `serve` is still starting (opening the store, making the demo)
is neither fatal nor lost: SIGHUP ends a process by default, and `systemctl reload` or a
certificate renewal hook may send one right after a start; the reload runs once the daemon
serves (RunningUnderSystemd, "SIGHUP"). It used to be dropped."""
import shutil
import signal
import subprocess
import tempfile
import urllib.request

from reviewroomd import EXECUTABLE, StderrLines, clean_environment


def test_a_sighup_during_start_up_reloads_once_the_daemon_comes_up():
    work = tempfile.mkdtemp(prefix="reviewroom-early-hup-")
    process = subprocess.Popen(
        [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", work, "--demo"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_environment())
    try:
        stderr = StderrLines(process.stderr)
        # The store opens before the demo is made and before the listener: still starting.
        stderr.until("store opened")
        process.send_signal(signal.SIGHUP)
        stderr.until("listening config=")
        line = process.stdout.readline()
        while line and not line.startswith("Listening on "):
            line = process.stdout.readline()
        assert line.startswith("Listening on "), "reviewroomd exited:\n" + "".join(stderr.seen)
        base = line.split("Listening on ", 1)[1].strip()
        with urllib.request.urlopen(base + "/readyz", timeout=10) as response:
            assert response.status == 200
        assert process.poll() is None
        # The reload the early SIGHUP asked for runs once the daemon serves (its line may come
        # before or after the daemon's "listening").
        if not any("SIGHUP: reloading" in seen for seen in stderr.seen):
            stderr.until("SIGHUP: reloading")
        assert process.poll() is None
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(work, ignore_errors=True)
