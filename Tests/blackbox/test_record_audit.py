"""The review record as the record audit found it wanting, end to end: an `Accept` that refuses
Markdown with `q=0` is not answered in Markdown because a wildcard also matched (§2, RFC 9110
§12.5.1); Markdown-significant characters followed by a combining mark are still escaped, so a
name cannot split a Markdown table row or a title start emphasis; C1 controls (U+009B is an 8-bit
CSI to a terminal) and noncharacters reach neither the HTML page nor the Markdown (§3.5: the HTML
record is an HTML page)."""
import datetime
import json
import urllib.error
import urllib.request

from markdown_it import MarkdownIt

from wsclient import Client, run

MARK = "\u0301"  # a combining acute accent: with `|` it makes one grapheme that is not `|`


def fetch(daemon, token, session_id, fmt=None, accept=None):
    """(status, content type, body) of the record."""
    query = f"?format={fmt}" if fmt else ""
    headers = {"Authorization": f"Bearer {token}", **({"Accept": accept} if accept else {})}
    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions/{session_id}/record{query}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers["Content-Type"], response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode("utf-8")


def test_an_accept_that_refuses_markdown_is_not_answered_in_markdown(session):
    token = session.facilitator_token
    status, kind, _ = fetch(session.daemon, token, session.id, accept="text/markdown;q=0, */*")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    status, kind, _ = fetch(session.daemon, token, session.id, accept="text/markdown;q=0, text/html;q=0, */*")
    assert (status, kind) == (200, "application/json")
    status, kind, body = fetch(session.daemon, token, session.id,
                               accept="text/markdown;q=0, text/html;q=0, application/json;q=0, */*")
    assert (status, kind) == (406, "application/problem+json")
    assert "Accept" in json.loads(body)["detail"]


def unfit_for_html(text):
    """The C1 controls and noncharacters in `text` (HTML allows neither)."""
    return sorted({hex(ord(c)) for c in text
                   if 0x80 <= ord(c) <= 0x9F or 0xFDD0 <= ord(c) <= 0xFDEF or ord(c) & 0xFFFE == 0xFFFE})


@run
async def test_combining_marks_c1_controls_and_noncharacters_keep_the_record_well_formed(daemon, facilitator):
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator["token"], {
        "title": f"Review *{MARK}bold*{MARK} \u009b31m\ufdd0", "hostSchool": f"`{MARK}code`{MARK}", "focus": "Focus",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
        "agenda": [{"title": f"Welcome |{MARK} extra cell", "kind": "briefing", "durationSec": 600,
                    "turnMode": "open", "onTimeUp": "overtime"}],
        "participants": [{"name": f"Eve |{MARK} x\u0090", "role": "reviewer"}],
        "lobbyOpensMinutesBefore": 15, "autoStart": False})
    assert status == 201, created
    session_id = created["session"]["id"]
    token = {i["participant"]["role"]: i["token"] for i in created["invites"]}
    fran = await Client.join(daemon.ws_url, token["facilitator"])
    eve = await Client.join(daemon.ws_url, token["reviewer"])
    for client, name, fields in [(fran, "session.start", {}),
                                 (eve, "note.edit", {"note": "evidence", "rev": 0, "opId": "e-1",
                                                     "op": ["clear \u009b2J screen\u0085next line \U0001fffe"]}),
                                 (fran, "session.end", {})]:
        reply = await client.command(name, **fields)
        assert reply["type"] == "ack", (name, reply)
    await fran.close()
    await eve.close()

    records = {fmt: fetch(daemon, facilitator["token"], session_id, fmt)[2] for fmt in ("md", "html", "json")}
    for fmt in ("md", "html"):
        assert unfit_for_html(records[fmt]) == [], fmt
    assert "clear \ufffd2J screen\nnext line \ufffd</span>" in records["html"]
    # NEL breaks the quoted line; the line before it ends in a hard break (two spaces).
    assert "> clear \ufffd2J screen  \n> next line \ufffd\n" in records["md"]
    assert json.loads(records["json"])["session"]["title"] == f"Review *{MARK}bold*{MARK} \u009b31m\ufdd0"

    # Rendered as GitHub would: the name and the phase title each stay whole in one table cell,
    # and the title and host school are text, not emphasis or code.
    rendered = MarkdownIt("commonmark").enable("table").render(records["md"])
    assert f"<td>Eve |{MARK} x\ufffd</td>" in rendered
    assert f"<td>Welcome |{MARK} extra cell</td>" in rendered
    assert f"<h1>Review record: Review *{MARK}bold*{MARK} \ufffd31m\ufffd</h1>" in rendered
    assert f"`{MARK}code`{MARK}" in rendered
    assert "<em>" not in rendered and "<code>" not in rendered
