"""`make soak`, third part: one invite link reconnecting in a loop (a client with a bug, a
script someone left running) against one reviewroomd, while another person in the same session
pings. It shows what each reconnect costs the daemon, whether that cost grows as the loop goes
on, and how long the other person's ping waits meanwhile (BENCHMARKS.md "Soak").

`--loops` connections each open a WebSocket with the same invite, send `hello`, wait for the
`welcome`, close, and start again, for `--seconds`. The steady participant sends a `ping` every
50 ms and times its ack. The daemon runs at its default log level, as `make run` does, so each
join and leave writes its log line, with `reconnects_per_minute` set to
`--reconnects-per-minute`: 0 (the default here: no pace, to measure what a reconnect costs) or
the daemon's default 300, to see the loop held to five joins a second. Every second the script
reads the daemon's CPU seconds; at the end it counts the looping person's attendance intervals
(read-only).

It prints a line per quarter, then one JSON line:
{"bench":"soak-reconnect","seconds":…,"loops":…,"reconnectsPerMinute":…,"reconnects":…,
 "reconnectsPerSec":…,"cpuMsPerReconnectFirst":…,"cpuMsPerReconnectLast":…,"daemonCoresFirst":…,
 "daemonCoresLast":…,"pingP50Ms":…,"pingP99Ms":…,"attendanceRows":…,"errors":…}
and exits non-zero when a `hello` or a `ping` was refused. The driver is Python, so the
reconnect rate is what it manages on this machine: read the CPU per reconnect, not the rate.
"""
import argparse
import asyncio
import json
import pathlib
import shutil
import sqlite3
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from soak import Daemon, connect, process, starting_now  # noqa: E402


async def joined(daemon, token):
    """A connection that has its `welcome` (or the refusal, raised)."""
    ws = await connect(daemon.ws_url, subprotocols=["reviewroom.v1"], max_size=None, max_queue=None, ping_interval=None)
    await ws.send(json.dumps({"type": "hello", "token": token, "client": "soak-reconnect/1"}))
    while True:
        message = json.loads(await ws.recv())
        if message["type"] == "welcome":
            return ws
        if message["type"] == "error":
            await ws.close()
            raise RuntimeError(f"hello refused: {message}")


async def reconnect_loop(daemon, token, stop, counts):
    while not stop.is_set():
        ws = await joined(daemon, token)
        counts["reconnects"] += 1
        await ws.close()


async def steady_pings(daemon, token, stop, rtts):
    ws = await joined(daemon, token)
    k = 0
    while not stop.is_set():
        k += 1
        sent = time.perf_counter()
        await ws.send(json.dumps({"type": "ping", "id": k}))
        while True:
            message = json.loads(await ws.recv())
            if message.get("id") == k and message["type"] in ("ack", "error"):
                break
        if message["type"] == "error":
            raise RuntimeError(f"ping refused: {message}")
        rtts.append((time.perf_counter() - sent) * 1000)
        await asyncio.sleep(0.05)
    await ws.close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


async def reconnect_soak(args):
    data = tempfile.mkdtemp(prefix="reviewroom-reconnect-")
    daemon = Daemon(data, extra_env={"REVIEWROOM_RECONNECTS_PER_MINUTE": str(args.reconnects_per_minute)}).start()
    samples, counts, rtts, errors = [], {"reconnects": 0}, [], 0
    try:
        facilitator = daemon.add_facilitator("Fran")
        status, created = daemon.api("POST", "/sessions", facilitator["token"], {
            "title": "Reconnect loop", "hostSchool": "Northfield", "focus": "Reading", "startsAt": starting_now(),
            "timeZone": "Europe/London", "template": "rapid-remote-90",
            "participants": [{"name": "Looping", "role": "reviewer"}, {"name": "Steady", "role": "reviewer"}]})
        assert status == 201, created
        invites = {invite["participant"]["name"]: invite for invite in created["invites"]}
        looping = invites["Looping"]
        stop = asyncio.Event()
        tasks = [asyncio.create_task(steady_pings(daemon, invites["Steady"]["token"], stop, rtts))]
        tasks += [asyncio.create_task(reconnect_loop(daemon, looping["token"], stop, counts)) for _ in range(args.loops)]
        began = time.monotonic()
        samples.append((0.0, counts["reconnects"], process(daemon.process.pid)["cpu"]))
        while time.monotonic() - began < args.seconds and not any(task.done() for task in tasks):
            await asyncio.sleep(1)
            samples.append((time.monotonic() - began, counts["reconnects"], process(daemon.process.pid)["cpu"]))
        stop.set()
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, Exception):
                errors += 1
                print("failed:", outcome, flush=True)
        db = sqlite3.connect(f"file:{data}/reviewroom.sqlite3?mode=ro", uri=True)
        attendance_rows = db.execute("SELECT count(*) FROM attendance WHERE participant = ?",
                                     (looping["participant"]["id"],)).fetchone()[0]
        db.close()
    finally:
        daemon.stop()
        shutil.rmtree(data, ignore_errors=True)

    def cost(first, last):
        reconnects, cpu = last[1] - first[1], last[2] - first[2]
        return round(cpu * 1000 / reconnects, 3) if reconnects else 0.0

    def cores(first, last):
        return round((last[2] - first[2]) / (last[0] - first[0]), 3) if last[0] > first[0] else 0.0

    quarter = max(1, (len(samples) - 1) // 4)
    print(f"{'quarter':>7} {'reconnects':>10} {'cpu ms each':>11} {'daemon cores':>12}", flush=True)
    for q in range(4):
        first, last = samples[min(q * quarter, len(samples) - 1)], samples[min((q + 1) * quarter, len(samples) - 1)]
        print(f"{q + 1:7d} {last[1] - first[1]:10d} {cost(first, last):11.3f} {cores(first, last):12.3f}", flush=True)
    elapsed = samples[-1][0] or 1
    result = {
        "bench": "soak-reconnect", "seconds": round(elapsed, 1), "loops": args.loops,
        "reconnectsPerMinute": args.reconnects_per_minute, "reconnects": counts["reconnects"],
        "reconnectsPerSec": round(counts["reconnects"] / elapsed, 1),
        "cpuMsPerReconnectFirst": cost(samples[0], samples[min(quarter, len(samples) - 1)]),
        "cpuMsPerReconnectLast": cost(samples[max(0, len(samples) - 1 - quarter)], samples[-1]),
        "daemonCoresFirst": cores(samples[0], samples[min(quarter, len(samples) - 1)]),
        "daemonCoresLast": cores(samples[max(0, len(samples) - 1 - quarter)], samples[-1]),
        "pingP50Ms": round(percentile(rtts, 0.5), 2), "pingP99Ms": round(percentile(rtts, 0.99), 2),
        "attendanceRows": attendance_rows, "errors": errors,
    }
    print(f"{result['reconnects']} reconnects in {result['seconds']} s (reconnects_per_minute {args.reconnects_per_minute}); daemon CPU per reconnect "
          f"{result['cpuMsPerReconnectFirst']} ms in the first quarter, {result['cpuMsPerReconnectLast']} ms in the last "
          f"({result['daemonCoresFirst']} and {result['daemonCoresLast']} of a core); "
          f"the steady person's ping p50 {result['pingP50Ms']} ms, p99 {result['pingP99Ms']} ms; "
          f"{attendance_rows} attendance intervals for the looping link", flush=True)
    print(json.dumps(result), flush=True)
    return result


def arguments(argv=None):
    parser = argparse.ArgumentParser(description="One invite link reconnecting in a loop against one reviewroomd.")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--loops", type=int, default=2, help="connections reconnecting at once with the same link")
    parser.add_argument("--reconnects-per-minute", type=int, default=0,
                        help="the daemon's reconnects_per_minute (0: no pace; the daemon's default is 300)")
    return parser.parse_args(argv)


if __name__ == "__main__":
    outcome = asyncio.run(reconnect_soak(arguments()))
    sys.exit(1 if outcome["errors"] else 0)
