"""The review record, end to end as the host school gets it: a session run over WebSocket and
HTTP with hostile text everywhere, then `GET …/record` in Markdown, HTML and JSON (by `format`
and by `Accept`) and `reviewroomd export`. A final record is the same bytes however it is
fetched; the three formats tell the same story; no user-supplied string becomes markup."""
import datetime
import html.parser
import json
import subprocess
import urllib.request

from markdown_it import MarkdownIt

from conftest import DAEMON
from wsclient import Client, run

HOSTILE = "<script>alert(1)</script> | `tick` # ~~x~~"
AGENDA = [
    {"title": f"Welcome {HOSTILE}", "kind": "briefing", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"},
    {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "onTimeUp": "overtime"},
    {"title": "Never reached", "kind": "actions", "durationSec": 300, "turnMode": "open", "onTimeUp": "overtime"},
]


def fetch(daemon, token, path, accept=None):
    headers = {"Authorization": f"Bearer {token}"}
    if accept:
        headers["Accept"] = accept
    request = urllib.request.Request(f"{daemon.base}/api/v1{path}", headers=headers)
    with urllib.request.urlopen(request, timeout=15) as response:
        return response.headers["Content-Type"], response.read()


def escaped_html(text):
    """What RecordHTML makes of a piece of session text."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs = getattr(self, "attrs", []) + [(tag, dict(attrs))]


async def run_the_session(daemon, facilitator):
    starts = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0)
    status, created = daemon.api("POST", "/sessions", facilitator["token"], {
        "title": f"Review {HOSTILE}", "hostSchool": f"School {HOSTILE}", "focus": f"Focus\n# {HOSTILE}",
        "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "America/New_York", "agenda": AGENDA,
        "prompts": [{"text": f"Question one {HOSTILE}"}, {"text": "Question two"}],
        "participants": [{"name": f"Asha {HOSTILE}", "role": "reviewer"}, {"name": "Ben\n# Head", "role": "host"}],
        "lobbyOpensMinutesBefore": 15, "autoStart": False})
    assert status == 201, created
    session = created["session"]
    token = {i["participant"]["role"]: i["token"] for i in created["invites"]}
    pid = {i["participant"]["role"]: i["participant"]["id"] for i in created["invites"]}
    fran = await Client.join(daemon.ws_url, token["facilitator"])
    asha = await Client.join(daemon.ws_url, token["reviewer"])
    q1, q2 = (p["id"] for p in fran.welcome["session"]["prompts"]["deck"])
    evidence = next(n for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")

    async def ok(client, name, **fields):
        reply = await client.command(name, **fields)
        assert reply["type"] == "ack", (name, reply)
        return reply

    await ok(fran, "session.start")
    await ok(fran, "prompt.show", prompt=q1)
    await ok(asha, "note.edit", note="evidence", rev=evidence["rev"], opId="a-1",
             op=[f"Seen: {HOSTILE}\r\n| a | b |\n</details>\n```\n"])
    await ok(asha, "hand.raise", kind="contribution")
    await ok(fran, "floor.next")
    await ok(fran, "floor.release")
    await ok(fran, "prompt.discussed", prompt=q1, discussed=True)
    await ok(fran, "prompt.add", text=f"Added live {HOSTILE}")
    await ok(fran, "prompt.show", prompt=q2)
    await ok(fran, "clock.extend", seconds=120)
    await ok(fran, "clock.pause")
    await ok(fran, "clock.resume")
    await ok(fran, "phase.next")
    deck = [{"text": p["text"]} for p in daemon.api("GET", f"/sessions/{session['id']}", facilitator["token"])[1]["prompts"]["deck"]]
    deck[1]["text"] = "Question two, reworded"
    status, _ = daemon.api("PATCH", f"/sessions/{session['id']}", facilitator["token"], {"prompts": deck})
    assert status == 200
    # A later phase lengthened and the focus reworded: the log says what each replaced.
    agenda = [dict(phase) for phase in AGENDA]
    agenda[2]["durationSec"] = 420
    status, _ = daemon.api("PATCH", f"/sessions/{session['id']}", facilitator["token"],
                           {"agenda": agenda, "focus": f"Focus, reworded {HOSTILE}"})
    assert status == 200
    await ok(fran, "session.end")
    await fran.close()
    await asha.close()
    return session["id"], pid


@run
async def test_a_final_record_is_the_same_bytes_consistent_across_formats_and_escaped(daemon, facilitator):
    session, pid = await run_the_session(daemon, facilitator)
    token = facilitator["token"]
    path = f"/sessions/{session}/record"
    served = {}
    for fmt, accept, kind in (("md", "text/markdown", "text/markdown; charset=utf-8"),
                              ("html", "text/html", "text/html; charset=utf-8"),
                              ("json", "application/json", "application/json")):
        first_type, first = fetch(daemon, token, f"{path}?format={fmt}")
        again_type, again = fetch(daemon, token, path, accept=accept)
        assert first_type == again_type == kind
        assert first == again, f"{fmt}: two fetches of a final record differ"
        exported = subprocess.run([str(DAEMON), "export", session, "--format", fmt, "--data-dir", daemon.data_dir],
                                  check=True, capture_output=True, timeout=60, env=daemon.env).stdout
        assert exported == first, f"{fmt}: the export differs from the served record"
        served[fmt] = first.decode("utf-8")

    record = json.loads(served["json"])
    assert record["draft"] is False and record["session"]["status"] == "ended"
    assert record["generatedAt"] == record["session"]["endedAt"], "a final record is dated by its last change, the end"
    asha = next(p for p in record["speaking"]["people"] if p["id"] == pid["reviewer"])
    assert asha["seconds"] >= 0 and asha["share"] in (0, 1)
    assert [q["discussed"] for q in record["questions"]] == [True, False, False]
    assert [q["shown"] for q in record["questions"]] == [True, True, False]
    assert record["questions"][1]["text"] == "Question two" and record["questions"][1]["laterText"] == "Question two, reworded"
    texts = [entry["text"] for entry in record["log"]]
    assert f"Question added: “Added live {HOSTILE}”" in texts, texts
    assert "Question reworded: “Question two” → “Question two, reworded”" in texts, texts
    assert "Extended phase 1 “Welcome " + HOSTILE + "” by 2 min" in texts, texts
    assert "Phase 3 “Never reached” lengthened from 5 to 7 min" in texts, texts
    assert f"Focus reworded: “Focus # {HOSTILE}” → “Focus, reworded {HOSTILE}”" in texts, texts
    assert record["agenda"][0]["runs"][0]["extendedSec"] == 120 and record["agenda"][2]["runs"] == []

    # The same story in HTML: every log line, escaped, and nothing of the hostile text as markup.
    page = served["html"]
    for text in texts:
        assert escaped_html(text) in page, text
    tags = Tags()
    tags.feed(page)
    assert not {"script", "img"} & set(tags.tags), set(tags.tags)
    # The only disclosures are the record's own (each note's who-wrote-what), none from a note's
    # `</details>`: one per note written, each with its class.
    disclosures = [a for t, a in tags.attrs if t == "details"]
    assert disclosures and all(a == {"class": "authorship-details"} for a in disclosures), disclosures
    assert len(disclosures) == page.count('<div class="note-text">'), (len(disclosures), page.count('<div class="note-text">'))
    assert '<link rel="stylesheet" href="../../../../record.css">' in page
    assert "Ran</dt><dd>" in page and "<dt>Record as of</dt>" in page

    # Markdown: the same log, and no raw HTML or heading from user text outside the note quote.
    markdown = served["md"]
    assert markdown.count("\n- ") >= len(texts)
    tokens = MarkdownIt("commonmark").enable("table").enable("strikethrough").parse(markdown)
    depth, outside = 0, []
    for token_ in tokens:
        depth += {"blockquote_open": 1, "blockquote_close": -1}.get(token_.type, 0)
        if depth == 0:
            outside.append(token_)
    headings = ["".join(c.content for c in outside[i + 1].children if c.type == "text")
                for i, t in enumerate(outside) if t.type == "heading_open"]
    assert headings[0] == f"Review record: Review {HOSTILE}", headings
    assert all(not h.startswith("Head") for h in headings), headings
    raw = [t.content for t in tokens if t.type in ("html_block", "html_inline")]
    assert all(r.strip() in ("<details><summary>Who wrote what</summary>", "</details>", "<details>", "<summary>",
                             "</summary>") for r in raw), raw
    inline = [c for t in outside if t.type == "inline" for c in (t.children or [])]
    assert not [c for c in inline if c.type in ("s_open", "code_inline", "link_open")], \
        [c.content for c in inline if c.type in ("s_open", "code_inline", "link_open")]
