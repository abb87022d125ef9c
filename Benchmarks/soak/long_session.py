"""`make soak`, second part: one long live review against one reviewroomd, to show what a
session's memory grows by per edit while it stays loaded, and what reaching back before the
history it keeps in memory costs (BENCHMARKS.md "Soak").

A facilitator, six reviewers and a host join one session over real sockets and take turns
typing into its first note, one acked edit at a time, with opIds shaped like the browser's
(`<8 random letters>-1-<counter>`): mostly one letter inserted at a random place, sometimes
one deleted. Each connection also reads every other person's `note.op`. Every `--every`
edits the script reads the daemon's RssAnon and CPU seconds from /proc. At the end it checks
the daemon's text against the one kept here; resends the very first edit (same rev, same
opId, same op), long since out of memory, which must be acked with its first rev and not
applied again; and sends a new edit made `--late-by` revisions ago, which must be applied
once. It times both and reads RssAnon after each.

The daemon runs with a per-connection message rate high enough for one edit at a time (the
default 50 a second would refuse it), and `--snapshot-every` events between snapshots.

It prints one line per `--every` edits, then one JSON line:
{"bench":"soak-long","edits":…,"errors":…,"rssAnonKBStart":…,"rssAnonKBHalf":…,"rssAnonKBEnd":…,
 "bytesPerEditSecondHalf":…,"cpuSecPer1kEdits":…,"repeatAcked":…,"textMatches":…,"repeatMs":…,
 "rssAnonKBAfterRepeat":…,"lateApplied":…,"lateBy":…,"lateMs":…,"rssAnonKBAfterLate":…}
and exits non-zero when an edit was refused or a check failed. The first half includes
SQLite's page caches filling, so the growth per edit is read over the second half.
"""
import argparse
import asyncio
import datetime
import json
import pathlib
import random
import shutil
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from soak import Daemon, connect, process  # noqa: E402


class Typist:
    """One person's connection: commands wait for their own reply; everything else is read and dropped."""

    def __init__(self, ws, participant):
        self.ws, self.participant, self.waiting, self.next_id = ws, participant, {}, 1
        self.reader = asyncio.create_task(self.read())

    async def read(self):
        async for raw in self.ws:
            message = json.loads(raw)
            future = self.waiting.pop(message.get("id"), None) if message.get("type") in ("ack", "error") else None
            if future:
                future.set_result(message)

    async def command(self, name, **fields):
        future = asyncio.get_running_loop().create_future()
        self.waiting[self.next_id] = future
        await self.ws.send(json.dumps({"type": name, "id": self.next_id, **fields}))
        self.next_id += 1
        return await asyncio.wait_for(future, 30)

    async def close(self):
        await self.ws.close()
        self.reader.cancel()


def keystroke(text, rng):
    """A random one-letter insertion or (one time in seven, once there is text) deletion, as an
    op and the text after it."""
    if len(text) > 20 and rng.random() < 1 / 7:
        at = rng.randrange(len(text))
        op, after = [at, -1, len(text) - at - 1], text[:at] + text[at + 1:]
    else:
        at, letter = rng.randrange(len(text) + 1), rng.choice("etaoin shrdlu")
        op, after = [at, letter, len(text) - at], text[:at] + letter + text[at:]
    return [part for part in op if part != 0], after


async def long_session(args):
    data = tempfile.mkdtemp(prefix="reviewroom-long-")
    daemon = Daemon(data, extra_env={"REVIEWROOM_LOG_LEVEL": "warning", "REVIEWROOM_MESSAGES_PER_SECOND": "100000",
                                     "REVIEWROOM_MESSAGE_BURST": "100000",
                                     "REVIEWROOM_SNAPSHOT_EVERY_EVENTS": str(args.snapshot_every)}).start()
    rows, errors, typists = [], 0, []
    try:
        facilitator = daemon.add_facilitator("Fran")
        starts = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        status, created = daemon.api("POST", "/sessions", facilitator["token"], {
            "title": "Long review", "hostSchool": "Northfield", "focus": "Reading",
            "startsAt": starts.isoformat().replace("+00:00", "Z"), "timeZone": "Europe/London",
            "template": "rapid-remote-90", "promptDeck": "covid-recovery",
            "participants": [{"name": f"Reviewer {i}", "role": "reviewer"} for i in range(6)] + [{"name": "Host", "role": "host"}]})
        assert status == 201, created
        note = None
        for invite in sorted(created["invites"], key=lambda i: i["participant"]["role"] != "facilitator"):
            ws = await connect(daemon.ws_url, subprotocols=["reviewroom.v1"], max_size=None, max_queue=None, ping_interval=None)
            await ws.send(json.dumps({"type": "hello", "token": invite["token"], "client": "soak-long/1"}))
            welcome = json.loads(await ws.recv())
            assert welcome["type"] == "welcome", welcome
            note = welcome["session"]["notes"][0]
            typists.append(Typist(ws, invite["participant"]["id"]))
        assert (await typists[0].command("session.start"))["type"] == "ack"
        rng = random.Random(args.seed)
        prefixes = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(8)) + "-1-" for _ in typists]
        counters = [0] * len(typists)
        rev, text, first = note["rev"], note["text"], None
        lengths = {rev: len(text)}
        start = process(daemon.process.pid)
        print(f"{'edits':>8} {'RssAnon kB':>10} {'cpu s':>7} {'wall s':>7}", flush=True)
        began = time.monotonic()
        for k in range(1, args.edits + 1):
            typist = k % len(typists)
            counters[typist] += 1
            op, after = keystroke(text, rng)
            edit = {"note": note["id"], "rev": rev, "opId": f"{prefixes[typist]}{counters[typist]}", "op": op}
            reply = await typists[typist].command("note.edit", **edit)
            if reply["type"] != "ack":
                errors += 1
                print("refused:", reply, flush=True)
                continue
            first = first or (edit, reply["rev"], typist)
            rev, text = reply["rev"], after
            lengths[rev] = len(text)
            if k % args.every == 0 or k == args.edits:
                now = process(daemon.process.pid)
                rows.append({"edits": k, "anon": now["anon"], "cpu": now["cpu"] - start["cpu"]})
                print(f"{k:8d} {now['anon']:10d} {now['cpu'] - start['cpu']:7.2f} {time.monotonic() - began:7.1f}", flush=True)
        stored = await typists[0].command("note.get", note=note["id"])
        text_matches = stored.get("note", {}).get("text") == text and stored["note"].get("rev") == rev
        # The first edit again, as a client whose ack was lost resends it.
        edit, first_rev, typist = first
        repeat, repeat_ms, repeat_anon = await timed(daemon, typists[typist].command("note.edit", **edit))
        repeat_acked = repeat.get("type") == "ack" and repeat.get("rev") == first_rev
        # A pending edit made `--late-by` revisions ago (someone whose Wi-Fi dropped meanwhile),
        # a letter at the start: applied once, transformed over everything since.
        base = max(note["rev"], rev - args.late_by)
        late, late_ms, late_anon = await timed(daemon, typists[1].command(
            "note.edit", note=note["id"], rev=base, opId="late-pending", op=["L", lengths[base]] if lengths[base] else ["L"]))
        after_late = await typists[0].command("note.get", note=note["id"])
        late_applied = late.get("rev") == rev + 1 and len(after_late["note"]["text"]) == len(text) + 1
        for typist in typists:
            await typist.close()
    finally:
        daemon.stop()
        shutil.rmtree(data, ignore_errors=True)
    half = next(row for row in rows if row["edits"] >= rows[-1]["edits"] // 2)
    span = rows[-1]["edits"] - half["edits"]
    result = {
        "bench": "soak-long", "edits": args.edits, "errors": errors, "rssAnonKBStart": start["anon"],
        "rssAnonKBHalf": half["anon"], "rssAnonKBEnd": rows[-1]["anon"],
        "bytesPerEditSecondHalf": round((rows[-1]["anon"] - half["anon"]) * 1024 / span, 1) if span else 0,
        "cpuSecPer1kEdits": round(rows[-1]["cpu"] * 1000 / args.edits, 4),
        "repeatAcked": repeat_acked, "textMatches": text_matches, "repeatMs": repeat_ms, "rssAnonKBAfterRepeat": repeat_anon,
        "lateApplied": late_applied, "lateBy": rev - base, "lateMs": late_ms, "rssAnonKBAfterLate": late_anon,
    }
    print(f"RssAnon {result['rssAnonKBStart']} -> {result['rssAnonKBHalf']} (half) -> {result['rssAnonKBEnd']} kB: "
          f"{result['bytesPerEditSecondHalf']} bytes an edit over the second half; {result['cpuSecPer1kEdits']} CPU-s per "
          f"1,000 edits; text matches: {text_matches}; refused: {errors}\n"
          f"first edit resent: acked with its first rev: {repeat_acked}, in {repeat_ms} ms, RssAnon then {repeat_anon} kB\n"
          f"edit on a rev {result['lateBy']} back: applied once: {late_applied}, in {late_ms} ms, RssAnon then {late_anon} kB", flush=True)
    print(json.dumps(result), flush=True)
    return result


async def timed(daemon, command):
    """The reply to `command`, how long it took (ms) and the daemon's RssAnon (kB) after it."""
    began = time.monotonic()
    reply = await command
    return reply, round((time.monotonic() - began) * 1000, 1), process(daemon.process.pid)["anon"]


def arguments(argv=None):
    parser = argparse.ArgumentParser(description="One long live session against one reviewroomd.")
    parser.add_argument("--edits", type=int, default=130_000, help="acked edits, one at a time")
    parser.add_argument("--every", type=int, default=10_000, help="read the daemon's memory every N edits")
    parser.add_argument("--snapshot-every", type=int, default=2_000, help="the daemon's snapshot_every_events")
    parser.add_argument("--late-by", type=int, default=3_000, help="how many revisions back the late edit is made")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


if __name__ == "__main__":
    outcome = asyncio.run(long_session(arguments()))
    sys.exit(0 if outcome["errors"] == 0 and outcome["repeatAcked"] and outcome["textMatches"] and outcome["lateApplied"] else 1)
