"""Fixtures for the WebSocket black-box suite: one real reviewroomd for the whole run, a
facilitator made with `reviewroomd facilitator add --json`, and a factory that schedules an
open session through `POST /api/v1/sessions` and hands back every invite token.

The daemon is `.build/debug/reviewroomd` (override with REVIEWROOMD=path). Its port is read
from the `Listening on http://HOST:PORT` stdout line, with a timeout that fails the run.
"""
import datetime
import json
import os
import pathlib
import queue
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DAEMON = pathlib.Path(os.environ.get("REVIEWROOMD", ROOT / ".build" / "debug" / "reviewroomd"))
START_TIMEOUT = 30

# Phases long enough that no server-timed event (`clock.warning` comes 60 s before a phase's
# end) lands in the middle of a test; the suite asserts on exact event sequences.
AGENDA = [
    {"title": "Welcome", "kind": "briefing", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"},
    {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "onTimeUp": "overtime"},
    {"title": "Actions", "kind": "actions", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"},
]
PEOPLE = [
    {"name": "Asha", "role": "reviewer"},
    {"name": "Bilal", "role": "reviewer"},
    {"name": "Ben", "role": "host"},
    {"name": "Olu", "role": "observer"},
    {"name": "Room", "role": "display"},
]


class Daemon:
    """One reviewroomd process on a free port with its own data dir."""

    def __init__(self, data_dir):
        self.data_dir = data_dir
        self.process = None
        self.base = None

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("REVIEWROOM_", "NOTIFY_SOCKET", "LISTEN_"))}
        self.log = open(os.path.join(self.data_dir, "daemon.log"), "a")
        self.process = subprocess.Popen(
            [str(DAEMON), "serve", "--listen", "127.0.0.1:0", "--data-dir", self.data_dir],
            stdout=subprocess.PIPE, stderr=self.log, text=True, env=env)
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
        if getattr(self, "log", None):
            self.log.close()

    def add_facilitator(self, name):
        out = subprocess.run([str(DAEMON), "facilitator", "add", name, "--json", "--data-dir", self.data_dir],
                             check=True, capture_output=True, text=True, timeout=30).stdout
        return json.loads(out)

    def api(self, method, path, token, body=None):
        """(status, parsed JSON or None) of one API request."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method,
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw)
            except ValueError:
                return error.code, None


class Session:
    """A scheduled, open session: its id and, by participant name, the invite tokens and ids."""

    def __init__(self, daemon, facilitator, created):
        self.daemon = daemon
        self.facilitator_token = facilitator["token"]
        self.id = created["session"]["id"]
        self.tokens, self.pids, self.people = {}, {}, {}
        for invite in created["invites"]:
            person = invite["participant"]
            name = "Fran" if person["role"] == "facilitator" else person["name"]
            self.tokens[name] = invite["token"]
            self.pids[name] = person["id"]
            self.people[name] = person

    def api(self, method, path, body=None):
        return self.daemon.api(method, path, self.facilitator_token, body)


@pytest.fixture(scope="session")
def daemon():
    if not DAEMON.exists():
        pytest.fail(f"{DAEMON} is not built: run `swift build --product reviewroomd` first")
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-")
    instance = Daemon(data_dir).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="session")
def facilitator(daemon):
    """`{id, name, token}` of a facilitator made while the daemon runs."""
    made = daemon.add_facilitator("Fran")
    assert set(made) >= {"id", "name", "token"}, made
    return made


@pytest.fixture
def session(daemon, facilitator):
    """A fresh open session per test (its own seq from 0), scheduled through the API."""
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    body = {
        "title": "Reading for pleasure – rapid review", "hostSchool": "Northfield Primary",
        "focus": "How do we rebuild reading stamina?", "startsAt": starts.isoformat().replace("+00:00", "Z"),
        "timeZone": "Europe/London", "agenda": AGENDA,
        "prompts": [{"text": "What do pupils read at home?", "theme": "reading"},
                    {"text": "Who chooses the class reader?", "theme": "choice"}],
        "participants": PEOPLE, "lobbyOpensMinutesBefore": 15, "autoStart": False,
    }
    status, created = daemon.api("POST", "/sessions", facilitator["token"], body)
    assert status == 201, (status, created)
    return Session(daemon, facilitator, created)
