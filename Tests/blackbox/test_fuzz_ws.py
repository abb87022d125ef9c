"""Inputs found by fuzzing the WebSocket protocol (every command after `hello`, for every role),
each of which used to crash or cut off the daemon; each is now a documented reply (§3.4, §3.5)
and the daemon keeps serving everyone; and a message over the limit is closed 1009 whatever
characters it holds.

The daemon here allows 1 MiB messages (`max_message_bytes` is configurable, §1): an op of
60 000 fifteen-digit retains then fits one message, and its summed span used to overflow `Int`
and trap the whole daemon, dropping every meeting on it.
"""
import shutil
import tempfile

import pytest

from reviewroomd import Daemon
from wsclient import Client, run


@pytest.fixture(scope="module")
def daemon():
    data_dir = tempfile.mkdtemp(prefix="reviewroom-fuzz-ws-")
    instance = Daemon(data_dir, {"REVIEWROOM_MAX_MESSAGE_BYTES": "1048576"}).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def facilitator(daemon):
    return daemon.add_facilitator("Fran")


HUGE_SPANS = [
    pytest.param("999999999999999", 10_000, id="retains"),
    pytest.param("-999999999999999", 10_000, id="deletes"),
    pytest.param("999999999999999,-999999999999999", 5_000, id="retains-and-deletes"),
]


@pytest.mark.parametrize("component, count", HUGE_SPANS)
@pytest.mark.parametrize("who", ["Asha", "Olu", "Room"])
@run
async def test_an_op_spanning_more_than_any_note_is_refused_and_the_daemon_stays_up(session, who, component, count):
    """§3.3: an op must span the note; one whose components add up past `Int` is refused
    (`invalid_op` for an editor, `forbidden` for an observer or display, who may not edit)
    with nothing changed, the connection stays open and the others keep their meeting."""
    url = session.daemon.ws_url
    sender = await Client.join(url, session.tokens[who])
    asha = sender if who == "Asha" else await Client.join(url, session.tokens["Asha"])
    note = sender.welcome["session"]["notes"][0]
    seq = await sender.seq()
    op = "[" + ",".join([component] * count) + "]"
    await sender.send('{"type":"note.edit","id":7,"note":"%s","rev":%d,"opId":"huge","op":%s}'
                      % (note["id"], note["rev"], op))
    refused = await sender.reply(7)
    expected = "invalid_op" if who == "Asha" else "forbidden"
    assert refused["type"] == "error" and refused["code"] == expected, refused
    assert session.daemon.process.poll() is None
    assert await sender.seq() == seq
    got = await asha.command("note.get", note=note["id"])
    assert got["type"] == "ack" and got["note"]["rev"] == note["rev"] and got["note"]["text"] == note["text"], got
    # The opId was not used up: a well-formed edit with it is applied.
    edited = await asha.command("note.edit", note=note["id"], rev=note["rev"], opId="huge",
                                op=[len(note["text"].encode("utf-16-le")) // 2, "ok"] if note["text"] else ["ok"])
    assert edited["type"] == "ack" and edited["rev"] == note["rev"] + 1, edited
    for client in {id(sender): sender, id(asha): asha}.values():
        await client.close()


OVERSIZED = [
    pytest.param(False, "中" * 400_000, id="command-cjk"),
    pytest.param(True, "中" * 2_000, id="hello-cjk"),
]


@pytest.mark.parametrize("as_hello, filler", OVERSIZED)
@run
async def test_a_message_over_the_limit_with_three_byte_characters_is_closed_1009(session, as_hello, filler):
    """§3.4: a message over the limit (the hello over 4 KiB) is closed with 1009. One whose
    characters take three UTF-8 bytes (CJK, RTL marks) used to be cut off mid-frame without
    any close frame, so the client could not tell it from a network fault."""
    url = session.daemon.ws_url
    asha = await Client.join(url, session.tokens["Asha"])
    if as_hello:
        client = await Client.open(url)
        await client.send('{"type":"hello","token":"%s","client":"%s"}' % (session.tokens["Ben"], filler))
    else:
        client = await Client.join(url, session.tokens["Ben"])
        await client.send('{"type":"ping","id":1,"x":"%s"}' % filler)
    code, _ = await client.close_code()
    assert code == 1009
    assert session.daemon.process.poll() is None
    assert (await asha.command("ping"))["type"] == "ack"
    await asha.close()
