"""PRODUCT.md "Safe": an invite link is scoped to one person in one session, and a reviewer
cannot do a facilitator's job. Every facilitator command from every other role (§3.2's "who
may" column), and every session route of the HTTP API (§2) with an invite token or another
facilitator's token, is refused and changes nothing."""
import pytest

from wsclient import Client, run


def facilitator_commands(session, prompt):
    """Every command only a facilitator may send, with fields that a facilitator's would carry
    (the hand raised or lowered for someone else: Bilal, who is never the sender)."""
    bilal = session.pids["Bilal"]
    return [
        ("session.start", {}), ("session.end", {}), ("clock.pause", {}), ("clock.resume", {}),
        ("clock.extend", {"seconds": 60}), ("phase.next", {}), ("phase.prev", {}), ("phase.goto", {"index": 1}),
        ("hand.raise", {"kind": "contribution", "participant": bilal}), ("hand.lower", {"participant": bilal}),
        ("floor.grant", {"participant": bilal}), ("floor.next", {}), ("round.start", {"secondsEach": 30}),
        ("round.stop", {}), ("prompt.show", {"prompt": prompt}), ("prompt.hide", {}),
        ("prompt.discussed", {"prompt": prompt, "discussed": True}), ("prompt.add", {"text": "Who reads aloud?"}),
    ]


READ_ONLY_REFUSED = [
    ("hand.raise", {"kind": "contribution"}),
    ("note.edit", {"note": "evidence", "rev": 0, "opId": "o-1", "op": ["x"]}),
    ("note.cursor", {"note": "evidence", "rev": 0, "anchor": 0, "head": 0}),
]


@pytest.mark.parametrize("who", ["Asha", "Ben", "Olu", "Room"])
@run
async def test_no_other_role_may_send_a_facilitator_command(session, who):
    fran = await Client.join(session.daemon.ws_url, session.tokens["Fran"])
    prompt = fran.welcome["session"]["prompts"]["deck"][0]["id"]
    before = await fran.seq()
    client = await Client.join(session.daemon.ws_url, session.tokens[who])
    refused = facilitator_commands(session, prompt)
    if who in ("Olu", "Room"):
        refused += READ_ONLY_REFUSED
    if who == "Room":
        refused.append(("signal", {"kind": "agree"}))
    for name, fields in refused:
        reply = await client.command(name, **fields)
        assert reply["type"] == "error" and reply["code"] == "forbidden", (who, name, reply)
    assert await client.seq() == before
    assert await fran.seq() == before
    assert fran.kept_events() == [] and client.kept_events() == [], (fran.kept_events(), client.kept_events())
    await client.close()
    await fran.close()


def session_routes(session):
    asha = session.pids["Asha"]
    base = f"/sessions/{session.id}"
    return [("GET", base, None), ("PATCH", base, {"title": "Taken over"}), ("GET", base + "/record", None),
            ("GET", base + "/calendar.ics", None),
            ("POST", base + "/participants", {"name": "Mallory", "role": "facilitator"}),
            ("POST", f"{base}/participants/{asha}/reissue", None), ("DELETE", f"{base}/participants/{asha}", None),
            ("DELETE", base, None)]


@pytest.mark.parametrize("holder", ["Asha", "Fran"])
def test_an_invite_token_is_no_api_token_not_even_a_facilitators(session, holder):
    before = session.api("GET", f"/sessions/{session.id}")
    for method, path, body in session_routes(session) + [("GET", "/sessions", None), ("GET", "/templates", None)]:
        status, reply = session.daemon.api(method, path, session.tokens[holder], body)
        assert status == 401, (holder, method, path, status, reply)
    assert session.api("GET", f"/sessions/{session.id}") == before


def test_another_facilitator_cannot_see_or_touch_a_session(session):
    other = session.daemon.add_facilitator("Eve")
    before = session.api("GET", f"/sessions/{session.id}")
    for method, path, body in session_routes(session):
        status, reply = session.daemon.api(method, path, other["token"], body)
        assert status == 404, (method, path, status, reply)
    status, listed = session.daemon.api("GET", "/sessions", other["token"])
    assert status == 200 and listed == [], listed
    assert session.api("GET", f"/sessions/{session.id}") == before
