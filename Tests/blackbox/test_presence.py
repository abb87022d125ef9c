"""PROTOCOL.md §3.1, §3.2: a joiner gets exactly one `presence` after its welcome or replay, and
the others hear one only when who is online changed."""
import pytest

from wsclient import Client, run


async def next_is_ack_of_ping(client):
    """Sends a ping and asserts that the very next message is its ack: anything queued for the
    client before the ping (a second `presence`, say) would arrive first."""
    client.next_id = 900
    await client.send({"type": "ping", "id": 900})
    message = await client.receive()
    assert message.get("type") == "ack" and message.get("id") == 900, message


@run
async def test_resume_gets_exactly_one_presence_after_its_replay(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    epoch, seen = asha.welcome["epoch"], asha.welcome["seq"]
    await asha.close()
    assert (await fran.command("session.start"))["type"] == "ack"
    missed = await fran.events(1)

    back = await Client.open(url)
    await back.send({"type": "hello", "token": session.tokens["Asha"], "resume": {"epoch": epoch, "after": seen}})
    assert (await back.receive())["type"] == "resumed"
    assert [await back.receive()] == missed
    presence = await back.receive()
    assert presence["type"] == "presence", presence
    assert set(presence["online"]) == {session.pids["Fran"], session.pids["Asha"]}, presence
    await next_is_ack_of_ping(back)
    await back.close()
    await fran.close()


@run
async def test_welcome_gets_exactly_one_presence(session):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    asha = await Client.join(url, session.tokens["Asha"])
    assert asha.welcome["type"] == "welcome", asha.welcome
    presence = await asha.receive()
    assert presence["type"] == "presence", presence
    assert set(presence["online"]) == {session.pids["Fran"], session.pids["Asha"]}, presence
    await next_is_ack_of_ping(asha)
    await asha.close()
    await fran.close()


@pytest.mark.parametrize("resuming", [False, True], ids=["welcome", "resume"])
@run
async def test_second_tab_gets_one_presence_and_the_others_none(session, resuming):
    url = session.daemon.ws_url
    fran = await Client.join(url, session.tokens["Fran"])
    first = await Client.join(url, session.tokens["Asha"])
    online = {session.pids["Fran"], session.pids["Asha"]}
    await fran.expect(lambda m: m.get("type") == "presence" and set(m["online"]) == online)
    assert (await first.receive())["type"] == "presence"
    await next_is_ack_of_ping(fran)
    await next_is_ack_of_ping(first)

    extra = {"resume": {"epoch": first.welcome["epoch"], "after": first.welcome["seq"]}} if resuming else {}
    second = await Client.join(url, session.tokens["Asha"], **extra)
    assert second.welcome["type"] == ("resumed" if resuming else "welcome"), second.welcome
    presence = await second.receive()
    assert presence["type"] == "presence" and set(presence["online"]) == online, presence
    await next_is_ack_of_ping(second)
    # Nobody's presence changed: the tabs already there hear nothing (presence is sent on a change).
    await next_is_ack_of_ping(fran)
    await next_is_ack_of_ping(first)

    await second.close()
    await first.close()
    gone = await fran.expect(lambda m: m.get("type") == "presence")
    assert gone["online"] == [session.pids["Fran"]], gone
    await fran.close()
