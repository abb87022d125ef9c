"""PROTOCOL.md §1 (`facilitator revoke`), §3.4 (4003 "revoked or reissued while connected"),
§3.5 (a facilitator `hello`): a facilitator revoked with the CLI while the daemon runs loses the
API at once and their open consoles within the daemon's sweep (2 s), in every session, and so
does their own facilitator invite link (a session not ended stops listing them); everyone
else's links stay. The revocation is made by another process,
the real `reviewroomd facilitator revoke`, as school IT would."""
import subprocess

from conftest import schedule_session
from reviewroomd import EXECUTABLE
from wsclient import Client, run


async def console(daemon, session):
    """A console connection of the session's facilitator (a `hello` with the facilitator token)."""
    client = await Client.open(daemon.ws_url)
    await client.send({"type": "hello", "facilitatorToken": session.facilitator_token, "session": session.id})
    client.welcome = await client.receive()
    assert client.welcome["type"] == "welcome", client.welcome
    return client


def revoke(daemon, facilitator_id):
    done = subprocess.run([str(EXECUTABLE), "facilitator", "revoke", facilitator_id, "--data-dir", daemon.data_dir],
                          capture_output=True, text=True, timeout=30, env=daemon.env)
    assert done.returncode == 0 and "Revoked facilitator" in done.stdout, (done.returncode, done.stdout, done.stderr)


@run
async def test_revoking_a_facilitator_closes_their_consoles_4003_in_every_session(daemon):
    maker = daemon.add_facilitator("Fran")
    first = schedule_session(daemon, "Reading review", "Stamina", maker)
    second = schedule_session(daemon, "Maths review", "Fluency", maker)
    bystander = schedule_session(daemon, "Writing review", "Drafting")  # another facilitator's
    consoles = [await console(daemon, first), await console(daemon, first), await console(daemon, second)]
    own_link = await Client.join(daemon.ws_url, first.tokens["Fran"])  # the facilitator's invite link
    asha = await Client.join(daemon.ws_url, first.tokens["Asha"])
    other_console = await console(daemon, bystander)
    assert (await consoles[0].command("session.start"))["type"] == "ack"

    revoke(daemon, maker["id"])
    assert first.api("GET", "/sessions")[0] == 401, "the API still takes the revoked token"
    for client in consoles:
        code, seen = await client.close_code()
        assert code == 4003, (code, seen)

    again = await Client.open(daemon.ws_url)
    await again.send({"type": "hello", "facilitatorToken": first.facilitator_token, "session": first.id})
    code, seen = await again.close_code()
    assert code == 4001, seen
    # Their own facilitator invite link went with them: it let a revoked facilitator run the
    # session without the token. Its connection closes too, and the link no longer joins.
    code, seen = await own_link.close_code()
    assert code == 4003, (code, seen)
    relink = await Client.open(daemon.ws_url)
    await relink.send({"type": "hello", "token": first.tokens["Fran"]})
    code, seen = await relink.close_code()
    assert code == 4001, seen
    # The session, not ended, no longer lists them; everyone else's links go on.
    listed = await asha.expect(lambda m: m.get("name") == "participant.changed"
                               and first.pids["Fran"] not in [p["id"] for p in m["data"]["participants"]])
    assert {p["name"] for p in listed["data"]["participants"]} >= {"Asha"}, listed
    for client in (asha, other_console):
        assert (await client.command("ping"))["type"] == "ack"
        await client.close()

