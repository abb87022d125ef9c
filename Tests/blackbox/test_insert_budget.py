"""`max_inserted_units_per_second` (Deploy/reviewroom.conf; LiveSessions "Note text per
participant"; off by default): how much note text one participant may insert into a session,
per second, with bursts to twice `max_note_units`. PROTOCOL §3.4 limits messages per connection; every inserted unit also goes
to everyone else in the session and into the store, so a script within the message limit
replacing a large note many times a second made the server send megabytes a second to each of
the others. An edit beyond the budget is answered `rate_limited` (as a message beyond the
message limit is), is not applied, leaves its opId unused, and the connection stays open."""
import subprocess

from conftest import schedule_session
from reviewroomd import EXECUTABLE
from wsclient import Client, run

NOTE = "evidence"
NOTE_UNITS = 1000


async def edit(client, rev, op_id, op):
    return await client.command("note.edit", note=NOTE, rev=rev, opId=op_id, op=op)


@run
async def test_an_edit_beyond_the_authors_budget_is_refused_and_changes_nothing(own_daemon):
    # Bursts to 2 x 1000 units, and one unit a second back: nothing comes back within the test.
    daemon = own_daemon(REVIEWROOM_MAX_NOTE_UNITS=str(NOTE_UNITS), REVIEWROOM_MAX_INSERTED_UNITS_PER_SECOND="1")
    session = schedule_session(daemon, "Writing review", "Drafting")
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    bilal = await Client.join(daemon.ws_url, session.tokens["Bilal"])

    # A whole note pasted, then replaced whole: 1,900 of Asha's 2,000 units.
    assert (await edit(asha, 0, "a-1", ["x" * NOTE_UNITS]))["rev"] == 1
    assert (await edit(asha, 1, "a-2", [-NOTE_UNITS, "y" * 900]))["rev"] == 2

    refused = await edit(asha, 2, "a-3", [900, "z" * 200])
    assert refused["type"] == "error" and refused["code"] == "rate_limited", refused
    assert "200 characters" in refused["message"] and "1 a second" in refused["message"], refused
    assert "bursts to 2000" in refused["message"] and "not applied" in refused["message"], refused

    # Nothing changed: the note is as it was, and Bilal heard of two edits, not three.
    got = await bilal.command("note.get", note=NOTE)
    assert got["note"]["rev"] == 2 and got["note"]["text"] == "y" * 900, got["note"]
    assert [e["data"]["opId"] for e in [await bilal.event("note.op"), await bilal.event("note.op")]] == ["a-1", "a-2"]
    assert (await bilal.command("ping"))["type"] == "ack"
    assert [m for m in bilal.inbox if m.get("name") == "note.op"] == []

    # The refused opId is not used up, and what is left of the budget still takes a smaller edit.
    again = await edit(asha, 2, "a-3", [900, "z" * 100])
    assert again["type"] == "ack" and again["rev"] == 3, again
    # Deleting inserts nothing, so it is never refused; the budget is Asha's, not Bilal's.
    assert (await edit(asha, 3, "a-4", [-1000]))["rev"] == 4
    assert (await edit(bilal, 4, "b-1", ["w" * NOTE_UNITS]))["rev"] == 5
    assert (await asha.command("ping"))["type"] == "ack"
    for client in (asha, bilal):
        await client.close()


@run
async def test_by_default_there_is_no_limit(own_daemon):
    """PROTOCOL §3.4's limits do not include this one, so it is off unless the operator sets it."""
    daemon = own_daemon(REVIEWROOM_MAX_NOTE_UNITS=str(NOTE_UNITS))
    session = schedule_session(daemon, "Science review", "Practicals")
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    rev = 0
    for n in range(6):  # 6,000 units within a moment: three times the burst a limit would allow
        reply = await edit(asha, rev, f"a-{n}", ([-NOTE_UNITS] if rev else []) + [str(n) * NOTE_UNITS])
        assert reply["type"] == "ack", reply
        rev = reply["rev"]
    await asha.close()


def check_config(value):
    return subprocess.run([str(EXECUTABLE), "check-config", "--config", "/dev/null"], capture_output=True, text=True,
                          timeout=30, env={"PATH": "/usr/bin:/bin", "REVIEWROOM_MAX_INSERTED_UNITS_PER_SECOND": value})


def test_the_key_is_shown_and_a_bad_value_named():
    shown = check_config("4096")
    assert shown.returncode == 0, shown.stderr
    assert "max_inserted_units_per_second = 4096" in shown.stdout, shown.stdout
    for bad in ("-1", "lots", "99999999999"):
        result = check_config(bad)
        assert result.returncode != 0 and "max_inserted_units_per_second" in result.stderr, (bad, result.stdout, result.stderr)
