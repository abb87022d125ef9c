"""Fixtures for the WebSocket black-box suite: one real reviewroomd for the whole run, a
facilitator made with `reviewroomd facilitator add --json`, and a factory that schedules an
open session through `POST /api/v1/sessions` and hands back every invite token.

The daemon is `.build/debug/reviewroomd` (override with REVIEWROOMD=path). Its port is read
from the `Listening on http://HOST:PORT` stdout line, with a timeout that fails the run.
"""
import datetime
import pathlib
import sys
import shutil
import tempfile
import urllib.request

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "support"))
from reviewroomd import EXECUTABLE as DAEMON, Daemon  # noqa: E402
from slowest_first import slowest_files_first  # noqa: E402

# The files that took 5 s or more of a worker's time, the longest first (session 62):
# `make blackbox-test` hands them out first (slowest_first.py).
SLOWEST_FILES = [
    "test_forced_close_logs.py", "test_slow_clients.py", "test_soak_smoke.py", "test_invite_limit.py",
    "test_connection_cap.py", "test_delete_durability.py", "test_database_moved.py", "test_deploy_install_server.py",
]


def pytest_collection_modifyitems(items):
    slowest_files_first(items, SLOWEST_FILES, pathlib.Path(__file__).parent)


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


class Session:
    """A scheduled, open session: its id and, by participant name, the invite tokens and ids."""

    def __init__(self, daemon, facilitator, created):
        self.daemon = daemon
        self.facilitator_token = facilitator["token"]
        self.facilitator_id = facilitator["id"]
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


def schedule_session(daemon, title, focus, maker=None):
    """An open session (AGENDA, PEOPLE) of `maker` (`{id, name, token}`; default: a new
    facilitator of `daemon`), for tests that run a daemon of their own (a crash, a restart)
    instead of the shared one, or that revoke the facilitator."""
    maker = maker or daemon.add_facilitator("Fran")
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", maker["token"], {
        "title": title, "hostSchool": "Northfield Primary", "focus": focus,
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "agenda": AGENDA, "participants": PEOPLE})
    assert status == 201, created
    return Session(daemon, maker, created)


def metric(daemon, name):
    """The value of the unlabelled series `name` that `/metrics` serves now."""
    with urllib.request.urlopen(daemon.base + "/metrics", timeout=10) as response:
        text = response.read().decode()
    return next(int(float(line.split()[1])) for line in text.splitlines() if line.startswith(name + " "))


@pytest.fixture
def own_daemon():
    """Starts daemons of a test's own with extra environment (`REVIEWROOM_<KEY>` overrides), on
    `port` (0 picks a free one); stops them and removes their data at the end."""
    made = []

    def start(port=0, **environment):
        instance = Daemon(tempfile.mkdtemp(prefix="reviewroom-own-"), environment).start(port)
        made.append(instance)
        return instance
    yield start
    for instance in made:
        instance.stop()
        shutil.rmtree(instance.data_dir, ignore_errors=True)


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
