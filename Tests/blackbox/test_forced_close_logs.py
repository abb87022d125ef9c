"""Why a connection was closed, as school IT reads it in the journal (Operations, "Logs").

When the daemon closes a joined connection with 4029 on its own — the client kept flooding after
`rate_limited` refusals, or it read so slowly that its unsent output passed `outbox_limit_bytes`
— it logs one warning naming the session, the participant id and the connection, and what to do;
a socket that never sends its `hello` is closed with 4000 and logged at info. None of these lines
carries a token. The log is read after the daemon stopped, so every line is written by then."""
import base64
import json
import os
import re
import socket
import time
import urllib.error
import urllib.request

import pytest

from conftest import metric, schedule_session
from rawws import frame
from wsclient import Client, Closed, run

RATE_LIMIT_LINE = "closed a connection with 4029: it kept sending after its messages were refused as rate_limited"
OVERFLOW_LINE = "closed a connection with 4029: it read too slowly and its unsent output passed outbox_limit_bytes"
NO_HELLO_LINE = "closed a WebSocket with 4000: it sent no hello within 10 s of connecting"


def log_after_stop(daemon):
    daemon.stop()
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        return log.read()


def lines_with(text, needle):
    return [line for line in text.splitlines() if needle in line]


def assert_no_tokens(text, session):
    for name, token in session.tokens.items():
        assert token[:12] not in text, f"{name}'s token is in the log"
    assert session.facilitator_token[:12] not in text


async def flood_until_closed(daemon, token):
    """Joins with `token` and sends pings, each as soon as the last one's reply (most of them
    `rate_limited`) is read, until the daemon closes the connection; returns the close code."""
    client = await Client.join(daemon.ws_url, token)
    for number in range(1, 1000):
        try:
            await client.send({"type": "ping", "id": number})
            await client.expect(lambda m: m.get("id") == number)
        except Closed as closed:
            return closed.code
    return None


@run
async def test_a_flood_closed_with_4029_is_logged_with_its_participant_and_what_to_do(own_daemon):
    daemon = own_daemon(REVIEWROOM_MESSAGES_PER_SECOND="1", REVIEWROOM_MESSAGE_BURST="1")
    session = schedule_session(daemon, "Reading review", "Stamina")
    code = await flood_until_closed(daemon, session.tokens["Asha"])
    assert code == 4029, code
    log = log_after_stop(daemon)
    lines = lines_with(log, RATE_LIMIT_LINE)
    assert len(lines) == 1, log
    assert f"participant={session.pids['Asha']}" in lines[0] and f"session={session.id}" in lines[0], lines
    assert "warning" in lines[0] and "messages_per_second" in lines[0], lines
    assert "messages_per_second=1" in lines[0] and "message_burst=1" in lines[0], lines
    # Her connection's end has its `left` line like any other, saying the daemon closed it.
    connection = lines[0].split("connection=")[1].split()[0]
    left = [line for line in lines_with(log, " left") if f"connection={connection} " in line + " "]
    assert len(left) == 1 and "ended=daemon-close-4029" in left[0], log
    assert f"participant={session.pids['Asha']}" in left[0], left
    assert_no_tokens(log, session)


@run
async def test_flood_closes_after_the_first_are_counted_not_logged_each(own_daemon):
    """A script flooding from three tabs one after another: the first close is logged in full,
    the other two only counted in one summary (told at the latest when the daemon stops)."""
    daemon = own_daemon(REVIEWROOM_MESSAGES_PER_SECOND="1", REVIEWROOM_MESSAGE_BURST="1")
    session = schedule_session(daemon, "Reading review", "Stamina")
    codes = [await flood_until_closed(daemon, session.tokens["Asha"]) for _ in range(3)]
    assert codes == [4029, 4029, 4029], codes
    log = log_after_stop(daemon)
    lines = lines_with(log, RATE_LIMIT_LINE)
    assert len(lines) == 1, log
    assert f"participant={session.pids['Asha']}" in lines[0], lines
    summaries = lines_with(log, "more connections with 4029 for flooding")
    assert len(summaries) == 1 and "closed 2 more connections" in summaries[0], log
    assert "in 1 session" in summaries[0] and "warning" in summaries[0], summaries
    assert f"participants={session.id}/{session.pids['Asha']}" in summaries[0], summaries
    assert_no_tokens(log, session)


def silent_reader(daemon, token):
    """A joined connection that never reads: its receive buffer is small so the daemon's output
    backs up into its outbox soon."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", daemon.port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{daemon.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                  "Sec-WebSocket-Protocol: reviewroom.v1\r\n\r\n").encode())
    sock.sendall(frame(0x1, json.dumps({"type": "hello", "token": token}).encode()))
    return sock


@run
async def test_readers_closed_for_outbox_overflow_are_logged_once_then_counted(own_daemon):
    """Three slow readers closed together: the first in full with its participant and what to
    do, the other two only counted, in one summary (told at the latest when the daemon stops),
    not a line each (hundreds of starved connections would otherwise flood the journal)."""
    daemon = own_daemon(REVIEWROOM_OUTBOX_LIMIT_BYTES="65536", REVIEWROOM_MESSAGES_PER_SECOND="1000000",
                        REVIEWROOM_MESSAGE_BURST="1000000")
    session = schedule_session(daemon, "Reading review", "Stamina")
    writer = await Client.join(daemon.ws_url, session.tokens["Asha"])
    readers = [silent_reader(daemon, session.tokens["Bilal"]) for _ in range(3)]
    await writer.expect(lambda m: m.get("type") == "presence" and session.pids["Bilal"] in m["online"])
    note = writer.welcome["session"]["notes"][0]
    rev, length, number = note["rev"], len(note["text"]), 0
    # Each edit replaces the note's 4000 units, so the note stays small while every edit sends
    # each reader another 4 KB; /metrics counts the drops (its counters refresh every 2 s).
    deadline = time.monotonic() + 60
    while metric(daemon, "reviewroom_outbox_drops_total") < len(readers):
        assert time.monotonic() < deadline, "the silent readers were not all closed for outbox overflow"
        for _ in range(200):
            number += 1
            op = ["x" * 4000] + ([-length] if length else [])
            await writer.send({"type": "note.edit", "id": number, "note": note["id"], "rev": rev,
                               "opId": f"edit-{number}", "op": op})
            reply = await writer.expect(lambda m: m.get("id") == number)
            assert reply["type"] == "ack", reply
            rev, length = rev + 1, 4000
    log = log_after_stop(daemon)
    for reader in readers:
        reader.close()
    lines = lines_with(log, OVERFLOW_LINE)
    assert len(lines) == 1, log
    assert f"participant={session.pids['Bilal']}" in lines[0] and f"session={session.id}" in lines[0], lines
    assert "warning" in lines[0], lines
    summaries = lines_with(log, "more connections with 4029 for outbox overflow")
    assert len(summaries) == 1 and "closed 2 more connections" in summaries[0], log
    assert "in 1 session" in summaries[0] and "warning" in summaries[0], summaries
    assert_no_tokens(log, session)


@run
async def test_a_socket_that_never_says_hello_is_closed_4000_and_logged(own_daemon):
    daemon = own_daemon()
    session = schedule_session(daemon, "Reading review", "Stamina")
    silent = await Client.open(daemon.ws_url)
    code, _ = await silent.close_code(timeout=30)
    assert code == 4000, code
    log = log_after_stop(daemon)
    lines = lines_with(log, NO_HELLO_LINE)
    assert len(lines) == 1 and "info" in lines[0], log
    # Spelled as on every other line (`connection=c7`), so one grep finds all of a connection's lines.
    assert re.search(r"connection=c\d+\b", lines[0]), lines
    assert_no_tokens(log, session)


async def refused_hello(daemon, hello):
    client = await Client.open(daemon.ws_url)
    await client.send(hello)
    code, _ = await client.close_code()
    assert code == 4001, code


@run
async def test_joins_leaves_and_refused_tokens_are_logged_by_id(own_daemon):
    """School IT asked "did she get in?" and "who keeps trying a bad token?": each join and
    leave is an info line with the session and participant ids, a refused hello and a refused
    API token say why, none with a name or a token."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Reading review", "Stamina")
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    epoch = asha.welcome["epoch"]
    await asha.close()
    again = await Client.join(daemon.ws_url, session.tokens["Asha"], resume={"epoch": epoch, "after": 0})
    await again.close()
    await refused_hello(daemon, {"type": "hello", "token": session.tokens["Ben"][:-4] + "zzzz"})
    status, _ = daemon.api("GET", "/sessions", session.facilitator_token[:-4] + "zzzz")
    assert status == 401
    log = log_after_stop(daemon)
    where = f"session={session.id}"
    who = f"participant={session.pids['Asha']}"
    joined = [line for line in lines_with(log, " joined") if where in line and who in line]
    assert len(joined) == 2 and all("info" in line and "console=false" in line for line in joined), log
    assert "resume=no" in joined[0] and "resume=0" in joined[1], joined
    left = [line for line in lines_with(log, " left") if where in line and who in line]
    assert len(left) == 2 and all("seconds=" in line for line in left), log
    assert len(lines_with(log, "hello refused")) == 1, log
    api = lines_with(log, "API request refused")
    assert len(api) == 1 and "path=/api/v1/sessions" in api[0] and "status=401" in api[0] and "remote=" in api[0], log
    assert "Asha" not in log and "Reading review" not in log, "names and titles stay out of the log"
    assert_no_tokens(log, session)


@run
async def test_wrong_tokens_sent_over_and_over_are_logged_in_part_and_counted(own_daemon):
    """Anyone can send wrong tokens as fast as they like: a line for each wrote about 2.4 GB of
    log an hour (a security audit). The first ones of a minute are logged in full, the rest
    left out, and the next line says how many (Operations, "Logs")."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Reading review", "Stamina")
    attempts = 120
    for n in range(attempts):
        await refused_hello(daemon, {"type": "hello", "token": f"wrong-{n:04d}" + "x" * 32})
        status, _ = daemon.api("GET", "/sessions", f"wrong-{n:04d}" + "y" * 32)
        assert status == 401
    # Still served: the right token works at once.
    status, _ = daemon.api("GET", "/sessions", session.facilitator_token)
    assert status == 200
    log = log_after_stop(daemon)
    for needle in ("hello refused", "API request refused"):
        lines = lines_with(log, needle)
        assert 1 <= len(lines) < attempts, (needle, len(lines))
        assert all("info" in line for line in lines), lines
    assert_no_tokens(log, session)


@run
async def test_each_left_line_says_how_the_connection_ended(own_daemon):
    """School IT reading "Asha left 6 times" needs to tell a closed tab from Wi-Fi that drops
    and from the daemon closing her: every `left` line says how it ended (Operations, "Logs")."""
    daemon = own_daemon()
    session = schedule_session(daemon, "Reading review", "Stamina")
    pid = lambda name: f"participant={session.pids[name]}"
    # A tab closed: the page's close frame, 1001 going away.
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    await asha.ws.close(code=1001)
    # The network cut: the TCP connection ends with no close frame either way.
    ben = await Client.join(daemon.ws_url, session.tokens["Ben"])
    ben.ws.transport.abort()
    # The daemon closed it: Bilal's link was reissued while he was connected (4003).
    bilal = await Client.join(daemon.ws_url, session.tokens["Bilal"])
    status, body = daemon.api("POST", f"/sessions/{session.id}/participants/{session.pids['Bilal']}/reissue",
                              session.facilitator_token)
    assert status == 201, body
    code, _ = await bilal.close_code()
    assert code == 4003, code
    log = log_after_stop(daemon)
    left = lambda name: [line for line in lines_with(log, " left") if pid(name) in line]
    assert [line.split("ended=")[1].split()[0] for line in left("Asha")] == ["client-close-1001"], log
    assert [line.split("ended=")[1].split()[0] for line in left("Ben")] == ["no-close-frame"], log
    assert [line.split("ended=")[1].split()[0] for line in left("Bilal")] == ["daemon-close-4003"], log


def test_serve_logs_the_outbox_warning_check_config_prints(own_daemon):
    """An `outbox_limit_bytes` smaller than one full note closes readers of a long note with
    4029 again and again: `check-config` warns, and so does `serve` in the journal, which is
    where school IT looks when a reviewer keeps dropping."""
    daemon = own_daemon(REVIEWROOM_OUTBOX_LIMIT_BYTES="70000", REVIEWROOM_MAX_NOTE_UNITS="100000")
    log = log_after_stop(daemon)
    lines = lines_with(log, "outbox_limit_bytes 70000 is less than one full note takes on the wire")
    assert len(lines) == 1 and "warning" in lines[0] and "max_note_units 100000" in lines[0], log


def test_serve_logs_the_scheme_warning_check_config_prints(own_daemon):
    """A `public_url` with https on the daemon's own plain-HTTP port gives invite links that never
    open: `check-config` warns, and `serve` says it in the journal too, for the port it bound."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    daemon = own_daemon(port, REVIEWROOM_PUBLIC_URL=f"https://127.0.0.1:{port}")
    log = log_after_stop(daemon)
    lines = lines_with(log, f"public_url https://127.0.0.1:{port} is https on port {port}, which this daemon serves with plain HTTP")
    assert len(lines) == 1 and "warning" in lines[0], log


def test_behind_a_proxy_on_this_machine_the_log_names_the_client_it_saw(own_daemon):
    """The shipped nginx and Apache configurations append the peer they saw to X-Forwarded-For;
    from a loopback peer the two lines that name a client name that one, and the proxy beside it
    (they named 127.0.0.1, the proxy, for every client). The header's earlier entries are the
    client's own words and are not believed."""
    daemon = own_daemon()
    forwarded = {"X-Forwarded-For": "forged.example, 198.51.100.7", "X-Forwarded-Proto": "https"}
    refused = urllib.request.Request(daemon.base + "/api/v1/sessions", headers={"Authorization": "Bearer nope", **forwarded})
    plain = urllib.request.Request(daemon.base + "/ws", headers=forwarded)
    for request, status in ((refused, 401), (plain, 426)):
        with pytest.raises(urllib.error.HTTPError) as answered:
            urllib.request.urlopen(request, timeout=15)
        assert answered.value.code == status
    log = log_after_stop(daemon)
    lines = lines_with(log, "API request refused") + lines_with(log, "reached /ws without WebSocket upgrade headers")
    assert len(lines) == 2, log
    assert all("remote=198.51.100.7" in line and "proxy=127.0.0.1" in line and "forged" not in line for line in lines), lines
