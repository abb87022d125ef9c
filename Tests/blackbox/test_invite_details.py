"""`GET /api/v1/invite` (a ReviewRoom extension of PROTOCOL.md §2, in the HTTPAPI article and the
OpenAPI document): what an invite link is, asked with its own token: the session, whose link it
is as the WebSocket's `you`, and, only on a server with `retention_days`, `erasesAt` (the
retention tests check its value). The join page reads it to say how long the notes are kept."""
import json

from invite_routes import get, refused

ROUTE = "/api/v1/invite"


def test_every_invite_link_says_whose_it_is_and_nothing_about_erasure_on_a_server_that_keeps_sessions(daemon, session):
    for name, person in session.people.items():
        status, headers, body = get(daemon, ROUTE, token=session.tokens[name])
        assert status == 200 and headers["Content-Type"] == "application/json", (name, status, body)
        details = json.loads(body)
        assert details == {"session": session.id,
                           "participant": {"id": person["id"], "name": person["name"], "role": person["role"]}}, details
    status, headers, body = get(daemon, ROUTE, token=session.tokens["Asha"], method="HEAD")
    assert status == 200 and body == b"" and headers["Content-Type"] == "application/json"


def test_a_request_without_a_working_invite_token_is_refused_and_says_why(daemon, session):
    headers = refused(daemon, ROUTE, 401, "no Authorization header")
    assert headers["WWW-Authenticate"].startswith("Bearer"), headers
    refused(daemon, ROUTE, 401, "invite link", token=session.facilitator_token)  # an API token is not an invite's
    refused(daemon, ROUTE, 401, "invite link", token="not-a-token")
    code, headers, _ = get(daemon, ROUTE, token=session.tokens["Ben"], method="POST")
    assert code == 405 and headers["Allow"] == "GET, HEAD", (code, headers["Allow"])

    status, reissued = session.api("POST", f"/sessions/{session.id}/participants/{session.pids['Ben']}/reissue")
    assert status == 201, reissued
    refused(daemon, ROUTE, 401, "invite link", token=session.tokens["Ben"])
    assert json.loads(get(daemon, ROUTE, token=reissued["token"])[2])["participant"]["id"] == session.pids["Ben"]
    assert session.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Ben']}")[0] == 204
    refused(daemon, ROUTE, 401, "invite link", token=reissued["token"])

    assert session.api("DELETE", f"/sessions/{session.id}")[0] == 204
    refused(daemon, ROUTE, 401, "invite link", token=session.tokens["Asha"])
