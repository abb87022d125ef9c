"""One real reviewroomd for the Python suites (Tests/api, Tests/blackbox, Tests/browser).

The daemon is `.build/debug/reviewroomd` unless REVIEWROOMD names another binary. It serves
on `127.0.0.1:<port>` (0 picks a free one) with its own data dir; the port is read from the
`Listening on http://HOST:PORT` stdout line, with a timeout that fails the run. Its stderr
goes to `daemon.log` in the data dir, kept across restarts, for reading after a failure.
"""
import json
import os
import pathlib
import queue
import signal
import subprocess
import threading
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXECUTABLE = pathlib.Path(os.environ.get("REVIEWROOMD", ROOT / ".build" / "debug" / "reviewroomd"))
START_TIMEOUT = 30


def clean_environment(extra=None):
    """This process's environment without anything that would configure the daemon, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWROOM_", "NOTIFY_SOCKET", "LISTEN_"))}
    env.update(extra or {})
    return env


class StderrLines:
    """The daemon's stderr, line by line, read on a thread: `until` waits for a line (with a timeout)."""

    def __init__(self, stream):
        self.lines = queue.Queue()
        self.seen = []
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            self.lines.put(line)
        self.lines.put(None)

    def until(self, needle):
        while True:
            line = self.lines.get(timeout=START_TIMEOUT)
            assert line is not None, "reviewroomd exited:\n" + "".join(self.seen)
            self.seen.append(line)
            if needle in line:
                return line


class Daemon:
    """One reviewroomd process; `restart()` keeps the data dir and the port. `command` runs the
    binary (default: EXECUTABLE itself; a wrapper that ends in `exec "$@"` and the binary's
    path, to run it elsewhere, such as in a mount namespace); `add_facilitator` uses it too."""

    def __init__(self, data_dir, extra_env=None, command=None):
        self.data_dir = str(data_dir)
        self.env = clean_environment(extra_env)
        self.command = list(command or [str(EXECUTABLE)])
        self.process = None
        self.log = None
        self.port = 0
        self.base = None
        self.ws_url = None

    def start(self, port=0):
        self.log = open(os.path.join(self.data_dir, "daemon.log"), "a")
        self.process = subprocess.Popen(
            [*self.command, "serve", "--listen", f"127.0.0.1:{port}", "--data-dir", self.data_dir],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env=self.env)
        lines = queue.Queue()

        def pump(stream):
            for line in stream:
                lines.put(line)
            lines.put(None)

        threading.Thread(target=pump, args=(self.process.stdout,), daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=START_TIMEOUT)
            except queue.Empty:
                self.stop()
                raise RuntimeError(f"reviewroomd printed no 'Listening on' line within {START_TIMEOUT} s")
            if line is None:
                raise RuntimeError(f"reviewroomd exited with {self.process.wait()} before listening")
            if line.startswith("Listening on "):
                self.base = line.split("Listening on ", 1)[1].strip().rstrip("/")
                self.port = int(self.base.rsplit(":", 1)[1])
                self.ws_url = "ws://" + self.base.split("://", 1)[1] + "/ws"
                return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.log:
            self.log.close()
            self.log = None

    def restart(self):
        self.stop()
        return self.start(self.port)

    def kill(self):
        """`kill -9`: the process ends with nothing flushed or closed (its log file is closed here)."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=15)
        if self.log:
            self.log.close()
            self.log = None

    def crash_restart(self):
        """`kill -9`, then a new process on the same data dir and port."""
        self.kill()
        return self.start(self.port)

    def add_facilitator(self, name):
        """`{"id", "name", "token"}` of a new facilitator (works while the daemon runs)."""
        out = subprocess.run([*self.command, "facilitator", "add", name, "--json", "--data-dir", self.data_dir],
                             check=True, capture_output=True, text=True, timeout=30, env=self.env).stdout
        return json.loads(out)

    def api(self, method, path, token, body=None, timeout=15):
        """(status, parsed JSON or None) of one `/api/v1` request."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, None
