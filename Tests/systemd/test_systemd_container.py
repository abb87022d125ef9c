"""README's "Deployment with systemd", step by step, under a real systemd booted in a container
(systemd-nspawn), the release binary and Deploy/ bind-mounted in as README's bundle. The tests
run in order on one booted container, each continuing where the previous one left it, as an
administrator would.

The container is one of two trees, chosen by REVIEWROOM_SYSTEMD_ROOTFS:

- `host` (the default; `make test`, `make systemd-test`): this machine's own Debian 12 booted
  with `systemd-nspawn -D / --volatile=yes`, in a second and without a download: a tmpfs root
  with this machine's /usr read-only (Debian 12 is merged-/usr, so the daemon's runtime
  libraries, which `make deps` installs here, are there), /var on the tmpfs, and /etc and
  /usr/local bound from a scratch directory the test makes and removes, so nothing of this
  machine changes. The scratch /etc holds a machine-id, a hostname and a copy of
  /etc/alternatives (links into /usr; awk is one). With a machine-id the boot is not a first
  boot, so no preset enables this machine's other services (nginx, postgresql, networkd…);
  systemd makes the rest (systemd-sysusers the users and groups, DynamicUser= the service's).
  /usr/bin/kill is covered by an unexecutable file, as a minimal Debian has no procps: a unit
  whose ExecReload= runs /bin/kill fails step 5 here too. binutils are there, so step 1 checks
  the stripped install.
- `debootstrap` (`make systemd-check`): `debootstrap --variant=minbase` with README's runtime
  packages, systemd and curl, cached in .build/systemd-check/rootfs (made once per clone: minutes
  of downloads) and booted with `--volatile=overlay` (every change discarded when it stops): a
  minimal Debian as it is, without binutils (step 1 checks the unstripped install and its
  message) or procps.

Everything is skipped, with the reason, without root, systemd-nspawn, the release binary, or
where the container cannot be made or booted (a sandbox without the namespaces nspawn needs).
The container is powered off, and killed if it does not stop, whatever a step did; a container
whose test process dies is powered off too (nspawn gets SIGTERM then).

The container shares this machine's network, so the daemon is told to listen on a free port
here and the tests reach it from outside as a browser would."""
import asyncio
import ctypes
import json
import os
import re
import pathlib
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "support"))
sys.path.insert(0, str(HERE.parent / "blackbox"))
from conftest import schedule_session  # noqa: E402
from reviewroomd import ROOT  # noqa: E402
from wsclient import Client  # noqa: E402

RELEASE = pathlib.Path(os.environ.get("REVIEWROOMD_RELEASE", ROOT / ".build" / "release" / "reviewroomd"))
TREES = ("host", "debootstrap")
TREE = os.environ.get("REVIEWROOM_SYSTEMD_ROOTFS", "host")
CACHE = ROOT / ".build" / "systemd-check"
ROOTFS = CACHE / "rootfs"
# README's runtime packages, plus what the container needs to boot and what the steps use.
PACKAGES = "systemd,systemd-sysv,dbus,libwebsockets17,libwebsockets-evlib-ev,libev4,libssl3,libsqlite3-0,ca-certificates,curl"
MIRROR = os.environ.get("DEBIAN_MIRROR", "http://deb.debian.org/debian")
BOOT_TIMEOUT = 90
TIMEOUT = 30
# The shipped unit's WatchdogSec=30 makes a frozen daemon wait half a minute for its restart;
# the container is the test's, so steps 3 and 4 shorten it with a drop-in (the daemon takes
# its keep-alive interval from WATCHDOG_USEC) and step 4 removes it again.
SHORT_WATCHDOG = "6s"
WATCHDOG_DROP_IN = "/etc/systemd/system/reviewroomd.service.d/watchdog-for-test.conf"


def missing_prerequisite():
    """Why this machine cannot run the container, or None."""
    if os.geteuid() != 0:
        return "needs root (systemd-nspawn)"
    tools = ("systemd-nspawn", "nsenter", "openssl")
    if TREE == "debootstrap" and not ROOTFS.joinpath(".complete").exists():
        tools += ("debootstrap",)
    for tool in tools:
        if shutil.which(tool) is None:
            return f"needs {tool} (apt-get install systemd-container openssl{' debootstrap' if TREE == 'debootstrap' else ''})"
    if not RELEASE.exists():
        return f"{RELEASE} is not built: make release"
    if TREE == "host":
        return missing_on_this_machine()
    return None


def missing_on_this_machine():
    """Why this machine's own OS cannot be booted as the server, or None."""
    if os.path.realpath("/bin") != "/usr/bin":
        return "REVIEWROOM_SYSTEMD_ROOTFS=host needs a merged-/usr OS (--volatile=yes keeps only /usr)"
    if not os.path.exists("/usr/lib/systemd/systemd"):
        return "REVIEWROOM_SYSTEMD_ROOTFS=host needs systemd installed here (apt-get install systemd)"
    libraries = subprocess.run(["ldd", str(RELEASE)], capture_output=True, text=True).stdout
    missing = [line.split()[0] for line in libraries.splitlines() if "not found" in line]
    if missing:
        return f"the daemon's runtime libraries are not installed here ({', '.join(missing)}): make deps"
    return None


def make_rootfs():
    """The cached Debian tree, made once; a failed or interrupted debootstrap leaves no cache."""
    if ROOTFS.joinpath(".complete").exists():
        return
    partial = CACHE / "rootfs.partial"
    shutil.rmtree(partial, ignore_errors=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    made = subprocess.run(["debootstrap", "--variant=minbase", f"--include={PACKAGES}", "bookworm", str(partial), MIRROR],
                          capture_output=True, text=True, timeout=1800)
    if made.returncode != 0:
        shutil.rmtree(partial, ignore_errors=True)
        pytest.skip(f"debootstrap failed (no network to {MIRROR}?): {made.stderr.strip()[-300:] or made.stdout.strip()[-300:]}")
    (partial / "etc" / "hostname").write_text("reviewroom-check\n")
    shutil.rmtree(ROOTFS, ignore_errors=True)
    partial.rename(ROOTFS)
    ROOTFS.joinpath(".complete").write_text(PACKAGES + "\n")


def tree_options(scratch):
    """systemd-nspawn's options for the container's tree (see the module's docstring)."""
    if TREE == "debootstrap":
        make_rootfs()
        return ["-D", str(ROOTFS), "--volatile=overlay"]
    etc, usr_local = scratch / "etc", scratch / "usr-local"
    etc.mkdir()
    usr_local.mkdir()
    (etc / "machine-id").write_text(uuid.uuid4().hex + "\n")
    (etc / "hostname").write_text("reviewroom-check\n")
    # Debian's commands chosen by update-alternatives (awk, which install.sh uses) are links
    # through /etc/alternatives into /usr.
    shutil.copytree("/etc/alternatives", etc / "alternatives", symlinks=True)
    options = ["-D", "/", "--volatile=yes", f"--bind={etc}:/etc", f"--bind={usr_local}:/usr/local"]
    if os.path.exists("/usr/bin/kill"):
        # nspawn's --inaccessible= needs /run/systemd/inaccessible, which only a booted systemd makes.
        no_kill = scratch / "no-kill"
        no_kill.touch(mode=0)
        options.append(f"--bind-ro={no_kill}:/usr/bin/kill")
    return options


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_bundle(directory):
    """README's bundle for a server without the checkout (reviewroomd, its resources, Deploy/,
    README.md in one directory), and a self-signed TLS pair for 127.0.0.1."""
    bundle = directory / "reviewroom"
    bundle.mkdir()
    shutil.copytree(ROOT / "Deploy", bundle / "Deploy")
    shutil.copy(ROOT / "README.md", bundle / "README.md")
    shutil.copy(RELEASE, bundle / "reviewroomd")
    resources = RELEASE.parent / "ReviewRoom_ReviewRoomServer.resources"
    shutil.copytree(resources if resources.is_dir() else ROOT / "Sources" / "ReviewRoomServer", bundle / resources.name)
    tls = directory / "tls"
    tls.mkdir()
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", str(tls / "key.pem"), "-out", str(tls / "cert.pem"), "-days", "30", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], check=True, capture_output=True, timeout=TIMEOUT)
    return directory


def terminated_with_parent():
    """In the child before exec: SIGTERM (nspawn powers the container off) when this process dies."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class Machine:
    """A booted container: `sh` runs a shell command in it as root, as an administrator would."""

    def __init__(self, tree, bundle):
        # The console goes to a file: a pipe nobody reads while the tests run could fill and stall it.
        self.console = tempfile.TemporaryFile()
        # Where this machine's PID 1 is not systemd (containers, some CI and VMs), there is no one
        # to make a scope for the container: --keep-unit stays in ours. Under systemd (untried
        # here) nspawn asks it for a delegated scope of its own.
        keep_unit = [] if os.path.isdir("/run/systemd/system") else ["--keep-unit"]
        self.leader = None
        self.nspawn = subprocess.Popen(
            ["systemd-nspawn", *tree, "--register=no", *keep_unit, "--boot", "--console=pipe",
             f"--bind-ro={bundle}:/root/bundle", f"--machine=reviewroom-check-{os.getpid()}"],
            stdin=subprocess.DEVNULL, stdout=self.console, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=terminated_with_parent)

    def wait_for_boot(self):
        """Until the container's systemd has booted; skips (the container stopped) where it cannot."""
        deadline = time.monotonic() + BOOT_TIMEOUT
        while self.leader is None and time.monotonic() < deadline and self.nspawn.poll() is None:
            children = subprocess.run(["pgrep", "-P", str(self.nspawn.pid), "-x", "systemd"], capture_output=True, text=True)
            self.leader = children.stdout.split()[0] if children.stdout.split() else None
            if self.leader is None:
                time.sleep(0.2)  # polling for a process to appear: there is no event to wait on
        if self.leader is None:
            output = self.stop()
            pytest.skip(f"systemd-nspawn could not boot the {TREE} tree: {output[-500:]}")
        # systemctl needs systemd's private socket, made a moment after PID 1 starts.
        state = self.sh(f"timeout {BOOT_TIMEOUT} sh -c 'until [ -S /run/systemd/private ]; do sleep 0.1; done;"
                        f" systemctl is-system-running --wait'", check=False, timeout=BOOT_TIMEOUT + 5)
        if state.stdout.strip() not in ("running", "degraded"):
            output = self.stop()
            pytest.skip(f"the container's systemd did not finish booting ({state.stdout.strip()}): {output[-500:]}")

    def sh(self, command, check=True, timeout=TIMEOUT):
        result = subprocess.run(
            ["nsenter", "-t", self.leader, "-a", "env", "-i", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
             "HOME=/root", "LANG=C.UTF-8", "sh", "-c", command], capture_output=True, text=True, timeout=timeout)
        if check:
            assert result.returncode == 0, (command, result)
        return result

    def journal(self):
        return self.sh("journalctl -u reviewroomd --no-pager -o cat").stdout

    def journal_after(self, text, times=1):
        """The journal once `text` is on `times` of its lines (or after TIMEOUT): `systemctl
        reload` returns once SIGHUP is sent, before the daemon has logged what the reload did."""
        self.sh(f"timeout {TIMEOUT} sh -c 'until [ \"$(journalctl -u reviewroomd --no-pager -o cat | grep -c -F \"{text}\")\" -ge {times} ];"
                " do sleep 0.1; done'", check=False, timeout=TIMEOUT + 5)
        return self.journal()

    def show(self, unit, *properties):
        out = self.sh(f"systemctl show {unit} " + " ".join(f"-p {p}" for p in properties)).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def stop(self):
        """Powers the container off (SIGTERM to nspawn); if it does not stop, kills nspawn and the
        container's PID 1, which takes every process of the container with it (killing nspawn
        alone leaves the container running, orphaned). Returns its output."""
        if self.nspawn.poll() is None:
            self.nspawn.terminate()
            try:
                self.nspawn.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                # While nspawn lives it has not reaped PID 1, so the pid is still the container's.
                if self.leader is not None:
                    os.kill(int(self.leader), signal.SIGKILL)
                os.killpg(self.nspawn.pid, signal.SIGKILL)
                self.nspawn.wait()
        self.console.seek(0)
        return self.console.read().decode(errors="replace")


@pytest.fixture(scope="module")
def machine():
    if TREE not in TREES:
        pytest.fail(f"REVIEWROOM_SYSTEMD_ROOTFS={TREE!r}: use one of {', '.join(TREES)}", pytrace=False)
    reason = missing_prerequisite()
    if reason:
        pytest.skip(reason)
    scratch = pathlib.Path(tempfile.mkdtemp(prefix="reviewroom-systemd-check-"))
    booted = None
    try:
        tree = tree_options(scratch)
        bundle = scratch / "bundle"
        bundle.mkdir()
        booted = Machine(tree, make_bundle(bundle))
        booted.wait_for_boot()
        booted.port = free_port()
        yield booted
    finally:
        if booted:
            booted.stop()
        shutil.rmtree(scratch, ignore_errors=True)


class Host:
    """The installed daemon seen from outside: what conftest's helpers need of a daemon."""

    def __init__(self, port, token, scheme="http"):
        self.base = f"{scheme}://127.0.0.1:{port}"
        self.ws_url = f"{'wss' if scheme == 'https' else 'ws'}://127.0.0.1:{port}/ws"
        self.token = token

    def api(self, method, path, token, body=None):
        request = urllib.request.Request(self.base + "/api/v1" + path, method=method,
                                         data=None if body is None else json.dumps(body).encode(),
                                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def get(host, path):
    """(status, body text) of an authenticated GET of `/api/v1` + path."""
    request = urllib.request.Request(host.base + "/api/v1" + path, headers={"Authorization": f"Bearer {host.token}"})
    with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
        return response.status, response.read().decode()


def readyz(base, context=None):
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=TIMEOUT, context=context) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_readme_install_on_a_server_without_the_checkout(machine):
    """`reviewroom/Deploy/install.sh --bin-dir reviewroom`. Without binutils (minimal Debian)
    the binary goes in as it is, and the output says why; with them (this machine's OS) it goes
    in without its debug information but with its symbol table."""
    result = machine.sh("cd /root/bundle && reviewroom/Deploy/install.sh --bin-dir reviewroom")
    # README's defaults, but on a port that is free on the machine sharing the network.
    machine.sh(f"sed -i 's|^#listen = .*|listen = \"127.0.0.1:{machine.port}\"|' /etc/reviewroom/reviewroom.conf")
    assert "Start with: systemctl enable --now reviewroomd" in result.stdout, result.stdout
    assert "not found" not in result.stderr, result.stderr
    if machine.sh("command -v strip", check=False).returncode != 0:
        assert "strip is not installed" in result.stdout, result.stdout
        machine.sh("cmp /root/bundle/reviewroom/reviewroomd /usr/local/bin/reviewroomd")
    else:
        assert "strip is not installed" not in result.stdout, result.stdout
        sections = machine.sh("readelf -S --wide /usr/local/bin/reviewroomd").stdout
        assert ".symtab" in sections and ".debug_info" not in sections, sections


def test_a_facilitator_added_as_root_before_the_first_start_is_taken_over(machine):
    """README's order: `reviewroomd facilitator add` as root makes /var/lib/reviewroom and the
    database, root's; the first start of the DynamicUser= service moves them to
    /var/lib/private/reviewroom for its user, and the token works."""
    made = machine.sh("reviewroomd facilitator add 'Ann Example' --json")
    assert "created a new database in /var/lib/reviewroom" in made.stderr, made
    machine.token = json.loads(made.stdout)["token"]
    machine.sh("systemctl enable --now reviewroomd")
    assert machine.show("reviewroomd", "ActiveState")["ActiveState"] == "active"
    owners = machine.sh("stat -c '%u %n' /var/lib/private/reviewroom /var/lib/private/reviewroom/*").stdout.split("\n")
    assert all(line.split()[0] != "0" for line in owners if line), owners
    host = Host(machine.port, machine.token)
    assert readyz(host.base) == 200
    status, templates = host.api("GET", "/templates", machine.token)
    assert status == 200 and templates, templates


def test_ready_and_watchdog_notifications_reach_systemd(machine):
    """Type=notify: the status line systemd shows comes from the daemon, and the watchdog keeps
    being fed: WATCHDOG=1 every WatchdogSec/2 (15 s for the shipped 30 s; here 3 s once the
    test's drop-in shortens it, see SHORT_WATCHDOG)."""
    shown = machine.show("reviewroomd", "StatusText", "WatchdogUSec")
    assert shown["StatusText"].startswith(f"serving on port {machine.port}"), shown
    assert shown["WatchdogUSec"] == "30s", shown
    machine.sh(f"mkdir -p /etc/systemd/system/reviewroomd.service.d && printf '[Service]\\nWatchdogSec={SHORT_WATCHDOG}\\n'"
               f" > {WATCHDOG_DROP_IN} && systemctl daemon-reload && systemctl restart reviewroomd")
    shown = machine.show("reviewroomd", "WatchdogUSec", "WatchdogTimestampMonotonic")
    assert shown["WatchdogUSec"] == SHORT_WATCHDOG, shown
    deadline = time.monotonic() + 10
    while machine.show("reviewroomd", "WatchdogTimestampMonotonic")["WatchdogTimestampMonotonic"] == shown["WatchdogTimestampMonotonic"]:
        assert time.monotonic() < deadline, f"no WATCHDOG=1 within 10 s (WatchdogSec={SHORT_WATCHDOG})"
        time.sleep(0.5)  # polling systemd's record of the keep-alive: no event reaches this side
    assert machine.show("reviewroomd", "NRestarts")["NRestarts"] == "0"


def test_a_daemon_that_stops_answering_is_restarted_by_the_watchdog(machine):
    """SIGSTOP freezes every thread, so no WATCHDOG=1: after WatchdogSec (the test's 6 s; 30 s
    shipped) systemd kills it and Restart=on-failure starts it again, which finds its run marker
    from the same boot. The shipped WatchdogSec is back (a restart) for the steps after this one."""
    first = machine.show("reviewroomd", "MainPID")["MainPID"]
    # MainPID is 0 when the service is not running (an earlier step failed): `kill -STOP 0`
    # would stop this test's own process group (nsenter keeps it), freezing the whole run.
    assert first not in ("", "0"), "reviewroomd is not running"
    machine.sh(f"kill -STOP {first}")
    deadline = time.monotonic() + 30
    while machine.show("reviewroomd", "NRestarts")["NRestarts"] == "0":
        assert time.monotonic() < deadline, "not restarted within 30 s of freezing"
        time.sleep(0.5)  # polling systemd's restart counter: no event reaches this side
    machine.sh("timeout 30 sh -c 'until systemctl is-active --quiet reviewroomd; do sleep 0.2; done'")
    journal = machine.journal()
    assert "Watchdog timeout" in machine.sh("journalctl --no-pager -o cat _PID=1").stdout
    assert "the previous run was not stopped cleanly" in journal and "the machine kept running" in journal, journal[-2000:]
    assert machine.show("reviewroomd", "MainPID")["MainPID"] != first
    assert readyz(f"http://127.0.0.1:{machine.port}") == 200
    # A running service keeps the watchdog it started with, through a daemon-reload.
    machine.sh(f"rm {WATCHDOG_DROP_IN} && systemctl daemon-reload && systemctl restart reviewroomd")
    assert machine.show("reviewroomd", "WatchdogUSec")["WatchdogUSec"] == "30s"


def test_reload_sends_sighup(machine):
    """ExecReload= under a minimal Debian, which has no /bin/kill (procps): the debootstrap tree
    lacks it, and the host tree has it covered (see tree_options), so a unit that ran it fails
    here with status=203/EXEC in either."""
    before = machine.journal().count("SIGHUP: reloading")
    reloaded = machine.sh("systemctl reload reviewroomd", check=False)
    assert reloaded.returncode == 0, machine.sh("journalctl --no-pager -o cat -u reviewroomd | tail -3").stdout
    journal = machine.journal_after("SIGHUP: reloading", before + 1)
    assert journal.count("SIGHUP: reloading") == before + 1, journal[-2000:]


def test_stop_closes_clients_with_1001_and_exits_0(machine):
    """A session's life under the sandbox first: scheduled, joined, its record and calendar made
    (Foundation's dates in the session's time zone), then `systemctl stop`."""
    host = Host(machine.port, machine.token)
    session = schedule_session(host, "In a container", "Does stop close with 1001?",
                               maker={"id": "f", "name": "Ann Example", "token": machine.token})
    status, record = get(host, f"/sessions/{session.id}/record?format=md")
    assert status == 200 and "In a container" in record and "(Europe/London)" in record, record
    status, calendar = get(host, f"/sessions/{session.id}/calendar.ics")
    assert status == 200 and "BEGIN:VEVENT" in calendar, calendar
    # Nothing the sandbox refused surfaced (libdispatch's setpriority line aside: README calls it harmless).
    refused = [line for line in machine.journal().splitlines()
               if ("not permitted" in line or "EPERM" in line) and "thread priority" not in line]
    assert refused == [], refused

    async def join_then_stop():
        client = await Client.join(host.ws_url, session.tokens["Asha"])
        stopping = await asyncio.create_subprocess_exec(
            "nsenter", "-t", machine.leader, "-a", "systemctl", "stop", "reviewroomd")
        code = await client.close_code(timeout=TIMEOUT)
        await stopping.wait()
        return code

    code, _ = asyncio.run(join_then_stop())
    assert code == 1001
    shown = machine.show("reviewroomd", "Result", "ExecMainStatus", "ActiveState")
    assert shown == {"Result": "success", "ExecMainStatus": "0", "ActiveState": "inactive"}, shown


def test_readme_restore_as_root_over_the_services_data(machine):
    """README's restore block, run as written (as root): a backup of the running service, a
    facilitator added after it, then `reviewroomd restore` by root over the DynamicUser='s data.
    The service starts again on the backup (the restored file is the service user's, not
    root's), without the later facilitator, and the replaced database is kept beside it."""
    machine.sh("systemctl start reviewroomd && reviewroomd backup /root/restore-me.sqlite3")
    later = json.loads(machine.sh("reviewroomd facilitator add 'Later Example' --json").stdout)["token"]
    host = Host(machine.port, machine.token)
    assert host.api("GET", "/templates", later)[0] == 200
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"To restore, stop the daemon.*?```sh\n(.*?)```", readme, re.S).group(1)
    machine.sh(block.replace("sudo ", "").replace("BACKUP.sqlite3", "/root/restore-me.sqlite3"), timeout=60)
    assert machine.show("reviewroomd", "ActiveState")["ActiveState"] == "active"
    owners = machine.sh("stat -c '%u %a %n' /var/lib/private/reviewroom/reviewroom.sqlite3*").stdout.split("\n")
    assert all(line.split()[0] != "0" and line.split()[1] == "600" for line in owners if line), owners
    assert any(".before-restore-" in line for line in owners), owners
    assert readyz(host.base) == 200
    assert host.api("GET", "/templates", machine.token)[0] == 200
    assert host.api("GET", "/templates", later)[0] == 401, "added after the backup"
    machine.sh("systemctl stop reviewroomd")


def socket_drop_in(machine, *addresses):
    """README's drop-in for another address under socket activation: the shipped one cleared."""
    lines = "\\n".join(["[Socket]", "ListenStream="] + [f"ListenStream={address}" for address in addresses])
    machine.sh(f"mkdir -p /etc/systemd/system/reviewroomd.socket.d && printf '{lines}\\n'"
               " > /etc/systemd/system/reviewroomd.socket.d/port.conf && systemctl daemon-reload")


def test_socket_activation_starts_the_daemon_on_the_first_connection(machine):
    """And a socket unit with two addresses (the second is never answered) is warned about."""
    socket_drop_in(machine, f"127.0.0.1:{machine.port}", f"127.0.0.1:{free_port()}")
    try:
        machine.sh("systemctl enable --now reviewroomd.socket")
        assert machine.show("reviewroomd", "ActiveState")["ActiveState"] == "inactive"
        status, _ = Host(machine.port, machine.token).api("GET", "/templates", machine.token)
        assert status == 200
        # The transport answers before the daemon's own "listening" line is written (a CI run read
        # the journal in between): wait for the line rather than read the journal at once.
        journal = machine.journal_after("socket_activated=true")
        assert "socket_activated=true" in journal
        assert "socket activation handed over 2 sockets (LISTEN_FDS=2)" in journal
        # The README's order: the service lets go of the old sockets before the socket unit changes.
        socket_drop_in(machine, f"127.0.0.1:{machine.port}")
        machine.sh("systemctl stop reviewroomd && systemctl restart reviewroomd.socket")
        status, _ = Host(machine.port, machine.token).api("GET", "/templates", machine.token)
        assert status == 200
        assert machine.journal().count("socket activation handed over") == 1
    finally:
        # Also after a failure: the next tests start and stop the service themselves.
        machine.sh("systemctl disable --now reviewroomd.socket; systemctl stop reviewroomd", check=False)


def test_readme_drop_in_for_another_data_dir(machine):
    """README's steps for data_dir = /srv/reviewroom, literally: the first start fails (73, the
    directory is root's), the chown to the service's uid makes the restart work."""
    machine.sh("sed -i 's|^#data_dir = .*|data_dir = \"/srv/reviewroom\"|' /etc/reviewroom/reviewroom.conf"
               " && mkdir -p /srv/reviewroom && mkdir -p /etc/systemd/system/reviewroomd.service.d"
               " && printf '[Service]\\nReadWritePaths=/srv/reviewroom\\n' > /etc/systemd/system/reviewroomd.service.d/override.conf"
               " && systemctl daemon-reload")
    assert machine.sh("systemctl start reviewroomd", check=False).returncode != 0
    assert machine.show("reviewroomd", "ExecMainStatus")["ExecMainStatus"] == "73"
    machine.sh('uid=$(stat -c %u /var/lib/private/reviewroom); gid=$(stat -c %g /var/lib/private/reviewroom);'
               ' chown -R "$uid:$gid" /srv/reviewroom && chmod 0700 /srv/reviewroom && systemctl restart reviewroomd')
    assert machine.sh("test -f /srv/reviewroom/reviewroom.sqlite3", check=False).returncode == 0
    assert f"data_dir=/srv/reviewroom port={machine.port}" in machine.journal()


def test_install_with_tls_end_to_end(machine):
    """`install.sh --with-tls` says what is left; with the files in place and the configuration
    naming the credentials' copies, the service serves HTTPS, and a reload re-reads them."""
    result = machine.sh("cd /root/bundle && reviewroom/Deploy/install.sh --bin-dir reviewroom --with-tls")
    assert "243/CREDENTIALS" in result.stderr, result
    assert "reviewroomd is still running the old version" in result.stdout, result
    machine.sh("install -m 0600 /root/bundle/tls/key.pem /etc/reviewroom/tls/key.pem"
               " && install -m 0644 /root/bundle/tls/cert.pem /etc/reviewroom/tls/cert.pem"
               " && sed -i 's|^#tls_cert|tls_cert|; s|^#tls_key|tls_key|' /etc/reviewroom/reviewroom.conf"
               " && systemctl restart reviewroomd")
    bundle_cert = machine.sh("cat /root/bundle/tls/cert.pem").stdout
    context = ssl.create_default_context(cadata=bundle_cert)
    assert readyz(f"https://127.0.0.1:{machine.port}", context) == 200
    machine.sh("systemctl reload reviewroomd")
    assert "TLS certificates reloaded" in machine.journal_after("TLS certificates reloaded")


def test_readme_uninstall_leaves_nothing_behind(machine):
    """README's "Uninstalling" block, run as written (as root, so without `sudo`): the backup is
    made from the running service's database, then every file the install made is gone and
    the port is closed."""
    readme = (ROOT / "README.md").read_text()
    block = re.search(r"### Uninstalling\n.*?```sh\n(.*?)```", readme, re.S).group(1)
    machine.sh(block.replace("sudo ", ""), timeout=60)
    assert machine.sh("test -s /root/reviewroom-final.sqlite3", check=False).returncode == 0
    left = machine.sh("ls -d /usr/local/bin/reviewroomd /usr/local/share/reviewroom /etc/reviewroom /var/lib/reviewroom"
                      " /var/lib/private/reviewroom /etc/systemd/system/reviewroomd.* 2>/dev/null", check=False).stdout
    assert left == "", left
    assert machine.show("reviewroomd", "LoadState")["LoadState"] == "not-found"
    with pytest.raises(OSError):
        readyz(f"http://127.0.0.1:{machine.port}")
