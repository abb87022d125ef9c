"""A file system that turns read-only under the daemon (ext4 `errors=remount-ro` after an
error): README's troubleshooting names `dataDirectoryNotWritable` for it, but SQLite reports an
I/O error and `/readyz` said `sqlite`, and API writes were a 500 quoting the database's path.
Now errno decides (EROFS: not writable), and the API answers 503 without paths. A real ext4 on a
loop device with an error injected through `/sys/fs/ext4/<dev>/trigger_fs_error`; skipped where
that cannot be done (not root, no loop devices)."""
import asyncio
import json
import os
import shutil
import subprocess
import tempfile
import time

import pytest

from conftest import Daemon, schedule_session
from test_database_moved import edit, readyz


@pytest.fixture
def ext4():
    if os.geteuid() != 0 or not shutil.which("mkfs.ext4") or not shutil.which("losetup"):
        pytest.skip("needs root, mkfs.ext4 and losetup")
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-erofs-")
    image, mount = os.path.join(work, "fs.img"), os.path.join(work, "mnt")
    os.mkdir(mount)
    subprocess.run(["truncate", "-s", "32M", image], check=True)
    subprocess.run(["mkfs.ext4", "-q", image], check=True)
    loop = subprocess.run(["losetup", "-f", "--show", image], capture_output=True, text=True)
    if loop.returncode != 0:
        shutil.rmtree(work, ignore_errors=True)
        pytest.skip(f"no loop device: {loop.stderr.strip()}")
    device = loop.stdout.strip()
    try:
        subprocess.run(["mount", "-o", "errors=remount-ro", device, mount], check=True)
        yield mount, f"/sys/fs/ext4/{os.path.basename(device)}/trigger_fs_error"
    finally:
        subprocess.run(["umount", "-l", mount], check=False)
        subprocess.run(["losetup", "-d", device], check=False)
        shutil.rmtree(work, ignore_errors=True)


def test_a_file_system_turned_read_only_is_not_writable_and_a_503(ext4):
    mount, trigger = ext4
    if not os.path.exists(trigger):
        pytest.skip("this kernel cannot inject an ext4 error")
    data_dir = os.path.join(mount, "data")
    os.mkdir(data_dir, 0o700)
    daemon = Daemon(data_dir).start()
    try:
        session = schedule_session(daemon, "Read-only", "Remounts")
        token = session.tokens["Asha"]
        assert asyncio.run(edit(daemon, token, "r-1", ["kept"], 0))["type"] == "ack"
        with open(trigger, "w") as file:
            file.write("probe\n")
        reply = asyncio.run(edit(daemon, token, "r-2", [4, " not stored"], 1))
        assert reply["type"] != "ack", reply
        deadline = time.monotonic() + 20
        while (answer := readyz(daemon))[0] != 503:
            assert daemon.process.poll() is None, f"the daemon exited with {daemon.process.returncode}"
            assert time.monotonic() < deadline, answer
            time.sleep(0.1)
        assert answer[1] == "store commits failing: dataDirectoryNotWritable\n", answer
        status, problem = daemon.api("POST", "/sessions", session.facilitator_token, {
            "title": "On a read-only disk", "hostSchool": "H", "startsAt": "2030-12-01T09:30:00Z", "template": "rapid-remote-90"})
        assert status == 503, problem
        assert data_dir not in json.dumps(problem), problem
    finally:
        daemon.stop()
