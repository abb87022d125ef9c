"""Starts a real reviewroomd for the black-box API checks: a temp data dir, a facilitator made
with `reviewroomd facilitator add --json`, `serve --listen 127.0.0.1:0`, the port read from the
`Listening on` line."""
import json
import os
import shutil
import subprocess
import tempfile


def find_daemon():
    explicit = os.environ.get("REVIEWROOMD")
    if explicit:
        return explicit
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    bin_path = subprocess.run(["swift", "build", "--show-bin-path"], cwd=root, check=True,
                              capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_path, "reviewroomd")


class Daemon:
    def __init__(self):
        self.executable = find_daemon()
        self.data = tempfile.mkdtemp(prefix="reviewroom-api-")
        self.token = self.add_facilitator("Schemathesis")["token"]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWROOM_", "NOTIFY_SOCKET", "LISTEN_"))}
        self.process = subprocess.Popen(
            [self.executable, "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        line = self.process.stdout.readline()  # blocks until the daemon announces itself
        if not line.startswith("Listening on "):
            self.stop()
            raise RuntimeError(f"reviewroomd did not start: {line!r}")
        self.url = line.split()[-1]

    def add_facilitator(self, name):
        out = subprocess.run([self.executable, "facilitator", "add", name, "--data-dir", self.data, "--json"],
                             check=True, capture_output=True, text=True).stdout
        return json.loads(out)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        shutil.rmtree(self.data, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
