"""`retention_days` (a ReviewRoom key, `Deploy/reviewroom.conf`; DataProtection): a daemon erases
each session that many days after its last use (the latest of its scheduling, its start and its
newest event), at start-up before it listens and then hourly. Time is moved by writing older
timestamps into a stopped daemon's real database, as if the session had been used 40 days ago."""
import datetime
import json
import os
import sqlite3
import time

from conftest import schedule_session
from invite_routes import get
from reviewroomd import Daemon
from wsclient import Client, Closed, run

DAY_MS = 86_400_000


def age_session(data_dir, session_id, days):
    """Moves session `session_id`'s scheduling, start and events `days` into the past (daemon stopped)."""
    shift = days * DAY_MS
    with sqlite3.connect(os.path.join(data_dir, "reviewroom.sqlite3")) as db:
        db.execute("UPDATE sessions SET created_at = created_at - ?1, starts_at = starts_at - ?1 WHERE id = ?2", (shift, session_id))
        db.execute("UPDATE events SET at = at - ?1 WHERE session = ?2", (shift, session_id))
        db.execute("UPDATE event_journal SET at = at - ?1 WHERE session = ?2", (shift, session_id))


def iso_ms(text):
    return int(datetime.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def log_lines(daemon, needle):
    with open(os.path.join(daemon.data_dir, "daemon.log")) as log:
        return [line for line in log if needle in line]


@run
async def test_a_session_unused_for_longer_than_retention_days_is_gone_when_the_daemon_listens(own_daemon):
    daemon = own_daemon()
    old = schedule_session(daemon, "Last term's review", "Stamina")
    recent = schedule_session(daemon, "This week's review", "Stamina")
    # Something happens in the old one (a link revoked after the review), so its events age too.
    status, _ = old.api("DELETE", f"/sessions/{old.id}/participants/{old.pids['Olu']}")
    assert status == 204
    status, shown = old.api("GET", f"/sessions/{old.id}")
    assert status == 200 and "erasesAt" not in shown, "a server that keeps sessions says no erasure date"
    daemon.stop()
    age_session(daemon.data_dir, old.id, 40)
    age_session(daemon.data_dir, recent.id, 20)

    kept = Daemon(daemon.data_dir, {"REVIEWROOM_RETENTION_DAYS": "30"}).start(daemon.port)
    try:
        status, _ = old.api("GET", f"/sessions/{old.id}")
        assert status == 404, "the session unused for 40 days was erased before the daemon listened"
        try:
            client = await Client.join(kept.ws_url, old.tokens["Asha"])
            assert client.welcome.get("type") != "welcome", client.welcome
        except Closed as closed:
            assert closed.code == 4001, closed.code
        status, shown = recent.api("GET", f"/sessions/{recent.id}")
        assert status == 200, shown
        # Its last use is its start or its scheduling, 20 days ago: 10 days left.
        last_use = max(iso_ms(shown["startsAt"]), iso_ms(shown["createdAt"]))
        assert iso_ms(shown["erasesAt"]) == last_use + 30 * DAY_MS, shown
        assert 9 * DAY_MS < iso_ms(shown["erasesAt"]) - time.time() * 1000 < 11 * DAY_MS, shown
        # Everyone's invite link says the same date (the join page shows it).
        status, _, body = get(kept, "/api/v1/invite", token=recent.tokens["Ben"])
        assert status == 200 and json.loads(body)["erasesAt"] == shown["erasesAt"], body
        status, listed = recent.api("GET", "/sessions")
        assert status == 200 and [s["id"] for s in listed] == [recent.id], listed
        assert all("erasesAt" in s for s in listed), listed
    finally:
        kept.stop()
    erased = log_lines(kept, "session erased: unused for retention_days")
    assert len(erased) == 1 and old.id in erased[0] and "retention_days=30" in erased[0], erased
    with sqlite3.connect(os.path.join(daemon.data_dir, "reviewroom.sqlite3")) as db:
        for table, column in [("sessions", "id"), ("participants", "session"), ("events", "session"),
                              ("attendance", "session"), ("event_journal", "session")]:
            count = db.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (old.id,)).fetchone()[0]
            assert count == 0, f"{table} still holds {count} rows of the erased session"


def schedule_workshop(review, title):
    """A workshop of `review`'s facilitator that follows it (`followsSession`), starting a minute ago."""
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = review.api("POST", "/sessions", {
        "title": title, "hostSchool": "Northfield Primary", "startsAt": starts.isoformat().replace("+00:00", "Z"),
        "timeZone": "Europe/London", "template": "post-review-workshop-60", "followsSession": review.id,
        "participants": [{"name": "Ben", "role": "host"}]})
    assert status == 201, created
    return created


def test_a_review_a_workshop_follows_goes_with_the_workshop_never_before_it(own_daemon):
    daemon = own_daemon()
    review = schedule_session(daemon, "Autumn review", "Stamina")
    workshop = schedule_workshop(review, "Autumn workshop")
    workshop_id = workshop["session"]["id"]
    ben = workshop["invites"][0]["token"]
    daemon.stop()
    age_session(daemon.data_dir, review.id, 40)
    age_session(daemon.data_dir, workshop_id, 20)

    kept = Daemon(daemon.data_dir, {"REVIEWROOM_RETENTION_DAYS": "30"}).start(daemon.port)
    try:
        status, shown = review.api("GET", f"/sessions/{review.id}")
        assert status == 200, "a review unused for 40 days was erased while its workshop, used 20 days ago, is kept"
        status, its_workshop = review.api("GET", f"/sessions/{workshop_id}")
        assert status == 200, its_workshop
        assert shown["erasesAt"] == its_workshop["erasesAt"], (shown["erasesAt"], its_workshop["erasesAt"])
        # The workshop's host still finds the review it follows.
        status, _, body = get(kept, "/api/v1/invite", token=ben)
        assert status == 200 and json.loads(body)["follows"]["session"] == review.id, body
    finally:
        kept.stop()
    assert not log_lines(kept, "session erased")
    age_session(daemon.data_dir, workshop_id, 15)

    kept.start(daemon.port)
    try:
        for session_id in (review.id, workshop_id):
            status, _ = review.api("GET", f"/sessions/{session_id}")
            assert status == 404, f"{session_id} unused for 35 days or more was kept"
    finally:
        kept.stop()


def test_without_retention_days_old_sessions_stay(own_daemon):
    daemon = own_daemon()
    old = schedule_session(daemon, "Old review", "Stamina")
    daemon.stop()
    age_session(daemon.data_dir, old.id, 4000)
    daemon.start()
    status, shown = old.api("GET", f"/sessions/{old.id}")
    assert status == 200 and "erasesAt" not in shown, shown
    assert not log_lines(daemon, "retention_days")


def test_a_bad_retention_days_is_refused_naming_the_key(own_daemon, tmp_path):
    from reviewroomd import EXECUTABLE, clean_environment
    import subprocess
    for value, words in [("-1", "not -1"), ("3651", "at most 3650"), ("month", "not a whole number")]:
        done = subprocess.run([str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", str(tmp_path / "data")],
                              env=clean_environment({"REVIEWROOM_RETENTION_DAYS": value}), capture_output=True, text=True, timeout=30)
        assert done.returncode == 78, (value, done.returncode, done.stderr)
        assert "retention_days" in done.stderr and words in done.stderr, (value, done.stderr)
        assert not (tmp_path / "data").exists(), "nothing was created for a bad configuration"
