"""The shipped unit's sandbox (Deploy/reviewroomd.service) against what the daemon needs. There is
no systemd here, so the unit's settings are read from the file and carried out as systemd would:
its /proc options with `unshare` and a fresh procfs mount (`ProtectProc=` is `hidepid=`,
`ProcSubset=` is `subset=`; needs root), its `RestrictAddressFamilies=` with a seccomp filter
that refuses socket(2) for other families with EAFNOSUPPORT."""
import ctypes
import os
import platform
import socket
import pathlib
import queue
import shutil
import signal
import subprocess
import tempfile
import threading

import pytest

from reviewroomd import EXECUTABLE, ROOT, clean_environment

UNIT = ROOT / "Deploy" / "reviewroomd.service"
BOOT_ID = "/proc/sys/kernel/random/boot_id"
TIMEOUT = 30


def unit_settings(path):
    """The unit's `[Service]` settings, last one of each name winning."""
    settings = {}
    section = None
    for line in pathlib.Path(path).read_text().splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line
        elif section == "[Service]" and "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings[key.strip()] = value.strip()
    return settings


def proc_mount_options(settings):
    """The procfs mount options systemd gives the service for its ProtectProc= and ProcSubset=."""
    options = []
    if settings.get("ProtectProc", "default") != "default":
        options.append("hidepid=" + settings["ProtectProc"])
    if settings.get("ProcSubset", "all") == "pid":
        options.append("subset=pid")
    return ",".join(options) or "defaults"


def mount_namespaces_work():
    return os.geteuid() == 0 and shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "--mount", "--pid", "--fork", "sh", "-c", "mount -t proc -o subset=pid proc /proc"],
        capture_output=True).returncode == 0


@pytest.mark.skipif(not mount_namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
def test_under_the_units_proc_view_the_run_marker_names_this_boot():
    """The run marker (`reviewroomd.running`) holds the kernel's boot id, so that a restart after
    a crash on the same boot (`Restart=on-failure`, the watchdog) keeps every session's epoch
    and clients resume. `ProcSubset=pid` hides /proc/sys: the marker then said `boot_id
    unknown`, and every restart after a crash took the machine for rebooted, renewing every
    epoch (each browser reloads) with a warning that the machine went down."""
    with open(BOOT_ID) as file:
        boot = file.read().strip()
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-sandbox-")
    script = f'mount -t proc -o {proc_mount_options(unit_settings(UNIT))} proc /proc && exec "$@"'
    process = subprocess.Popen(
        ["unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c", script, "sh",
         str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=clean_environment(),
        start_new_session=True)
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        while "Listening on" not in lines.get(timeout=TIMEOUT):
            pass
        with open(os.path.join(data_dir, "reviewroomd.running")) as file:
            marker = file.read().splitlines()
        assert marker[0] == f"boot_id {boot}", f"{marker} under {UNIT}'s /proc view"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=TIMEOUT)
        shutil.rmtree(data_dir, ignore_errors=True)


# seccomp(2) and BPF constants (linux/seccomp.h, linux/filter.h, linux/prctl.h).
PR_SET_SECCOMP, PR_SET_NO_NEW_PRIVS, SECCOMP_MODE_FILTER = 22, 38, 2
LOAD_WORD, JUMP_IF_EQUAL, RETURN = 0x20, 0x15, 0x06
ALLOW, ERRNO = 0x7FFF0000, 0x00050000
SOCKET_SYSCALL = {"x86_64": 41, "aarch64": 198}.get(platform.machine())
FIRST_ARGUMENT = 16  # offsetof(struct seccomp_data, args[0]); its low 32 bits on little-endian


class SockFilter(ctypes.Structure):
    _fields_ = [("code", ctypes.c_uint16), ("jt", ctypes.c_uint8), ("jf", ctypes.c_uint8), ("k", ctypes.c_uint32)]


class SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]


def address_families(settings):
    """The numbers of the families `RestrictAddressFamilies=` allows (an allow list)."""
    names = settings["RestrictAddressFamilies"].split()
    assert not names[0].startswith("~"), "an allow list is expected"
    return [getattr(socket, name) for name in names]


def restrict_address_families(families):
    """A preexec_fn installing, in the child, what RestrictAddressFamilies= installs."""
    allow_at = 4 + len(families)
    program = [SockFilter(LOAD_WORD, 0, 0, 0), SockFilter(JUMP_IF_EQUAL, 0, allow_at - 2, SOCKET_SYSCALL),
               SockFilter(LOAD_WORD, 0, 0, FIRST_ARGUMENT)]
    program += [SockFilter(JUMP_IF_EQUAL, allow_at - (4 + index), 0, family) for index, family in enumerate(families)]
    program += [SockFilter(RETURN, 0, 0, ERRNO | 97), SockFilter(RETURN, 0, 0, ALLOW)]  # 97: EAFNOSUPPORT
    instructions = (SockFilter * len(program))(*program)
    fprog = SockFprog(len(program), instructions)

    def install():
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) or libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog)):
            os._exit(99)
    return install


def listening_addresses(pid):
    """(address hex, port) of every listening TCP socket process `pid` holds, from /proc/net."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}")
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    found = []
    for table in ("tcp", "tcp6"):
        with open(f"/proc/{pid}/net/{table}") as file:
            for row in file.read().splitlines()[1:]:
                fields = row.split()
                if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                    address, port = fields[1].split(":")
                    found.append((address, int(port, 16)))
    return found


def listening_under(families, environment):
    """Starts `serve --listen 127.0.0.1:0` allowed only socket address `families`, waits for it
    to listen and returns (its port, the addresses it listens on, its stderr once stopped)."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-sandbox-")
    process = subprocess.Popen(
        [str(EXECUTABLE), "serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=clean_environment(environment),
        preexec_fn=restrict_address_families(families))
    lines = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    try:
        while "Listening on" not in (line := lines.get(timeout=TIMEOUT)):
            pass
        port = int(line.rsplit(":", 1)[1])
        listening = listening_addresses(process.pid)
    finally:
        process.kill()
        _, errors = process.communicate(timeout=TIMEOUT)
        shutil.rmtree(data_dir, ignore_errors=True)
    return port, listening, errors


@pytest.mark.skipif(SOCKET_SYSCALL is None, reason="socket(2)'s number is known here for x86_64 and aarch64 only")
def test_under_the_units_address_families_a_loopback_listen_stays_on_loopback():
    """`listen` and `metrics_listen` at 127.0.0.1 must not be reachable from the network.
    libwebsockets looks the metrics address up with getifaddrs(3) (the main one too, before the
    daemon bound it itself), which needs a netlink socket: without AF_NETLINK in
    RestrictAddressFamilies= it logged `unable to getifaddrs: errno 97` (error) and bound
    0.0.0.0, every interface."""
    port, listening, errors = listening_under(address_families(unit_settings(UNIT)),
                                              {"REVIEWROOM_METRICS_LISTEN": "127.0.0.1:0"})
    assert port in [bound for _, bound in listening], listening
    assert len(listening) == 2, f"the main and the metrics listener: {listening}"
    loopback = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it
    assert all(address == loopback for address, _ in listening), f"{listening} under {UNIT}'s address families"
    assert "unable to getifaddrs" not in errors, errors


@pytest.mark.skipif(SOCKET_SYSCALL is None, reason="socket(2)'s number is known here for x86_64 and aarch64 only")
def test_without_netlink_the_main_listener_binds_its_own_address():
    """The main listener is the transport's own socket, bound to the address itself (no
    getifaddrs): in a sandbox without AF_NETLINK it serves, on loopback only."""
    port, listening, _ = listening_under([socket.AF_UNIX, socket.AF_INET, socket.AF_INET6], {})
    assert listening == [("0100007F", port)]


@pytest.mark.skipif(SOCKET_SYSCALL is None, reason="socket(2)'s number is known here for x86_64 and aarch64 only")
@pytest.mark.parametrize("listen, metrics, refused", [
    ("0.0.0.0:0", "127.0.0.1:0", "could not listen on 127.0.0.1:0 (HTTP-only listener): getifaddrs failed"),
])
def test_without_netlink_a_non_wildcard_listen_is_refused_not_widened(listen, metrics, refused):
    """A sandbox without AF_NETLINK (an edited unit, another supervisor): rather than have
    libwebsockets listen on every interface for `metrics_listen` (lws looks its address up with
    getifaddrs), the daemon stops with exit status 69 and says what to allow."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-blackbox-sandbox-")
    extra = {"REVIEWROOM_METRICS_LISTEN": metrics} if metrics else {}
    try:
        result = subprocess.run(
            [str(EXECUTABLE), "serve", "--listen", listen, "--data-dir", data_dir],
            capture_output=True, text=True, timeout=TIMEOUT, env=clean_environment(extra),
            preexec_fn=restrict_address_families([socket.AF_UNIX, socket.AF_INET, socket.AF_INET6]))
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    assert result.returncode == 69, result
    assert refused in result.stderr and "AF_NETLINK" in result.stderr, result.stderr
    assert "Listening on" not in result.stdout, result.stdout


def test_the_sandbox_readings_follow_the_unit():
    """The readings above are not vacuous: a unit with both /proc settings yields both options,
    and the seccomp filter refuses a family the unit leaves out."""
    assert address_families({"RestrictAddressFamilies": "AF_UNIX AF_INET"}) == [socket.AF_UNIX, socket.AF_INET]
    if SOCKET_SYSCALL is not None:
        probe = "import socket\ntry:\n socket.socket(socket.AF_INET6)\nexcept OSError as e:\n print(e.errno)"
        refused = subprocess.run(["python3", "-c", probe], capture_output=True, text=True,
                                 preexec_fn=restrict_address_families([socket.AF_UNIX, socket.AF_INET]))
        assert refused.stdout.strip() == "97", refused
    assert proc_mount_options({"ProtectProc": "invisible", "ProcSubset": "pid"}) == "hidepid=invisible,subset=pid"
    assert proc_mount_options({}) == "defaults"
