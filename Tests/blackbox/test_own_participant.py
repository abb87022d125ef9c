"""PROTOCOL.md §3.5: a facilitator's console joins as their own participant — found by who made
it theirs, never by name. A co-facilitator invited with the owner's name (after the owner
revoked their own participant) is someone else: the console must not act as them."""
from wsclient import Client, run

NOTE = "evidence"


async def join_console(session):
    return await Client.console(session)


@run
async def test_console_never_joins_as_a_namesake_co_facilitator(session):
    owner_pid = session.pids["Fran"]
    status, _ = session.api("DELETE", f"/sessions/{session.id}/participants/{owner_pid}")
    assert status == 204
    status, invited = session.api("POST", f"/sessions/{session.id}/participants", {"name": "Fran", "role": "facilitator"})
    assert status == 201, invited
    co_pid = invited["participant"]["id"]

    co = await Client.join(session.daemon.ws_url, invited["token"])
    assert co.welcome["you"]["id"] == co_pid
    rev = next(n["rev"] for n in co.welcome["session"]["notes"] if n["id"] == NOTE)
    first = await co.command("note.edit", note=NOTE, rev=rev, opId="same-1", op=["A"])
    assert first["type"] == "ack" and first["rev"] == rev + 1, first

    console = await join_console(session)
    you = console.welcome["you"]
    assert you["id"] not in (co_pid, owner_pid), (you, co_pid, owner_pid)
    assert you["name"] == "Fran" and you["role"] == "facilitator", you
    # The same opId from someone else is a new edit, not the co-facilitator's repeat.
    second = await console.command("note.edit", note=NOTE, rev=rev + 1, opId="same-1", op=[1, "B"])
    assert second["type"] == "ack" and second["rev"] == rev + 2, second
    got = await console.command("note.get", note=NOTE)
    assert got["note"]["text"] == "AB", got

    # A second console of the owner joins as the same own participant, not as a third Fran.
    again = await join_console(session)
    assert again.welcome["you"]["id"] == you["id"]
    frans = [p for p in again.welcome["session"]["participants"] if p["name"] == "Fran"]
    assert sorted(p["id"] for p in frans) == sorted([co_pid, you["id"]]), frans
    for client in (co, console, again):
        await client.close()


@run
async def test_owner_changes_are_credited_to_their_own_participant_not_the_namesake(session):
    owner_pid = session.pids["Fran"]
    assert session.api("DELETE", f"/sessions/{session.id}/participants/{owner_pid}")[0] == 204
    status, invited = session.api("POST", f"/sessions/{session.id}/participants", {"name": "Fran", "role": "facilitator"})
    assert status == 201, invited
    console = await join_console(session)
    own = console.welcome["you"]["id"]
    assert own != invited["participant"]["id"]
    status, _ = session.api("PATCH", f"/sessions/{session.id}", {"title": "Renamed by the owner"})
    assert status == 200
    await console.close()
    status, record = session.api("GET", f"/sessions/{session.id}/record?format=json")
    assert status == 200, record
    renamed = [entry for entry in record["log"] if "Renamed by the owner" in entry["text"]]
    assert renamed, record["log"]
    names = {p["id"]: p for p in record["participants"]}
    assert renamed[0]["by"] == names[own]["name"] != names[invited["participant"]["id"]]["name"], (renamed, names)
