"""The HTML record is accessible as the host school reads it: a session run with notes, a
turn, a round, questions and a late change, then its record opened in Chromium — as the daemon
serves it (under its CSP, styled by the linked sheet) and as a saved file — and checked with
axe-core (no serious or critical problem), plus the structure a screen reader leans on: the
page's language, one h1, every table with column headers, every chart with a name, each
note's text read once (its authorship table behind a closed disclosure)."""
import asyncio
import pathlib
import sys
import tempfile
import urllib.request

from conftest import ROOT
from pages import axe_problems, schedule_via_api, wait_js
from test_record_style import open_served_record

sys.path.insert(0, str(ROOT / "Tests" / "blackbox"))
from wsclient import Client  # noqa: E402

STRUCTURE = """
const tables = [...document.querySelectorAll('table')];
return {
  lang: document.documentElement.lang,
  h1: document.querySelectorAll('h1').length,
  headless: tables.filter((t) => !t.querySelector('thead th[scope=col]')).length,
  tables: tables.length,
  charts: [...document.querySelectorAll('svg[role=img]')].map((s) => s.getAttribute('aria-label')),
  sections: [...document.querySelectorAll('section[id] > h2')].length,
  // Every body row has its row header, so a cell down a column is read with its row.
  rowless: tables.flatMap((t) => [...t.querySelectorAll('tbody tr')]).filter((r) => !r.querySelector('th[scope=row]')).length,
  // The questions' boxes are drawn, not read out before "(discussed)": empty alt text; the showings under a question have none.
  boxes: [...document.querySelectorAll('ol.questions > li')].map((li) => getComputedStyle(li, '::before').content),
  showingBoxes: [...document.querySelectorAll('ul.showings li')].map((li) => getComputedStyle(li, '::before').content),
  regions: [...document.querySelectorAll('[role=region]')].map((r) => r.getAttribute('aria-label')),
  // A note is read once: its who-wrote-what table (every passage again) waits behind a closed
  // disclosure the reader opens when they want it.
  notes: document.querySelectorAll('.note-text').length,
  authorship: [...document.querySelectorAll('table.authorship')].map((t) => ({
    shown: t.checkVisibility(), summary: t.closest('details')?.querySelector('summary')?.textContent ?? null,
  })),
};"""


async def run_session(daemon, token, created):
    invites = {i["participant"]["name"]: i for i in created["invites"]}
    fran = await Client.join(daemon.ws_url, next(i["token"] for i in created["invites"] if i["participant"]["role"] == "facilitator"))
    asha = await Client.join(daemon.ws_url, invites["Asha"]["token"])
    note = next(n for n in asha.welcome["session"]["notes"] if n["id"] == "evidence")
    prompt = fran.welcome["session"]["prompts"]["deck"][0]["id"]
    for client, name, fields in (
            (fran, "session.start", {}), (fran, "prompt.show", {"prompt": prompt}),
            (asha, "note.edit", {"note": "evidence", "rev": note["rev"], "opId": "a-1",
                                 "op": ["Pupils <b>always</b> read | daily.\nLibrary busy.\n"]}),
            (fran, "floor.grant", {"participant": invites["Asha"]["participant"]["id"]}),
            (fran, "floor.release", {}), (fran, "prompt.discussed", {"prompt": prompt, "discussed": True}),
            (fran, "round.start", {"secondsEach": 30}), (fran, "round.stop", {}),
            (fran, "prompt.add", {"text": "Added late?"}), (fran, "clock.extend", {"seconds": 60}),
            (fran, "session.end", {})):
        reply = await client.command(name, **fields)
        assert reply["type"] == "ack", (name, reply)
    await fran.close()
    await asha.close()


def test_the_served_and_the_saved_html_record_pass_axe_and_keep_their_structure(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Accessible record", ["Asha", "Bilal"])
    session = created["session"]["id"]
    asyncio.run(run_session(daemon, facilitator, created))
    page = browsers()
    open_served_record(page, daemon, facilitator, session)
    served = page.execute_script(STRUCTURE)
    served_problems = axe_problems(page)

    request = urllib.request.Request(f"{daemon.base}/api/v1/sessions/{session}/record?format=html",
                                     headers={"Authorization": f"Bearer {facilitator}"})
    with urllib.request.urlopen(request, timeout=15) as response:
        saved = pathlib.Path(tempfile.mkdtemp(prefix="reviewroom-record-")) / "record.html"
        saved.write_bytes(response.read())
    page.get(saved.as_uri())
    wait_js(page, "return document.readyState === 'complete' && !!document.querySelector('main')")
    on_disk = page.execute_script(STRUCTURE)
    disk_problems = axe_problems(page)

    assert served_problems == [] and disk_problems == [], (served_problems, disk_problems)
    for structure in (served, on_disk):
        assert structure["lang"] == "en" and structure["h1"] == 1, structure
        assert structure["tables"] >= 5 and structure["headless"] == 0, structure
        assert structure["charts"] == ["Speaking time per person", "Speaking time per group"], structure
        assert structure["sections"] >= 8, structure
        assert structure["rowless"] == 0, structure
        assert structure["boxes"] and all(box.endswith('/ ""') for box in structure["boxes"]), structure
        assert structure["showingBoxes"] and all(box == "none" for box in structure["showingBoxes"]), structure
        assert not any(label.endswith(", table") for label in structure["regions"]), structure
        assert structure["notes"] >= 1 and len(structure["authorship"]) == structure["notes"], structure
        assert all(not t["shown"] and t["summary"] and t["summary"].startswith("Who wrote")
                   for t in structure["authorship"]), structure

    # On paper (about A4's width) the closed disclosures print open (who wrote each passage is
    # not lost), and no number is broken across lines ("5:0 / 0" in a record audit's printout).
    page.set_window_size(760, 1000)
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    printed = page.execute_script("""
      const wrapped = [...document.querySelectorAll('td.num')].filter((td) => {
        const r = document.createRange(); r.selectNodeContents(td);
        return new Set([...r.getClientRects()].map((b) => Math.round(b.top))).size > 1; });
      return { authorship: [...document.querySelectorAll('table.authorship')].map((t) => t.checkVisibility()),
               wrapped: wrapped.map((td) => td.textContent) };""")
    page.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert printed["authorship"] and all(printed["authorship"]), printed
    assert printed["wrapped"] == [], printed
