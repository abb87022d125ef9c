"""What school IT sees (PROTOCOL §1, Operations): tokens never reach the log, even at
`log_level = "trace"`, whatever a client does with them; `/metrics` carries no token and no
user data and is well-formed Prometheus text naming what README and Operations list; the health
endpoints agree and answer HEAD."""
import json
import os
import queue
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request

import pytest

from conftest import schedule_session
from reviewroomd import EXECUTABLE, Daemon, clean_environment
from wsclient import Client, run

TRACE = {"REVIEWROOM_LOG_LEVEL": "trace"}
TITLE = "Reading for pleasure review"


@pytest.fixture
def traced():
    """A daemon of its own logging at its most verbose."""
    instance = Daemon(tempfile.mkdtemp(prefix="reviewroom-trace-"), TRACE).start()
    yield instance
    instance.stop()
    shutil.rmtree(instance.data_dir, ignore_errors=True)


def cli(daemon, *args):
    """(stdout, stderr) of an offline command on the daemon's data dir, at trace level."""
    done = subprocess.run([str(EXECUTABLE), *args, "--data-dir", daemon.data_dir], capture_output=True,
                          text=True, timeout=30, env=clean_environment(TRACE))
    assert done.returncode == 0, done.stderr
    return done.stdout, done.stderr


def http(daemon, path, headers=None):
    request = urllib.request.Request(daemon.base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


async def console(daemon, token, session_id):
    client = await Client.open(daemon.ws_url)
    await client.send({"type": "hello", "facilitatorToken": token, "session": session_id})
    client.welcome = await client.receive()
    return client


async def refused(daemon, hello, url=None):
    client = await Client.open(url or daemon.ws_url)
    await client.send(hello)
    code, _ = await client.close_code()
    assert code == 4001, code


async def busy(daemon, session, tokens):
    """Every way a token travels: joins, a console, a resume, bad and revoked tokens, a reissue,
    tokens wrongly put in query strings, and the facilitator token in `Authorization`."""
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    assert asha.welcome["type"] == "welcome", asha.welcome
    fran = await console(daemon, session.facilitator_token, session.id)
    assert fran.welcome["type"] == "welcome", fran.welcome
    epoch = asha.welcome["epoch"]
    await asha.close()
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"], resume={"epoch": epoch, "after": 0})
    assert asha.welcome["type"] == "resumed", asha.welcome
    bad = session.tokens["Bilal"][:-4] + "zzzz"
    tokens.append(bad)
    await refused(daemon, {"type": "hello", "token": bad, "client": "blackbox/1"})
    await refused(daemon, {"type": "hello", "facilitatorToken": bad, "session": session.id})
    ben = await Client.open(f"{daemon.ws_url}?token={session.tokens['Ben']}")
    await ben.send({"type": "hello", "token": session.tokens["Ben"], "client": "blackbox/1"})
    assert (await ben.receive())["type"] == "welcome"
    await ben.close()
    status, invite = session.api("POST", f"/sessions/{session.id}/participants/{session.pids['Bilal']}/reissue")
    assert status == 201, invite
    tokens.append(invite["token"])
    await refused(daemon, {"type": "hello", "token": session.tokens["Bilal"], "client": "blackbox/1"})
    assert session.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Asha']}")[0] == 204
    assert (await asha.close_code())[0] == 4003
    for path in (f"/api/v1/sessions?token={session.facilitator_token}", f"/join?token={session.tokens['Olu']}",
                 f"/ws?token={session.facilitator_token}", f"/api/v1/sessions/{session.id}?access_token={bad}"):
        http(daemon, path)
    for header in (f"Bearer {bad}", f"Basic {session.facilitator_token}", session.facilitator_token):
        assert http(daemon, "/api/v1/sessions", {"Authorization": header})[0] == 401
    await fran.close()


def demo_run(data_dir):
    """(stdout, stderr) of `serve --demo` at trace level, stopped once it printed its links."""
    process = subprocess.Popen([str(EXECUTABLE), "serve", "--demo", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=clean_environment(TRACE))
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)],
                     daemon=True).start()
    out = []
    while not out or "/display#" not in out[-1]:
        line = lines.get(timeout=30)
        assert line is not None, "serve --demo exited before printing a display link"
        out.append(line)
    process.terminate()
    _, err = process.communicate(timeout=15)
    return "".join(out), err


@run
async def test_no_token_reaches_the_logs_or_metrics_at_trace_level(traced):
    made_out, made_err = cli(traced, "facilitator", "add", "Fran Okafor", "--json")
    made = json.loads(made_out)
    gone_out, gone_err = cli(traced, "facilitator", "add", "Gale", "--json")
    gone = json.loads(gone_out)
    session = schedule_session(traced, TITLE, "Stamina", made)
    other = schedule_session(traced, TITLE, "Stamina", gone)
    tokens = [made["token"], gone["token"], *session.tokens.values(), *other.tokens.values()]
    await busy(traced, session, tokens)
    cli_output = [made_err, gone_err, *cli(traced, "facilitator", "revoke", gone["id"]), *cli(traced, "facilitator", "list")]
    status, metrics = http(traced, "/metrics")
    assert status == 200
    traced.stop()
    with open(os.path.join(traced.data_dir, "daemon.log")) as log:
        daemon_log = log.read()
    assert " trace " in daemon_log or " debug " in daemon_log, "the daemon did not log verbosely"
    demo_out, demo_err = demo_run(tempfile.mkdtemp(prefix="reviewroom-trace-demo-", dir=traced.data_dir))
    demo_tokens = re.findall(r"#([A-Za-z0-9_-]{20,})", demo_out) + re.findall(r"token ([A-Za-z0-9_-]{20,})", demo_out)
    assert len(demo_tokens) >= 4, demo_out  # PROTOCOL §1: it prints them on stdout, which is its job
    texts = {"daemon log": daemon_log, "CLI output": "\n".join(cli_output), "serve --demo stderr": demo_err,
             "/metrics": metrics}
    for token in tokens + demo_tokens:
        for where, text in texts.items():
            assert token[:12] not in text, f"a token's first 12 characters are in the {where}"
    for user_data in (TITLE, "Fran Okafor", "Northfield", "Asha", session.id):
        assert user_data not in metrics, f"{user_data!r} is in /metrics"


# What README ("Metrics", "Operating") and Operations name, with their types and label names.
DOCUMENTED = {
    "reviewroom_connections": ("gauge", set()),
    "reviewroom_sessions_live": ("gauge", set()),
    "reviewroom_commands_total": ("counter", {"type", "outcome"}),
    "reviewroom_commit_latency_seconds": ("histogram", set()),
    "reviewroom_send_wait_seconds": ("histogram", set()),
    "reviewroom_receive_handling_seconds": ("histogram", set()),
    "reviewroom_outbox_drops_total": ("counter", set()),
    "reviewroom_connection_cap_refusals_total": ("counter", set()),
    "reviewroom_hellos_held_total": ("counter", set()),
    "reviewroom_http_requests_total": ("counter", {"status"}),
    "reviewroom_build_info": ("gauge", {"version"}),
    "process_start_time_seconds": ("gauge", set()),
}
SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\.)*)"')


def parse_exposition(text):
    """{family: {"type", "help", "samples": [(name, labels, value)]}}, checking the text format
    0.0.4 as a Prometheus server reads it: HELP and TYPE once per family and before its samples,
    every sample line well-formed and of a declared family."""
    families, current = {}, None
    assert text.endswith("\n"), "the exposition must end with a newline"
    for line in text.splitlines():
        if line.startswith("# HELP ") or line.startswith("# TYPE "):
            kind, name, rest = line[2:6], *line[7:].split(" ", 1)
            family = families.setdefault(name, {"samples": []})
            assert kind.lower() not in family, f"a second {kind} for {name}"
            assert not family["samples"], f"{kind} for {name} after its samples"
            family[kind.lower()] = rest
            current = name
            continue
        assert line and not line.startswith("#"), f"unexpected line {line!r}"
        match = SAMPLE.match(line)
        assert match, f"not a sample line: {line!r}"
        name, labels, value = match.groups()
        float(value)  # a number, +Inf, -Inf or NaN
        family = current if name == current or name.startswith(current + "_") else None
        assert family, f"{name} is not under its family's HELP/TYPE"
        families[family]["samples"].append((name, dict(LABEL.findall(labels or "")), float(value)))
    return families


def check_histogram(name, samples):
    buckets = [(labels["le"], value) for sample, labels, value in samples if sample == name + "_bucket"]
    assert buckets and buckets[-1][0] == "+Inf", f"{name}: buckets must end with le=\"+Inf\""
    bounds = [float(le) for le, _ in buckets]
    counts = [value for _, value in buckets]
    assert bounds == sorted(bounds) and counts == sorted(counts), f"{name}: buckets not cumulative"
    totals = {sample: value for sample, _, value in samples if sample in (name + "_sum", name + "_count")}
    assert set(totals) == {name + "_sum", name + "_count"}, f"{name}: needs _sum and _count"
    assert totals[name + "_count"] == counts[-1], f"{name}: _count differs from the +Inf bucket"


@run
async def test_metrics_are_well_formed_and_name_what_the_docs_list(session):
    daemon = session.daemon
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    await asha.command("ping")
    await asha.close()
    status, text = http(daemon, "/metrics")
    assert status == 200
    families = parse_exposition(text)
    for name, (kind, labels) in DOCUMENTED.items():
        family = name[:-len("_total")] if kind == "counter" and name not in families else name
        assert family in families, f"{name} is documented but not served"
        assert families[family].get("type") == kind and families[family].get("help"), (name, families[family])
        for sample, sample_labels, _ in families[family]["samples"]:
            if kind == "histogram":
                assert set(sample_labels) <= {"le"}, (sample, sample_labels)
            else:
                assert set(sample_labels) == labels, (sample, sample_labels)
        if kind == "histogram":
            check_histogram(name, families[family]["samples"])


@pytest.mark.parametrize("path", ["/livez", "/healthz", "/readyz"])
def test_health_endpoints_agree_and_answer_head(daemon, path):
    for method in ("GET", "HEAD"):
        request = urllib.request.Request(daemon.base + path, method=method)
        with urllib.request.urlopen(request, timeout=15) as response:
            body = response.read().decode()
            assert response.status == 200, (method, path)
            assert response.headers["Content-Type"].startswith("text/plain"), response.headers["Content-Type"]
            assert body == ("" if method == "HEAD" else ("ready\n" if path == "/readyz" else "ok\n")), (method, body)
