"""PRODUCT "nothing acknowledged is ever lost", PROTOCOL.md §1 (`durability`), §3.4 (revoking
removes a participant): what the daemon and its offline commands report as done is on stable
storage as the configured mode promises, and a change a `kill -9` cut in half is completed."""
import contextlib
import datetime
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import tempfile

import pytest

from conftest import Daemon, schedule_session
from reviewroomd import EXECUTABLE, clean_environment
from wsclient import Client, run

STRACE = shutil.which("strace")


def synced_run(*arguments):
    """(exit status, stdout, number of fsync/fdatasync calls) of one run of reviewroomd under strace."""
    environment = clean_environment()
    if "ASAN_OPTIONS" in environment:
        # `make sanitize`: LeakSanitizer cannot run under ptrace and would end the run with a fatal error.
        environment["ASAN_OPTIONS"] += " detect_leaks=0"
    with tempfile.NamedTemporaryFile(prefix="reviewroom-strace-", mode="r") as trace:
        done = subprocess.run([STRACE, "-f", "-qq", "-o", trace.name, "-e", "trace=fsync,fdatasync",
                               str(EXECUTABLE), *arguments],
                              capture_output=True, text=True, timeout=60, env=environment, stdin=subprocess.DEVNULL)
        return done.returncode, done.stdout, sum("sync(" in line for line in trace)


@pytest.mark.skipif(STRACE is None, reason="needs strace to see the fsync calls")
def test_facilitator_revoke_under_durability_power_is_fsynced_while_the_daemon_runs():
    """With `durability = "power"` in the file, `facilitator revoke` run beside the daemon must fsync
    its commit before it says the token no longer works: closing its store is then no checkpoint
    (the daemon's connections stay open), so without its own fsync the revocation sat unsynced in
    the WAL and a power cut could bring the token back. It used to open the store as `process`."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-power-")
    daemon = Daemon(data_dir, {"REVIEWROOM_DURABILITY": "power"}).start()
    try:
        config = os.path.join(data_dir, "reviewroom.conf")
        with open(config, "w") as file:
            file.write(f'data_dir = "{data_dir}"\ndurability = "power"\n')
        made = daemon.add_facilitator("Revoked soon")
        assert daemon.api("GET", "/sessions", made["token"])[0] == 200

        status, out, syncs = synced_run("facilitator", "revoke", made["id"], "--config", config)
        assert status == 0 and "Revoked facilitator" in out, (status, out)
        assert syncs > 0, "facilitator revoke committed under durability = power without any fsync"
        assert daemon.api("GET", "/sessions", made["token"])[0] == 401
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def crash_between_store_and_log(daemon, change_sql, *parameters, restart=True):
    """kill -9, then make the store's half of an invite or revocation by hand: the API stores
    the participant row first and logs `participant.changed` after, and a kill between the two
    leaves exactly this (the window is one group commit wide; this makes it certain). Then the
    daemon is started again, unless `restart` is false."""
    daemon.kill()
    change_store(daemon, change_sql, *parameters)
    if restart:
        daemon.start(daemon.port)


def change_store(daemon, change_sql, *parameters):
    """Runs one statement on the stopped daemon's store."""
    with contextlib.closing(sqlite3.connect(os.path.join(daemon.data_dir, "reviewroom.sqlite3"))) as db:
        with db:
            db.execute(change_sql, parameters)


def listed(session):
    status, body = session.api("GET", f"/sessions/{session.id}")
    assert status == 200, body
    return {person["id"] for person in body["participants"]}


def started_session():
    """A daemon on a temporary data dir and an open session of it."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-invites-")
    daemon = Daemon(data_dir).start()
    return data_dir, daemon, schedule_session(daemon, "Interrupted", "Invitations")


def test_a_revocation_a_kill_cut_off_is_logged_when_the_session_loads():
    """PROTOCOL §3.4 "revoking a participant removes them (participant.changed)": after a kill -9
    between storing a revocation and logging it, the person used to stay listed for good — their
    link refused, and a retried DELETE (204) found them revoked already and logged nothing."""
    data_dir, daemon, session = started_session()
    try:
        async def before():
            fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
            assert (await fran.command("session.start"))["type"] == "ack"
            raised = await fran.command("hand.raise", kind="contribution", participant=session.pids["Asha"])
            assert raised["type"] == "ack", raised
            await fran.close()
            return fran.welcome["epoch"], raised["seq"]

        epoch, seen = run(before)()
        revoked_at = int(datetime.datetime.now().timestamp() * 1000)
        crash_between_store_and_log(daemon, "UPDATE participants SET token_hash = NULL, revoked_at = ? "
                                    "WHERE session = ? AND id = ?", revoked_at, session.id, session.pids["Asha"])
        assert session.pids["Asha"] not in listed(session)

        async def after():
            back = await Client.open(daemon.ws_url)
            await back.send({"type": "hello", "token": session.tokens["Fran"], "resume": {"epoch": epoch, "after": seen}})
            assert (await back.receive())["type"] == "resumed"
            changed = await back.event("participant.changed")
            assert session.pids["Asha"] not in {p["id"] for p in changed["data"]["participants"]}, changed
            floor = await back.event("floor.changed")
            assert floor["data"]["floor"]["queue"] == [], floor
            await back.close()

        run(after)()
        assert daemon.api("DELETE", f"/sessions/{session.id}/participants/{session.pids['Asha']}",
                          session.facilitator_token)[0] == 204
        assert session.pids["Asha"] not in listed(session)
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_an_invite_a_kill_cut_off_is_logged_when_the_session_loads():
    """After a kill -9 between storing an invite and logging it, the person was stored but never
    listed: a new link for them (reissue, 201) was refused at `hello` with 4001 for good."""
    data_dir, daemon, session = started_session()
    try:
        # A logged list to load from (a session never changed starts from every stored invite).
        status, _ = session.api("POST", f"/sessions/{session.id}/participants", {"name": "Yan", "role": "reviewer"})
        assert status == 201
        crash_between_store_and_log(
            daemon, "INSERT INTO participants (session, id, role, name, email, invitation_order, token_hash, revoked_at) "
            "SELECT ?1, 'p_cut_off_invite', 'reviewer', 'Zoe', NULL, max(invitation_order) + 1, randomblob(32), NULL "
            "FROM participants WHERE session = ?1", session.id)
        assert "p_cut_off_invite" in listed(session)
        status, invite = session.api("POST", f"/sessions/{session.id}/participants/p_cut_off_invite/reissue")
        assert status == 201, invite

        async def join():
            zoe = await Client.join(daemon.ws_url, invite["token"])
            assert zoe.welcome["type"] == "welcome" and zoe.welcome["you"]["name"] == "Zoe", zoe.welcome
            await zoe.close()

        run(join)()
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_export_before_the_session_loads_again_lists_the_settled_participants():
    """`reviewroomd export` after such a kill, before the daemon loaded the session again (it
    settles the list only then), showed the list as it was before the cut-off changes: Asha,
    revoked, still listed and not `removed`; Zoe, invited, shown as removed. It now settles the
    list as the daemon will, and the daemon's record, once it has loaded the session, agrees."""
    data_dir, daemon, session = started_session()
    try:
        async def before():
            fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
            assert (await fran.command("session.start"))["type"] == "ack"
            await fran.close()

        run(before)()
        # A logged list to load from (a session never changed starts from every stored invite).
        status, _ = session.api("POST", f"/sessions/{session.id}/participants", {"name": "Yan", "role": "reviewer"})
        assert status == 201
        # The daemon stays down: it loads a live session, and so settles it, as soon as it starts.
        crash_between_store_and_log(daemon, "UPDATE participants SET token_hash = NULL, revoked_at = 1 "
                                    "WHERE session = ? AND id = ?", session.id, session.pids["Asha"], restart=False)
        change_store(
            daemon, "INSERT INTO participants (session, id, role, name, email, invitation_order, token_hash, revoked_at) "
            "SELECT ?1, 'p_cut_off_invite', 'reviewer', 'Zoe', NULL, max(invitation_order) + 1, randomblob(32), NULL "
            "FROM participants WHERE session = ?1", session.id)
        exported = json.loads(subprocess.run(
            [str(EXECUTABLE), "export", session.id, "--format", "json", "--data-dir", data_dir],
            check=True, capture_output=True, timeout=60, env=clean_environment(), stdin=subprocess.DEVNULL).stdout)
        people = {person["name"]: person["removed"] for person in exported["participants"]}
        assert people["Asha"] is True and people["Zoe"] is False, people
        texts = [entry["text"] for entry in exported["log"] if "by" not in entry]
        assert "Participant removed: Asha (reviewer)" in texts and "Participant added: Zoe (reviewer)" in texts, texts

        daemon.start(daemon.port)
        status, served = daemon.api("GET", f"/sessions/{session.id}/record?format=json", session.facilitator_token)
        assert status == 200, served
        assert [(p["name"], p["removed"]) for p in served["participants"]] == \
            [(p["name"], p["removed"]) for p in exported["participants"]]
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def test_export_beside_the_running_daemon_shows_who_is_online_not_a_crash():
    """`reviewroomd export` of a live session while the daemon runs read the daemon's open
    online intervals as left by a kill: "Server stopped without shutting down", everyone online
    a shortened lower bound. It now shows them online, as the daemon's own draft does; after a
    real `kill -9` the same export still says the server stopped."""
    data_dir, daemon, session = started_session()

    def exported():
        return json.loads(subprocess.run(
            [str(EXECUTABLE), "export", session.id, "--format", "json", "--data-dir", data_dir],
            check=True, capture_output=True, timeout=60, env=clean_environment(), stdin=subprocess.DEVNULL).stdout)

    try:
        async def online_while_exported():
            fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
            assert (await fran.command("session.start"))["type"] == "ack"
            record = exported()
            status, served = session.api("GET", f"/sessions/{session.id}/record?format=json")
            assert status == 200, served
            await fran.close()
            return record, served

        record, served = run(online_while_exported)()
        fran = next(p for p in record["participants"] if p["name"] == "Fran")
        assert record["serverStops"] == served["serverStops"] == [], record["serverStops"]
        assert fran["attended"] is True and "onlineSecIsLowerBound" not in fran, fran
        assert not any(entry.get("kind") == "server" for entry in record["log"]), record["log"]

        async def online_when_killed():
            fran = await Client.join(daemon.ws_url, session.tokens["Fran"])
            evidence = next(n for n in fran.welcome["session"]["notes"] if n["id"] == "evidence")
            edited = await fran.command("note.edit", note="evidence", rev=evidence["rev"], opId="k-1", op=["Before the kill."])
            assert edited["type"] == "ack", edited
            daemon.kill()

        run(online_when_killed)()
        after_kill = exported()
        assert len(after_kill["serverStops"]) == 1, after_kill["serverStops"]
        fran = next(p for p in after_kill["participants"] if p["name"] == "Fran")
        assert fran["onlineSecIsLowerBound"] is True, fran
    finally:
        daemon.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def first_syscall(trace_path, predicate):
    """The index of the first line of an `strace -y` trace that `predicate` accepts, or None."""
    with open(trace_path) as trace:
        for index, line in enumerate(trace):
            if predicate(line):
                return index
    return None


@pytest.mark.skipif(STRACE is None, reason="needs strace to see the fsync calls")
def test_a_power_run_after_a_killed_process_run_syncs_its_commits_before_promising_power():
    """`durability = "process"` leaves a kill -9's last commits in the page cache; a restart with
    `durability = "power"` writes a run marker saying a power cut loses nothing. Without a sync
    first, a power cut in the moment between that marker and the new run's first synced commit
    lost the killed run's acknowledged edits, and the next start, reading "power", gave no new
    epoch: clients resumed on seqs that now meant other events. The store's files must be synced
    before the marker is written."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-process-then-power-")
    first = Daemon(data_dir, {"REVIEWROOM_DURABILITY": "process"}).start()
    with tempfile.NamedTemporaryFile(prefix="reviewroom-strace-", mode="r") as trace:
        traced = Daemon(data_dir, {"REVIEWROOM_DURABILITY": "power"},
                        command=[STRACE, "-f", "-qq", "-y", "-o", trace.name, "-e", "trace=openat,fsync,fdatasync",
                                 str(EXECUTABLE)])
        try:
            session = schedule_session(first, "Killed", "Page cache")

            @run
            async def acked_edit():
                asha = await Client.join(first.ws_url, session.tokens["Asha"])
                reply = await asha.command("note.edit", note="evidence", rev=0, opId="p-1", op=["in the page cache"])
                await asha.close()
                return reply
            assert acked_edit()["type"] == "ack"
            first.kill()
            traced.start()
            marker = first_syscall(trace.name, lambda line: "reviewroomd.running" in line and "O_CREAT" in line)
            synced = first_syscall(trace.name, lambda line: "sync(" in line and "reviewroom.sqlite3" in line)
            assert marker is not None, "the power run wrote no run marker"
            assert synced is not None and synced < marker, \
                "the power run promised power-cut safety (its marker) before syncing the killed run's commits"
        finally:
            stop_traced(traced)
            shutil.rmtree(data_dir, ignore_errors=True)


def stop_traced(traced):
    """SIGTERM to the daemon under strace (strace itself would detach and leave it running),
    then waits for both."""
    if traced.process is None or traced.process.poll() is not None:
        return
    children = subprocess.run(["pgrep", "-P", str(traced.process.pid)], capture_output=True, text=True).stdout.split()
    for child in children:
        os.kill(int(child), signal.SIGTERM)
    traced.process.wait(timeout=15)
    traced.log.close()
