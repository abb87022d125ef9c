"""A post-review workshop names the review it follows (`followsSession` on `POST
/api/v1/sessions`, a ReviewRoom addition in the HTTPAPI article): the workshop's host staff read
that review's record with their own invite link (`GET /api/v1/invite/followed-record`), and
`GET /api/v1/invite` tells them which review it is. Bad references change nothing."""
import datetime
import subprocess
import urllib.error
import urllib.request

from conftest import DAEMON, schedule_session
from wsclient import Client, run


def workshop_body(title, follows):
    body = {"title": title, "hostSchool": "Northfield Primary", "startsAt": "2030-01-10T15:30:00Z",
            "timeZone": "Europe/London", "template": "post-review-workshop-60",
            "participants": [{"name": "Ben", "role": "host"}, {"name": "Asha", "role": "reviewer"}]}
    if follows is not ...:
        body["followsSession"] = follows
    return body


def invite_get(daemon, path, token, accept=None):
    """(status, body text) of a GET with an invite token."""
    headers = {"Authorization": f"Bearer {token}"}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(daemon.base + path, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def tokens_of(created):
    return {i["participant"]["name"]: i["token"] for i in created["invites"]}


def test_a_workshop_follows_only_one_of_its_facilitators_own_sessions_and_bad_ones_change_nothing(daemon):
    review = schedule_session(daemon, "Reading review", "Reading stamina")
    other = schedule_session(daemon, "Someone else's review", "Maths")
    fran = review.facilitator_token
    before = daemon.api("GET", "/sessions", fran)[1]

    for follows, why in [(other.id, "not one of your sessions"), ("s_doesNotExist", "not one of your sessions"),
                         (42, "followsSession"), ("x" * 65, "followsSession")]:
        status, problem = daemon.api("POST", "/sessions", fran, workshop_body("Refused", follows))
        assert status == 400 and why in problem["detail"], (follows, status, problem)
    assert daemon.api("GET", "/sessions", fran)[1] == before, "a refused POST scheduled something"

    status, created = daemon.api("POST", "/sessions", fran, workshop_body("Post-review workshop: Reading review", review.id))
    assert status == 201, created
    workshop = created["session"]
    assert workshop["followsSession"] == review.id
    assert daemon.api("GET", f"/sessions/{workshop['id']}", fran)[1]["followsSession"] == review.id
    listed = {s["id"]: s for s in daemon.api("GET", "/sessions", fran)[1]}
    assert listed[workshop["id"]]["followsSession"] == review.id
    assert "followsSession" not in listed[review.id]
    # PATCH does not change it (a POST-only key is ignored there, like hostSchool).
    status, patched = daemon.api("PATCH", f"/sessions/{workshop['id']}", fran, {"title": "Renamed", "followsSession": None})
    assert status == 200 and patched["followsSession"] == review.id, patched
    # null follows nothing.
    status, plain = daemon.api("POST", "/sessions", fran, workshop_body("Plain", None))
    assert status == 201 and "followsSession" not in plain["session"], plain


@run
async def test_the_workshops_host_staff_read_the_reviews_record_once_it_has_ended(daemon):
    review = schedule_session(daemon, "Wellbeing review", "Staff wellbeing")
    fran = review.facilitator_token
    status, created = daemon.api("POST", "/sessions", fran, workshop_body("Post-review workshop: Wellbeing review", review.id))
    assert status == 201, created
    workshop = tokens_of(created)

    status, details = daemon.api("GET", "/invite", workshop["Ben"])
    assert status == 200, details
    follows = details["follows"]
    assert follows["session"] == review.id and follows["title"] == "Wellbeing review" and follows["ended"] is False, follows
    assert "follows" not in daemon.api("GET", "/invite", workshop["Asha"])[1], "a reviewer's link of the workshop"
    assert "follows" not in daemon.api("GET", "/invite", review.tokens["Ben"])[1], "the review itself follows nothing"

    path = "/api/v1/invite/followed-record"
    status, text = invite_get(daemon, path, workshop["Ben"])
    assert status == 409 and "has not ended" in text, (status, text)

    console = await Client.console(review)
    for command in ("session.start", "session.end"):
        assert (await console.command(command))["type"] == "ack"
    await console.close()

    assert daemon.api("GET", "/invite", workshop["Ben"])[1]["follows"]["ended"] is True
    status, text = invite_get(daemon, path + "?format=md", workshop["Ben"])
    assert status == 200 and "Wellbeing review" in text and "Staff wellbeing" in text, (status, text[:300])
    status, html = invite_get(daemon, path, workshop["Fran"], accept="text/html")
    assert status == 200 and html.lstrip().lower().startswith("<!doctype html") and "Wellbeing review" in html, html[:200]
    status, text = invite_get(daemon, path, workshop["Asha"])
    assert status == 403 and "host school" in text, (status, text)
    status, text = invite_get(daemon, path, review.tokens["Ben"])
    assert status == 404 and "follows no review" in text, (status, text)
    status, text = invite_get(daemon, path, "not-a-token")
    assert status == 401, (status, text)

    # The workshop's own record (a draft until it ends) names the review it follows.
    status, text = invite_get(daemon, f"/api/v1/sessions/{created['session']['id']}/record?format=md", fran)
    assert status == 200 and "- **Follows:** Wellbeing review, " in text, (status, text[:500])
    assert text.startswith("# Workshop record: Post-review workshop: Wellbeing review"), text[:100]
    exported = subprocess.run([str(DAEMON), "export", created["session"]["id"], "--format", "md", "--data-dir", daemon.data_dir],
                              check=True, capture_output=True, text=True, timeout=60, env=daemon.env).stdout
    assert exported.startswith("# Workshop record: ") and "- **Follows:** Wellbeing review, " in exported, exported[:300]

    assert daemon.api("DELETE", f"/sessions/{review.id}", fran)[0] == 204
    assert "follows" not in daemon.api("GET", "/invite", workshop["Ben"])[1]
    status, text = invite_get(daemon, f"/api/v1/sessions/{created['session']['id']}/record?format=md", fran)
    assert status == 200 and "Follows" not in text, "the record named a review that is no longer kept"
    assert text.startswith("# Workshop record: "), "a workshop's record, also once its review is deleted"
    status, text = invite_get(daemon, path, workshop["Ben"])
    assert status == 404 and "deleted" in text, (status, text)


@run
async def test_a_workshops_welcome_and_not_open_name_the_review_it_follows_and_a_reviews_do_not(daemon):
    """So its pages call it a workshop, not a review (a ReviewRoom addition, LiveSessions)."""
    review = schedule_session(daemon, "Numeracy review", "Number sense")
    fran = review.facilitator_token
    plain = await Client.join(daemon.ws_url, review.tokens["Asha"])
    assert plain.welcome["type"] == "welcome" and "followsSession" not in plain.welcome, plain.welcome
    await plain.close()

    status, later = daemon.api("POST", "/sessions", fran, workshop_body("Post-review workshop: later", review.id))
    assert status == 201, later
    client = await Client.open(daemon.ws_url)
    await client.send({"type": "hello", "token": tokens_of(later)["Asha"]})
    code, seen = await client.close_code()
    assert [m.get("code") for m in seen] == ["not_open"] and seen[0]["followsSession"] == review.id, seen
    assert code == 1000

    body = workshop_body("Post-review workshop: now", review.id)
    body["startsAt"] = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0) \
        .isoformat().replace("+00:00", "Z")
    status, now = daemon.api("POST", "/sessions", fran, body)
    assert status == 201, now
    joined = await Client.join(daemon.ws_url, tokens_of(now)["Asha"])
    assert joined.welcome["type"] == "welcome" and joined.welcome["followsSession"] == review.id, joined.welcome
    await joined.close()
