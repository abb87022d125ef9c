"""`language_hints = false` (PROTOCOL §1's key): a school that turns the wording hints off gets
no wording flagged in the review record either, from the daemon's `/record` and from
`reviewroomd export` alike; with the default, the same words are flagged."""
import datetime
import json
import shutil
import subprocess
import tempfile

import pytest

from conftest import AGENDA, PEOPLE, Daemon, schedule_session
from reviewroomd import EXECUTABLE
from test_record_audit import fetch
from wsclient import Client, run

JUDGEMENTAL = "Clearly the pupils always read well.\n"


@pytest.mark.parametrize("hints", ["true", "false"])
@run
async def test_the_record_flags_wording_only_when_language_hints_are_on(hints):
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-hints-")
    daemon = Daemon(data_dir, {"REVIEWROOM_LANGUAGE_HINTS": hints}).start()
    try:
        session = schedule_session(daemon, "Hints", "Wording")
        asha = await Client.join(daemon.ws_url, session.tokens["Asha"])
        acked = await asha.command("note.edit", note="evidence", rev=0, opId="h-1", op=[JUDGEMENTAL])
        assert acked["type"] == "ack", acked
        await asha.close()
        status, _, served = fetch(daemon, session.facilitator_token, session.id, fmt="md")
        assert status == 200, served
        exported = subprocess.run([str(EXECUTABLE), "export", session.id, "--format", "md", "--data-dir", data_dir],
                                  capture_output=True, text=True, timeout=60, env=daemon.env, check=True).stdout
        for record in (served, exported):
            phrases = record.split("## Phrases to revisit", 1)[1].split("\n## ", 1)[0]
            if hints == "true":
                assert "**Clearly**" in phrases, phrases
            else:
                assert "Clearly" not in phrases and "Wording is not flagged on this server" in phrases, phrases
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


@run
async def test_a_notes_buffer_titled_actions_under_another_id_is_the_records_actions(daemon, facilitator):
    """A session's own `notes` may name its actions buffer "Actions" under another id: the
    record's Actions section showed "No actions were written" while the note held them."""
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator["token"], {
        "title": "Own notes", "hostSchool": "Northfield Primary", "startsAt": starts.isoformat().replace("+00:00", "Z"),
        "agenda": AGENDA, "participants": PEOPLE, "notes": [{"id": "seen", "title": "Seen"}, {"id": "next-steps", "title": "Actions"}]})
    assert status == 201, created
    token = next(i["token"] for i in created["invites"] if i["participant"]["name"] == "Ben")
    ben = await Client.join(daemon.ws_url, token)
    acked = await ben.command("note.edit", note="next-steps", rev=0, opId="a-1", op=["- Trial reading buddies by March\n"])
    assert acked["type"] == "ack", acked
    await ben.close()
    status, _, record = fetch(daemon, facilitator["token"], created["session"]["id"], fmt="json")
    assert status == 200, record
    actions = json.loads(record).get("actions")
    assert actions and actions["id"] == "next-steps" and "Trial reading buddies" in actions["text"], record
    _, _, markdown = fetch(daemon, facilitator["token"], created["session"]["id"], fmt="md")
    assert "No actions were written" not in markdown.split("## Actions", 1)[1].split("\n## ", 1)[0], markdown
