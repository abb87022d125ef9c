"""`GET /api/v1/invite/record` (a ReviewRoom extension of PROTOCOL.md §2, documented in the
project's HTTPAPI article and its OpenAPI document): the host school's staff download the record
of an ended review with their own invite link's token, so they can take it into their workshop.
Only `host` and `facilitator` invites, only after `session.end`; a revoked or replaced token is
401 as on the facilitator's routes. Every refusal is problem+json and says why."""
import json

import invite_routes
from wsclient import Client, run

ROUTE = "/api/v1/invite/record"


def get(daemon, **request):
    return invite_routes.get(daemon, ROUTE, **request)


def refused(daemon, status, *words, **request):
    return invite_routes.refused(daemon, ROUTE, status, *words, **request)


async def ok(client, name, **fields):
    reply = await client.command(name, **fields)
    assert reply["type"] == "ack", (name, reply)


@run
async def test_the_host_downloads_the_record_of_an_ended_review_with_their_own_link(daemon, session):
    fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
    asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
    await ok(fran, "session.start")
    evidence = next(n for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")
    await ok(asha, "note.edit", note="evidence", rev=evidence["rev"], opId="a-1", op=["Pupils chose their own books."])

    # Before the end: the host is told to wait, nobody else gets further than before.
    refused(daemon, 409, "not ended", token=session.tokens["Ben"])
    for name in ("Asha", "Olu", "Room"):
        refused(daemon, 403, "host school", token=session.tokens[name])
    headers = refused(daemon, 401, "no Authorization header", token=None)
    assert headers["WWW-Authenticate"].startswith("Bearer"), headers
    refused(daemon, 401, "invite link", token=session.facilitator_token)  # an API token is not an invite's
    refused(daemon, 401, "invite link", token="not-a-token")

    await ok(fran, "session.end")
    for client in (fran, asha):
        await client.close()

    status, headers, body = get(daemon, token=session.tokens["Ben"])
    assert status == 200 and headers["Content-Type"].startswith("text/markdown"), (status, headers["Content-Type"])
    assert headers["Vary"] == "Accept"
    markdown = body.decode()
    assert "Reading for pleasure" in markdown and "Pupils chose their own books." in markdown, markdown[:400]
    # The same record as the facilitator's route gives, format by format.
    status, record = session.api("GET", f"/sessions/{session.id}/record?format=json")
    assert status == 200
    status, headers, body = get(daemon, token=session.tokens["Ben"], query="?format=json")
    assert status == 200 and headers["Content-Type"] == "application/json"
    mine = json.loads(body)
    assert {k: v for k, v in mine.items() if k != "generatedAt"} == {k: v for k, v in record.items() if k != "generatedAt"}
    status, headers, body = get(daemon, token=session.tokens["Fran"], accept="text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html") and b"Pupils chose their own books." in body
    status, headers, body = get(daemon, token=session.tokens["Ben"], method="HEAD")
    assert status == 200 and body == b"" and headers["Content-Type"].startswith("text/markdown")

    # Bad input changes nothing and says what was wrong.
    refused(daemon, 400, "format", token=session.tokens["Ben"], query="?format=pdf")
    refused(daemon, 406, "Accept", token=session.tokens["Ben"], accept="image/png")
    for name, role in (("Asha", "a reviewer"), ("Olu", "an observer"), ("Room", "a display")):
        refused(daemon, 403, f"{role}'s invite cannot download it: ask the facilitator", token=session.tokens[name])
    code, headers, _ = get(daemon, token=session.tokens["Ben"], method="POST")
    assert code == 405 and headers["Allow"] == "GET, HEAD", (code, headers["Allow"])

    # A new link replaces the old one here too; revoking ends it.
    status, reissued = session.api("POST", f"/sessions/{session.id}/participants/{session.pids['Ben']}/reissue")
    assert status == 201, reissued
    refused(daemon, 401, "invite link", token=session.tokens["Ben"])
    assert get(daemon, token=reissued["token"])[0] == 200
    assert session.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Ben']}")[0] == 204
    refused(daemon, 401, "invite link", token=reissued["token"])
