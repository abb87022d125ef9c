"""`max_connections_per_participant` (Deploy/reviewroom.conf; LiveSessions "Connections per
participant"). PROTOCOL §3.4 lets one participant hold several connections and names no limit;
the daemon caps them per participant and session (default 32, 0 = none). At the cap the newest
`hello` is refused as a refused `hello` is (`error` with `id: null`, here `rate_limited`), then
closed with 1000 as after `not_open` — never 4029, which asks for a reconnect — and no open
connection is closed, so a leaked link cannot push the real person off."""
import json
import os
import shutil
import socket
import struct
import tempfile

import pytest

from conftest import metric, schedule_session
from rawws import RawClient, frame
from reviewroomd import Daemon
from wsclient import Client, run


@pytest.fixture(scope="module")
def capped():
    """A daemon of its own whose participants may hold 2 connections each (set through the
    environment, as `REVIEWROOM_<KEY>` overrides the file)."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-cap-")
    instance = Daemon(data_dir, {"REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT": "2"}).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


async def console(daemon, session):
    """A console connection: a `hello` with the session's facilitator token."""
    client = await Client.open(daemon.ws_url)
    await client.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id})
    client.welcome = await client.receive()
    return client


async def refused(client):
    """The `error` a refused `hello` got, after checking that the connection then closed with 1000."""
    code, seen = await client.close_code()
    assert code == 1000, (code, seen)
    assert len(seen) == 1, seen
    return seen[0]


async def welcomed(daemon, token, count):
    """`count` connections of one invite link, each checked to have been welcomed."""
    clients = [await Client.join(daemon.ws_url, token) for _ in range(count)]
    assert all(c.welcome["type"] == "welcome" for c in clients), [c.welcome for c in clients if c.welcome["type"] != "welcome"]
    return clients


def log_text(daemon):
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        return log.read()


def cap_warnings(daemon, participant_id):
    """The daemon's log lines about `participant_id` reaching the cap."""
    return [line for line in log_text(daemon).splitlines()
            if "max_connections_per_participant" in line and participant_id in line]


@run
async def test_the_connection_beyond_the_cap_is_refused_and_those_open_stay(capped):
    session = schedule_session(capped, "Reading review", "Stamina")
    asha = await welcomed(capped, session.tokens["Asha"], 2)
    refusals_before = metric(capped, "reviewroom_connection_cap_refusals_total")

    third = await Client.join(capped.ws_url, session.tokens["Asha"])
    assert third.welcome["type"] == "error", third.welcome
    assert third.welcome["id"] is None and third.welcome["code"] == "rate_limited", third.welcome
    assert "2 tabs or devices" in third.welcome["message"], third.welcome
    assert "reissue" in third.welcome["message"], third.welcome
    code, seen = await third.close_code()
    assert code == 1000 and seen == [], (code, seen)
    fourth = await Client.open(capped.ws_url)
    await fourth.send({"type": "hello", "token": session.tokens["Asha"], "client": "blackbox/1"})
    assert (await refused(fourth))["code"] == "rate_limited"

    # The two open connections go on: they get events and their commands are answered.
    fran = await console(capped, session)
    assert fran.welcome["type"] == "welcome", fran.welcome
    assert (await fran.command("session.start"))["type"] == "ack"
    for client in asha:
        assert (await client.event("clock.changed"))["data"]["clock"]["status"] == "live"
        assert (await client.command("hand.raise", kind="contribution"))["type"] == "ack"

    # Per participant: Bilal holds two of his own while Asha is at hers.
    bilal = await welcomed(capped, session.tokens["Bilal"], 2)

    # /metrics counts every refusal (the log tells only the first of a stretch at the cap).
    assert metric(capped, "reviewroom_connection_cap_refusals_total") == refusals_before + 2
    # One warning for Asha's stretch at the cap (two refusals), naming her id, never a token.
    warnings = cap_warnings(capped, session.pids["Asha"])
    assert len(warnings) == 1, warnings
    assert "warning" in warnings[0].lower(), warnings
    assert session.tokens["Asha"] not in log_text(capped)
    for client in asha + bilal + [fran]:
        await client.close()


@run
async def test_slots_free_as_connections_close(capped):
    session = schedule_session(capped, "Maths review", "Fluency")
    bilal = await Client.join(capped.ws_url, session.tokens["Bilal"])
    asha = await welcomed(capped, session.tokens["Asha"], 2)
    assert (await bilal.expect(lambda m: m.get("type") == "presence" and session.pids["Asha"] in m["online"]))
    extra = await Client.join(capped.ws_url, session.tokens["Asha"])
    assert extra.welcome["code"] == "rate_limited", extra.welcome

    for client in asha:
        await client.close()
    # Asha's last leave is the daemon's: once Bilal hears she is offline, both slots are free.
    await bilal.expect(lambda m: m.get("type") == "presence" and session.pids["Asha"] not in m["online"])
    again = await welcomed(capped, session.tokens["Asha"], 2)
    refused_again = await Client.join(capped.ws_url, session.tokens["Asha"])
    assert refused_again.welcome["code"] == "rate_limited", refused_again.welcome
    # A new stretch at the cap is logged once more.
    assert len(cap_warnings(capped, session.pids["Asha"])) == 2
    for client in again + [bilal]:
        await client.close()


def reset(client):
    """Ends `client`'s connection with a TCP RST instead of a close handshake or a FIN, as a
    laptop's network stack does for a connection it has forgotten (SO_LINGER 0, then close)."""
    connected = socket.socket(fileno=client.ws.transport.get_extra_info("socket").fileno())
    connected.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connected.detach()
    client.ws.transport.abort()


@run
async def test_a_connection_ended_by_a_reset_goes_offline_and_frees_its_slot(capped):
    """A session-23 probe saw RST-ended connections held for about 10 s (presence "online", the
    slot taken). Each reset here must be heard as Asha going offline (within the client's usual
    wait), and after a dozen of them both of her slots are free."""
    session = schedule_session(capped, "History review", "Sources")
    bilal = await Client.join(capped.ws_url, session.tokens["Bilal"])
    for _ in range(12):
        asha = await Client.join(capped.ws_url, session.tokens["Asha"])
        assert asha.welcome["type"] == "welcome", asha.welcome
        await bilal.expect(lambda m: m.get("type") == "presence" and session.pids["Asha"] in m["online"])
        bilal.inbox.clear()  # older presences (Asha offline) must not answer the wait below
        reset(asha)
        await bilal.expect(lambda m: m.get("type") == "presence" and session.pids["Asha"] not in m["online"])
    again = await welcomed(capped, session.tokens["Asha"], 2)
    for client in again + [bilal]:
        await client.close()

@run
async def test_a_reissued_link_is_admitted_at_once_while_the_old_one_held_every_slot(capped):
    session = schedule_session(capped, "Writing review", "Drafting")
    leaked = await welcomed(capped, session.tokens["Asha"], 2)
    status, invite = session.api("POST", f"/sessions/{session.id}/participants/{session.pids['Asha']}/reissue")
    assert status == 201, invite
    # The remedy the refusal names: the new link gets in, the old link's connections are closed.
    fresh = await Client.join(capped.ws_url, invite["token"])
    assert fresh.welcome["type"] == "welcome", fresh.welcome
    for client in leaked:
        code, _ = await client.close_code()
        assert code == 4003
    second = await Client.join(capped.ws_url, invite["token"])
    assert second.welcome["type"] == "welcome", second.welcome
    await fresh.close()
    await second.close()


def stalled_connection(daemon, token):
    """A connection of `token`, welcomed, that then never reads: what the daemon sends it next
    backs up behind its small receive buffer, and so does any close queued after that output."""
    client = RawClient(daemon.port, receive_buffer=4096)
    client.send(frame(0x1, json.dumps({"type": "hello", "token": token}).encode()))
    opcode, payload = client.next_frame()
    assert opcode == 0x1 and json.loads(payload)["type"] == "welcome", (opcode, payload)
    return client


@run
async def test_a_reissue_frees_the_old_links_slot_before_its_connection_has_left(own_daemon):
    """With the cap at 1, the old link's one connection cannot leave the session before the
    reissue is answered: its 4003 close is queued behind megabytes of output it does not read
    (more than the kernel's socket buffers hold; outbox_limit_bytes is raised so it is not
    closed for overflow either). So the new link's hello is admitted only because the reissue
    itself freed the slot — not because the old connection happened to leave first."""
    daemon = own_daemon(REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT="1", REVIEWROOM_OUTBOX_LIMIT_BYTES="268435456",
                        REVIEWROOM_MAX_NOTE_UNITS="60000", REVIEWROOM_MAX_MESSAGE_BYTES="1048576")
    session = schedule_session(daemon, "Writing review", "Drafting")
    old = stalled_connection(daemon, session.tokens["Asha"])
    over = await Client.join(daemon.ws_url, session.tokens["Asha"])
    assert over.welcome["code"] == "rate_limited" and "open in 1 tab or device," in over.welcome["message"], over.welcome
    writer = await Client.join(daemon.ws_url, session.tokens["Bilal"])
    note = writer.welcome["session"]["notes"][0]
    rev, length = note["rev"], len(note["text"])
    # 200 edits of 60,000 units: about 12 MB for the stalled reader, against 4 MB of buffers.
    for number in range(1, 201):
        op = ["x" * 60000] + ([-length] if length else [])
        await writer.send({"type": "note.edit", "id": number, "note": note["id"], "rev": rev,
                           "opId": f"edit-{number}", "op": op})
        reply = await writer.expect(lambda m, number=number: m.get("id") == number)
        assert reply["type"] == "ack", reply
        rev, length = rev + 1, 60000
    status, invite = session.api("POST", f"/sessions/{session.id}/participants/{session.pids['Asha']}/reissue")
    assert status == 201, invite
    fresh = await Client.join(daemon.ws_url, invite["token"])
    assert fresh.welcome["type"] == "welcome", fresh.welcome
    old.close()
    await fresh.close()
    await writer.close()


@run
async def test_consoles_count_for_the_facilitators_own_participant(capped):
    session = schedule_session(capped, "Science review", "Practicals")
    own_link = await Client.join(capped.ws_url, session.tokens["Fran"])
    first = await console(capped, session)
    assert own_link.welcome["type"] == "welcome" and first.welcome["type"] == "welcome"
    assert first.welcome["you"]["id"] == own_link.welcome["you"]["id"]
    second = await Client.open(capped.ws_url)
    await second.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id})
    error = await refused(second)
    assert error["id"] is None and error["code"] == "rate_limited", error
    assert "2 connections" in error["message"] and "facilitator" in error["message"], error
    assert (await first.command("ping"))["type"] == "ack"
    await own_link.close()
    await first.close()


@run
async def test_the_default_cap_is_32(daemon, session):
    held = await welcomed(daemon, session.tokens["Olu"], 32)
    over = await Client.join(daemon.ws_url, session.tokens["Olu"])
    assert over.welcome["code"] == "rate_limited" and "32 tabs or devices" in over.welcome["message"], over.welcome
    for client in held:
        await client.close()


@run
async def test_zero_means_no_limit():
    data_dir = tempfile.mkdtemp(prefix="reviewroom-uncapped-")
    unlimited = Daemon(data_dir, {"REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT": "0"}).start()
    try:
        session = schedule_session(unlimited, "Reading review", "Stamina")
        held = await welcomed(unlimited, session.tokens["Asha"], 40)
        for client in held:
            await client.close()
    finally:
        unlimited.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
