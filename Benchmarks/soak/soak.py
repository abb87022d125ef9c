"""`make soak`: one reviewroomd for a long churn of whole sessions, to show what grows with the
number of sessions it has served rather than with the number it serves at once.

Each batch runs `--per-batch` sessions at the same time, each from start to finish over real
sockets: scheduled through the API, joined by a facilitator, four reviewers, a host and a room
display plus a console; typed into (`--edits` acked edits, turn by turn) with every other kind
of command in between; changed through the API while live (PATCH, an invite, a reissue, a
revocation); three people dropped without a close and resumed; ended; its record exported in
three formats and its calendar read; every other one erased. Meanwhile `--live` sessions stay
open the whole run, two people typing in each. After every batch the script reads the daemon's
CPU seconds, RssAnon, open descriptors and threads from /proc, the size of /metrics, and the
rows of the store's event journal (read-only).

It prints one line per batch and a summary, then one JSON line:
{"bench":"soak","sessions":…,"batches":…,"errors":…,"cpuSecPerBatchFirst":…,"cpuSecPerBatchLast":…,
 "rssAnonKBStart":…,"rssAnonKBEnd":…,"rssAnonKBPer1kSessionsLastHalf":…,"journalRowsMax":…,
 "fdsStart":…,"fdsEnd":…,"threadsMax":…,"metricsBytesStart":…,"metricsBytesEnd":…}
and exits non-zero when a command was refused or a step failed. No figure is judged here:
BENCHMARKS.md ("Soak") says what each has shown.
"""
import argparse
import asyncio
import datetime
import json
import os
import pathlib
import shutil
import sqlite3
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "Tests" / "support"))
sys.path.insert(0, str(ROOT / "Tests" / "blackbox"))
from reviewroomd import Daemon  # noqa: E402
from wsclient import Client  # noqa: E402
from websockets.asyncio.client import connect  # noqa: E402

AGENDA = [
    {"title": "Welcome", "kind": "briefing", "durationSec": 600, "turnMode": "open", "onTimeUp": "overtime"},
    {"title": "Round", "kind": "round", "durationSec": 900, "turnMode": "round", "onTimeUp": "overtime"},
    {"title": "Questions", "kind": "enquiry", "durationSec": 900, "turnMode": "queue", "onTimeUp": "overtime"},
]
PEOPLE = [{"name": f"R{i}", "role": "reviewer"} for i in range(4)] + [{"name": "H", "role": "host"}, {"name": "D", "role": "display"}]


class SoakClient(Client):
    """The black-box client, reading everything the server sends however far the soak is behind
    (the default queue of 16 messages would stall a close handshake behind a long replay)."""

    refusals = {}

    @classmethod
    async def open(cls, url, subprotocols=("reviewroom.v1",)):
        return cls(await connect(url, subprotocols=list(subprotocols), max_size=None, max_queue=None, ping_interval=None))

    async def command(self, name, **fields):
        reply = await super().command(name, **fields)
        if reply.get("type") == "error":
            key = f"{name}:{reply.get('code')}"
            SoakClient.refusals[key] = SoakClient.refusals.get(key, 0) + 1
        return reply

    def forget(self):
        self.inbox.clear()


def process(pid):
    """CPU seconds, RssAnon and RssFile (kB), threads and open descriptors of `pid`."""
    status = pathlib.Path(f"/proc/{pid}/status").read_text().splitlines()
    field = lambda key: int(next(line.split()[1] for line in status if line.startswith(key + ":")))
    stat = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return {"cpu": (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK"), "anon": field("RssAnon"),
            "file": field("RssFile"), "threads": field("Threads"), "fds": len(os.listdir(f"/proc/{pid}/fd"))}


def fetch(url, token=None):
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"} if token else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.read()


def starting_now():
    return (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=1)).replace(microsecond=0).isoformat().replace("+00:00", "Z")


async def type_once(client, k, note):
    op = [f"w{k} "] if note["len"] == 0 else [note["len"], f"w{k} "]
    reply = await client.command("note.edit", note="evidence", rev=note["rev"], opId=f"o{k}", op=op)
    assert reply["type"] == "ack", reply
    note["rev"] = reply["rev"]
    note["len"] += len(f"w{k} ")


async def other_commands(step, k, f, clients, people, prompts, note):
    """One of the commands besides typing, by `step` (every kind a session uses)."""
    if step == 0:
        await clients["R1"].command("hand.raise", kind="contribution")
        await clients["H"].command("hand.raise", kind="response")
    elif step == 2:
        await f.command("floor.next", turnSec=30)
    elif step == 3:
        prompt = prompts[k % len(prompts)]["id"]
        await f.command("prompt.show", prompt=prompt)
        await f.command("prompt.discussed", prompt=prompt, discussed=True)
    elif step == 4:
        await f.command("clock.pause")
        await f.command("clock.resume")
        await f.command("clock.extend", seconds=60)
    elif step == 5:
        await clients["R2"].command("note.cursor", note="evidence", rev=note["rev"], anchor=0, head=1)
        await clients["R3"].command("signal", kind="agree")
        await clients["D"].command("note.get", note="evidence")
    elif step == 6:
        await f.command("phase.next")
        await f.command("round.start", secondsEach=30)
    elif step == 7:
        await f.command("round.stop")
        await f.command("phase.prev")
    elif step == 8:
        await f.command("prompt.add", text=f"Added {k}?")
        await f.command("floor.grant", participant=people["R0"], turnSec=20)
        await f.command("floor.release")


async def whole_session(daemon, facilitator, index, edits):
    api = lambda *args: asyncio.to_thread(daemon.api, *args)
    status, created = await api("POST", "/sessions", facilitator["token"], {
        "title": f"Soak {index}", "hostSchool": "Northfield Primary", "focus": "Reading stamina",
        "startsAt": starting_now(), "timeZone": "Europe/London", "agenda": AGENDA,
        "promptDeck": "covid-recovery", "participants": PEOPLE})
    assert status == 201, created
    sid = created["session"]["id"]
    invites = {(i["participant"]["name"] if i["participant"]["role"] != "facilitator" else "F"): i for i in created["invites"]}
    people = {name: invite["participant"]["id"] for name, invite in invites.items()}
    clients = {name: await SoakClient.join(daemon.ws_url, invite["token"]) for name, invite in invites.items()}
    console = await SoakClient.open(daemon.ws_url)
    await console.send({"type": "hello", "facilitatorToken": facilitator["token"], "session": sid})
    console.welcome = await console.receive()
    for name, client in [*clients.items(), ("console", console)]:
        assert client.welcome["type"] == "welcome", (name, client.welcome)
    f = clients["F"]
    note = {"rev": f.welcome["session"]["notes"][0]["rev"], "len": 0}
    prompts = f.welcome["session"]["prompts"]["deck"]
    writers = [clients[name] for name in ("R0", "R1", "R2", "R3", "H", "F")]
    assert (await f.command("session.start"))["type"] == "ack"
    for k in range(edits):
        await type_once(writers[k % len(writers)], k, note)
        await other_commands(k % 12, k, f, clients, people, prompts, note)

    status, _ = await api("PATCH", f"/sessions/{sid}", facilitator["token"], {"title": f"Soak {index} (changed)", "focus": "Stamina"})
    assert status == 200, status
    status, invite = await api("POST", f"/sessions/{sid}/participants", facilitator["token"], {"name": "Late", "role": "reviewer"})
    assert status == 201, invite
    late = await SoakClient.join(daemon.ws_url, invite["token"])
    await type_once(late, edits, note)
    status, _ = await api("POST", f"/sessions/{sid}/participants/{people['R3']}/reissue", facilitator["token"])
    assert status == 201, status
    status, _ = await api("DELETE", f"/sessions/{sid}/participants/{invite['participant']['id']}", facilitator["token"])
    assert status == 204, status

    for name in ("R0", "R1", "H"):
        epoch = clients[name].welcome["epoch"]
        clients[name].ws.transport.abort()
        resumed = await SoakClient.join(daemon.ws_url, invites[name]["token"], resume={"epoch": epoch, "after": max(1, note["rev"] // 2)})
        assert resumed.welcome["type"] in ("resumed", "welcome"), resumed.welcome
        clients[name] = resumed
    assert (await clients["F"].command("session.end"))["type"] == "ack"
    for client in [*clients.values(), console, late]:
        await client.close()
    for form in ("md", "html", "json"):
        status, _ = await asyncio.to_thread(fetch, f"{daemon.base}/api/v1/sessions/{sid}/record?format={form}", facilitator["token"])
        assert status == 200
    status, _ = await asyncio.to_thread(fetch, f"{daemon.base}/api/v1/sessions/{sid}/calendar.ics", facilitator["token"])
    assert status == 200
    if index % 2 == 0:
        status, _ = await api("DELETE", f"/sessions/{sid}", facilitator["token"])
        assert status == 204, status


async def kept_live(daemon, facilitator, index, stop):
    """A session open the whole run: its facilitator and a reviewer type in turn, a few edits a second."""
    status, created = await asyncio.to_thread(daemon.api, "POST", "/sessions", facilitator["token"], {
        "title": f"Kept live {index}", "hostSchool": "Northfield Primary", "focus": "Reading stamina",
        "startsAt": starting_now(), "timeZone": "Europe/London", "template": "rapid-remote-90",
        "promptDeck": "covid-recovery", "participants": [{"name": "A", "role": "reviewer"}]})
    assert status == 201, created
    clients = [await SoakClient.join(daemon.ws_url, invite["token"]) for invite in created["invites"]]
    await next(c for c in clients if c.welcome["you"]["role"] == "facilitator").command("session.start")
    note = {"rev": clients[0].welcome["session"]["notes"][0]["rev"], "len": 0}
    k = 0
    while not stop.is_set():
        await type_once(clients[k % len(clients)], k, note)
        for client in clients:
            client.forget()
        k += 1
        try:
            await asyncio.wait_for(stop.wait(), 0.3)
        except asyncio.TimeoutError:
            pass
    for client in clients:
        await client.close()


def journal_rows(db):
    return db.execute("SELECT count(*) FROM event_journal").fetchone()[0]


async def soak(args):
    data = tempfile.mkdtemp(prefix="reviewroom-soak-")
    daemon = Daemon(data, extra_env={"REVIEWROOM_LOG_LEVEL": "warning"}).start()
    rows = []
    try:
        facilitator = daemon.add_facilitator("Fran")
        stop = asyncio.Event()
        live = [asyncio.create_task(kept_live(daemon, facilitator, i, stop)) for i in range(args.live)]
        db = sqlite3.connect(f"file:{data}/reviewroom.sqlite3?mode=ro", uri=True)
        start = before = process(daemon.process.pid)
        metrics_start = len(fetch(daemon.base + "/metrics")[1])
        print(f"{'batch':>5} {'sessions':>8} {'wall s':>7} {'cpu s':>6} {'RssAnon kB':>10} {'fds':>4} {'threads':>7} {'/metrics B':>10} {'journal':>8}", flush=True)
        for batch in range(args.batches):
            began = time.monotonic()
            await asyncio.gather(*(whole_session(daemon, facilitator, batch * args.per_batch + i, args.edits) for i in range(args.per_batch)))
            now = process(daemon.process.pid)
            row = {"batch": batch, "sessions": (batch + 1) * args.per_batch, "wall": time.monotonic() - began,
                   "cpu": now["cpu"] - before["cpu"], "anon": now["anon"], "fds": now["fds"], "threads": now["threads"],
                   "metrics": len(fetch(daemon.base + "/metrics")[1]), "journal": journal_rows(db)}
            rows.append(row)
            before = now
            if batch % args.every == 0 or batch == args.batches - 1:
                print(f"{row['batch']:5d} {row['sessions']:8d} {row['wall']:7.2f} {row['cpu']:6.2f} {row['anon']:10d} {row['fds']:4d} "
                      f"{row['threads']:7d} {row['metrics']:10d} {row['journal']:8d}", flush=True)
        stop.set()
        await asyncio.gather(*live)
        db.close()
    finally:
        daemon.stop()
        shutil.rmtree(data, ignore_errors=True)
    quarter = max(1, len(rows) // 4)
    half = rows[len(rows) // 2:]
    span = half[-1]["sessions"] - half[0]["sessions"] if len(half) > 1 else 0
    result = {
        "bench": "soak", "sessions": rows[-1]["sessions"], "batches": len(rows), "perBatch": args.per_batch,
        "edits": args.edits, "live": args.live, "errors": sum(SoakClient.refusals.values()),
        "cpuSecPerBatchFirst": round(sum(r["cpu"] for r in rows[:quarter]) / quarter, 3),
        "cpuSecPerBatchLast": round(sum(r["cpu"] for r in rows[-quarter:]) / quarter, 3),
        "rssAnonKBStart": start["anon"], "rssAnonKBEnd": rows[-1]["anon"],
        "rssAnonKBPer1kSessionsLastHalf": round((half[-1]["anon"] - half[0]["anon"]) * 1000 / span, 1) if span else 0,
        "journalRowsMax": max(r["journal"] for r in rows), "fdsStart": start["fds"], "fdsEnd": rows[-1]["fds"],
        "threadsMax": max(r["threads"] for r in rows), "metricsBytesStart": metrics_start, "metricsBytesEnd": rows[-1]["metrics"],
    }
    print(f"CPU per batch: first quarter {result['cpuSecPerBatchFirst']} s, last quarter {result['cpuSecPerBatchLast']} s; "
          f"RssAnon {result['rssAnonKBStart']} -> {result['rssAnonKBEnd']} kB ({result['rssAnonKBPer1kSessionsLastHalf']} kB per "
          f"1,000 sessions over the second half); journal at most {result['journalRowsMax']} rows; fds {result['fdsStart']} -> "
          f"{result['fdsEnd']} (while {args.live} sessions stay open); refusals {SoakClient.refusals or 'none'}", flush=True)
    print(json.dumps(result), flush=True)
    return result


def arguments(argv=None):
    parser = argparse.ArgumentParser(description="A long churn of whole sessions against one reviewroomd.")
    parser.add_argument("--batches", type=int, default=300)
    parser.add_argument("--per-batch", type=int, default=10)
    parser.add_argument("--edits", type=int, default=36, help="acked edits per session (other commands in between)")
    parser.add_argument("--live", type=int, default=10, help="sessions kept open the whole run")
    parser.add_argument("--every", type=int, default=10, help="print every Nth batch")
    return parser.parse_args(argv)


if __name__ == "__main__":
    outcome = asyncio.run(soak(arguments()))
    sys.exit(1 if outcome["errors"] else 0)
