"""PROTOCOL.md §3.1–§3.5, the finer rules: no-op commands, phase bounds, who-may rules,
`not_open`, origins, limits."""
import datetime
import shutil
import socket
import tempfile

import pytest
from websockets.exceptions import InvalidHandshake

from reviewroomd import Daemon
from wsclient import Client, Closed, run


@run
async def test_commands_that_change_nothing_are_acked_without_events(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    paused = await fran.command("clock.pause")
    assert paused["type"] == "ack", paused
    seq = paused["seq"]
    for name, fields in (("session.start", {}), ("clock.pause", {}), ("phase.goto", {"index": 0}),
                         ("floor.next", {}), ("hand.lower", {"participant": session.pids["Asha"]})):
        ack = await fran.command(name, **fields)
        assert ack["type"] == "ack" and ack["seq"] == seq, (name, ack)
    events = await fran.events(2)
    assert [e["seq"] for e in events] == [seq - 1, seq]
    assert await fran.seq() == seq and fran.kept_events() == []
    await fran.close()


@run
async def test_phase_goto_the_current_phase_before_the_start_changes_nothing(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    seq = await fran.seq()
    same = await fran.command("phase.goto", index=0)
    assert same["type"] == "ack" and same["seq"] == seq, same
    other = await fran.command("phase.goto", index=1)
    assert other["type"] == "error" and other["code"] == "invalid_state", other
    assert await fran.seq() == seq and fran.kept_events() == []
    await fran.close()


@run
async def test_phase_bounds_are_invalid_state(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    seq = await fran.seq()
    back = await fran.command("phase.prev")
    assert back["type"] == "error" and back["code"] == "invalid_state", back
    assert (await fran.command("phase.goto", index=2))["type"] == "ack"
    seq = await fran.seq()
    beyond = await fran.command("phase.next")
    assert beyond["type"] == "error" and beyond["code"] == "invalid_state", beyond
    assert await fran.seq() == seq
    await fran.close()


@run
async def test_a_move_meant_from_a_phase_or_speaker_no_longer_current_changes_nothing(session):
    """`phase` on phase.next/prev and `speaker` on floor.next (ReviewRoom extensions, SessionRules):
    the second of two facilitators pressing Next at once is refused instead of skipping one."""
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    assert (await fran.command("session.start"))["type"] == "ack"
    assert (await fran.command("phase.next", phase=0))["type"] == "ack"
    seq = await fran.seq()
    for name, fields in (("phase.next", {"phase": 0}), ("phase.prev", {"phase": 2}), ("phase.goto", {"index": 2, "phase": 0})):
        late = await fran.command(name, **fields)
        assert late["type"] == "error" and late["code"] == "invalid_state", late
        assert "nothing was changed" in late["message"], late
    for name, fields in (("phase.next", {"phase": "1"}), ("phase.prev", {"phase": 1.5}), ("phase.goto", {"index": 2, "phase": "1"}),
                         ("phase.goto", {"index": 2, "phase": 9}), ("floor.next", {"speaker": 7}),
                         ("floor.next", {"next": False})):
        malformed = await fran.command(name, **fields)
        assert malformed["type"] == "error" and malformed["code"] == "bad_request", malformed
    started = await fran.command("round.start", secondsEach=120)
    assert started["type"] == "ack", started
    moved = await fran.command("floor.next", speaker=session.pids["Asha"])
    assert moved["type"] == "ack" and moved["seq"] == started["seq"] + 1, moved
    late = await fran.command("floor.next", speaker=session.pids["Asha"])
    assert late["type"] == "error" and late["code"] == "invalid_state", late
    assert await fran.seq() == moved["seq"] and seq + 1 == started["seq"]
    await fran.close()


@run
async def test_a_next_speaker_meant_for_a_hand_no_longer_first_changes_nothing(session):
    """`next` on floor.next (a ReviewRoom extension, SessionRules): "Next speaker" pressed on a view
    a moment behind, meant for a hand that has had its turn since, is refused instead of giving
    that person the floor again."""
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    bilal = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    for person in (asha, bilal):
        assert (await person.command("hand.raise", kind="contribution"))["type"] == "ack"
    given = await fran.command("floor.next", next=session.pids["Asha"])
    assert given["type"] == "ack", given
    stale = await fran.command("floor.next", next=session.pids["Asha"])
    assert stale["type"] == "error" and stale["code"] == "invalid_state", stale
    assert "meant to give the floor to Asha" in stale["message"] and "nothing was changed" in stale["message"], stale
    assert await fran.seq() == given["seq"]
    fresh = await fran.command("floor.next", speaker=session.pids["Asha"], next=session.pids["Bilal"])
    assert fresh["type"] == "ack" and fresh["seq"] == given["seq"] + 1, fresh
    for client in (fran, asha, bilal):
        await client.close()


@run
async def test_only_the_owner_or_a_facilitator_may_lower_a_hand(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    bilal = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    assert (await asha.command("hand.raise", kind="contribution"))["type"] == "ack"
    seq = await asha.seq()
    refused = await bilal.command("hand.lower", participant=session.pids["Asha"])
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    refused = await bilal.command("hand.raise", kind="response", participant=session.pids["Asha"])
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert await bilal.seq() == seq
    lowered = await asha.command("hand.lower", participant=session.pids["Asha"])
    assert lowered["type"] == "ack" and lowered["seq"] == seq + 1, lowered
    await asha.close()
    await bilal.close()


@run
async def test_only_the_rounds_current_speaker_may_pass(session):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    bilal = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    assert (await fran.command("session.start"))["type"] == "ack"
    # Phase 0 is an `open` phase: PROTOCOL §3.2 puts no state condition on round.start.
    started = await fran.command("round.start", secondsEach=120)
    assert started["type"] == "ack", started
    floor = (await bilal.expect(lambda m: m.get("type") == "event" and m["seq"] == started["seq"]))["data"]["floor"]
    assert floor["mode"] == "open", floor
    assert floor["round"]["order"] == [session.pids[n] for n in ("Asha", "Bilal", "Ben")], floor
    assert floor["speaker"] == session.pids["Asha"] and floor["round"]["index"] == 0, floor
    refused = await bilal.command("round.pass")
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused
    assert await bilal.seq() == started["seq"]
    passed = await asha.command("round.pass")
    assert passed["type"] == "ack" and passed["seq"] == started["seq"] + 1, passed
    floor = (await bilal.expect(lambda m: m.get("type") == "event" and m["seq"] == passed["seq"]))["data"]["floor"]
    assert floor["speaker"] == session.pids["Bilal"] and floor["round"]["index"] == 1, floor
    assert floor["round"]["passed"] == [session.pids["Asha"]], floor
    for client in (fran, asha, bilal):
        await client.close()


@run
async def test_retain_only_edit_is_acked_with_current_rev_and_no_event(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    base = next(n["rev"] for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")
    written = await asha.command("note.edit", note="evidence", rev=base, opId="r-1", op=["abc"])
    assert written["type"] == "ack" and written["rev"] == base + 1
    same = await asha.command("note.edit", note="evidence", rev=base + 1, opId="r-2", op=[3])
    assert same["type"] == "ack" and same["rev"] == base + 1 and same["seq"] == written["seq"], same
    await asha.event("note.op")
    assert await asha.seq() == written["seq"] and asha.kept_events() == []
    await asha.close()


@run
async def test_session_before_its_lobby_answers_not_open_then_closes_1000(daemon, facilitator):
    starts = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(days=3)
    status, created = daemon.api("POST", "/sessions", facilitator["token"], {
        "title": "Later", "hostSchool": "Northfield Primary", "focus": "Later",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "agenda": [{"title": "Only", "kind": "discussion", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"}],
        "participants": [{"name": "Asha", "role": "reviewer"}], "lobbyOpensMinutesBefore": 15})
    assert status == 201, created
    token = next(i["token"] for i in created["invites"] if i["participant"]["role"] == "reviewer")
    client = await Client.open(daemon.ws_url)
    await client.send({"type": "hello", "token": token})
    code, seen = await client.close_code()
    assert [m.get("type") for m in seen] == ["error"], seen
    assert seen[0]["code"] == "not_open" and "opensAt" in seen[0], seen
    opens = datetime.datetime.fromisoformat(seen[0]["opensAt"].replace("Z", "+00:00"))
    assert opens == starts - datetime.timedelta(minutes=15)
    # A ReviewRoom extension: the start too, so a page can say when the review begins, not only the lobby.
    assert datetime.datetime.fromisoformat(seen[0]["startsAt"].replace("Z", "+00:00")) == starts, seen
    assert code == 1000


@run
async def test_foreign_browser_origin_is_refused_at_upgrade(session):
    from websockets.asyncio.client import connect
    try:
        ws = await connect(session.daemon.ws_url, subprotocols=["reviewroom.v1"], origin="https://evil.example",
                           open_timeout=10)
    except InvalidHandshake:
        return
    await ws.close()
    pytest.fail("an upgrade from Origin https://evil.example was accepted")


@run
async def test_own_origin_is_allowed(session):
    from websockets.asyncio.client import connect
    ws = await connect(session.daemon.ws_url, subprotocols=["reviewroom.v1"], origin=session.daemon.base,
                       open_timeout=10)
    client = Client(ws)
    await client.send({"type": "hello", "token": session.tokens["Asha"]})
    assert (await client.receive())["type"] == "welcome"
    await client.close()


def test_an_empty_origin_is_treated_as_no_origin(session):
    """§3.5: a client sending `Origin:` with no value is no browser; refusing it would lock out a non-browser client."""
    assert upgrade_status(session.daemon.base, "") == 101


@run
async def test_message_over_64_kib_after_hello_closes_1009(session):
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    rev = next(n["rev"] for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")
    await asha.send({"type": "note.edit", "id": 1, "note": "evidence", "rev": rev, "opId": "big", "op": ["x" * 70000]})
    code, seen = await asha.close_code()
    assert code == 1009, seen
    reader = await Client.join(session.daemon.ws_url, session.tokens["Bilal"])
    assert next(n for n in reader.welcome["session"]["notes"] if n["id"] == "evidence")["text"] == ""
    await reader.close()


@run
async def test_flooding_is_rate_limited_then_closed_4029(session):
    # Lock-step (each reply read before the next send) so the server never holds unread input
    # when it closes; otherwise TCP resets the connection and the close frame can be lost.
    asha = await Client.join(session.daemon.ws_url, session.tokens["Asha"])
    replies, code = [], None
    for number in range(1, 3001):
        try:
            await asha.send({"type": "ping", "id": number})
            replies.append(await asha.expect(lambda m: m.get("id") == number))
        except Closed as closed:
            code = closed.code
            break
    limited = [m for m in replies if m.get("type") == "error"]
    assert limited and all(m["code"] == "rate_limited" for m in limited), limited[:3]
    first = replies.index(limited[0])
    assert first >= 200 and all(m["type"] == "ack" for m in replies[:first]), first
    assert code == 4029, (code, len(replies), len(limited))


def lan_address():
    """A non-loopback IPv4 address of this machine, or None (no route to pick one by)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # No packet is sent: this only picks the outgoing address.
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def upgrade_status(base, origin):
    """The status of a WebSocket upgrade to `base` sent with `Origin: origin`."""
    host, port = base.split("://", 1)[1].rsplit(":", 1)
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall((f"GET /ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                      f"Sec-WebSocket-Protocol: reviewroom.v1\r\nOrigin: {origin}\r\n\r\n").encode())
        return int(sock.recv(4096).split(b" ", 2)[1])


def test_a_daemon_on_a_lan_address_alone_refuses_loopback_origins():
    """§3: an `Origin` must be the daemon's own. Listening on a LAN address only, it is not
    reachable at `localhost` at all, so `http://localhost:PORT` in a browser is some other local
    program's page; it used to be allowed like the daemon's own."""
    address = lan_address()
    if address is None:
        pytest.skip("this machine has no non-loopback IPv4 address")
    data_dir = tempfile.mkdtemp(prefix="reviewroom-lan-")
    daemon = Daemon(data_dir, extra_env={"REVIEWROOM_LISTEN": f"{address}:0"}).start()
    try:
        port = daemon.port
        assert upgrade_status(daemon.base, f"http://{address}:{port}") == 101
        for origin in [f"http://localhost:{port}", f"http://127.0.0.1:{port}", f"http://[::1]:{port}"]:
            assert upgrade_status(daemon.base, origin) == 403, origin
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
