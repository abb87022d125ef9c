"""The shipped unit's sandbox (Deploy/reviewroomd.service) against what the daemon reads outside
its data dir. There is no systemd here, so the unit's /proc options are read from the file and
carried out with `unshare` and a fresh procfs mount, as systemd would (`ProtectProc=` is
`hidepid=`, `ProcSubset=` is `subset=`); the daemon runs inside. Needs root (a mount namespace)."""
import os
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


def test_the_proc_mount_options_follow_the_unit():
    """The reading above is not vacuous: a unit with both settings yields both options."""
    assert proc_mount_options({"ProtectProc": "invisible", "ProcSubset": "pid"}) == "hidepid=invisible,subset=pid"
    assert proc_mount_options({}) == "defaults"
