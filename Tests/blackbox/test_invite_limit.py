"""`POST /api/v1/sessions/{id}/participants` (PROTOCOL.md §2) takes at most 500 invitations per
session, revoked ones included: a `POST /api/v1/sessions` may list 200 people, the facilitator
joins them, and late invites have room. Beyond it the answer is 409 problem+json saying why and
what to do instead, and nothing changes; a new link for someone already invited still works."""
import datetime

from conftest import AGENDA


def test_a_session_takes_500_invitations_and_the_next_is_409_changing_nothing(daemon, facilitator):
    token = facilitator["token"]
    starts = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=3)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", token, {
        "title": "A large review", "hostSchool": "Northfield Primary",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "agenda": AGENDA,
        "participants": [{"name": f"Reviewer {n}", "role": "reviewer"} for n in range(200)]})
    assert status == 201, created
    session = created["session"]["id"]
    assert len(created["session"]["participants"]) == 201, "the 200 listed and the facilitator"
    path = f"/sessions/{session}/participants"

    first_late = None
    for n in range(299):
        status, invite = daemon.api("POST", path, token, {"name": f"Late {n}", "role": "observer"})
        assert status == 201, (n, invite)
        first_late = first_late or invite["participant"]["id"]
    # A revoked invitation still counts: its row stays, and revoking frees no room.
    assert daemon.api("DELETE", f"{path}/{first_late}", token)[0] == 204
    status, before = daemon.api("GET", f"/sessions/{session}", token)
    assert status == 200 and len(before["participants"]) == 499, len(before["participants"])

    status, problem = daemon.api("POST", path, token, {"name": "One too many", "role": "reviewer"})
    assert status == 409, problem
    assert problem["status"] == 409 and problem["title"] == "Conflict", problem
    assert "500 people invited" in problem["detail"] and "revoked invites included" in problem["detail"], problem
    assert "reissue" in problem["detail"], problem
    assert daemon.api("GET", f"/sessions/{session}", token)[1] == before, "the refusal changed the session"

    # Someone already invited can still be given a new link.
    someone = before["participants"][-1]["id"]
    status, reissued = daemon.api("POST", f"{path}/{someone}/reissue", token, None)
    assert status == 201 and reissued["participant"]["id"] == someone, reissued
