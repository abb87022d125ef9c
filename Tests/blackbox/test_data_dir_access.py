"""README "Deployment with systemd" hands a custom data directory to the service's user
(`chown -R "$uid:$gid" /srv/reviewroom && chmod 0700 /srv/reviewroom`), and its troubleshooting
table promises `cannot access DIR: permission denied (run with sudo)` to an admin who then runs
`reviewroomd facilitator list` (or `export`, `backup`) without sudo. The directory is listable
but not enterable, so its database cannot be seen: that must not read as "no database here"
(the wrong directory) or "not writable". Simulated with `setpriv`, so this needs root."""
import os
import shutil
import subprocess
import tempfile

import pytest

from reviewroomd import EXECUTABLE, clean_environment

SERVICE_UID = 61_000
ADMIN_UID = 61_001

pytestmark = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None,
                                reason="setpriv needs root")


def run(arguments, uid=None):
    prefix = [] if uid is None else ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    done = subprocess.run([*prefix, str(EXECUTABLE), *arguments], capture_output=True, text=True, timeout=30,
                          env=clean_environment(), stdin=subprocess.DEVNULL, cwd="/")
    return done.returncode, done.stdout, done.stderr


@pytest.fixture
def service_owned_data_dir():
    """/tmp/…/srv-reviewroom: a database, then the directory given to the service's uid, 0700."""
    root = tempfile.mkdtemp(prefix="reviewroom-access-", dir="/tmp")
    os.chmod(root, 0o755)
    data = os.path.join(root, "srv-reviewroom")
    status, _, err = run(["facilitator", "add", "Seed", "--data-dir", data])
    assert status == 0, err
    for directory, _, files in os.walk(data):
        for name in [directory, *(os.path.join(directory, file) for file in files)]:
            os.chown(name, SERVICE_UID, SERVICE_UID)
    os.chmod(data, 0o700)
    yield data
    shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("command", [["facilitator", "list"], ["facilitator", "revoke", "f_x"],
                                     ["export", "s_x"], ["backup", "/tmp/reviewroom-access-never.sqlite3"],
                                     ["facilitator", "add", "Ann"]])
def test_an_admin_without_sudo_is_told_permission_denied_not_missing(service_owned_data_dir, command):
    data = service_owned_data_dir
    status, out, err = run([*command, "--data-dir", data], uid=ADMIN_UID)
    assert status == 1, (status, out, err)
    assert f"cannot access {data}: permission denied (run with sudo)" in err, err
    assert "no ReviewRoom database" not in err and "does not exist" not in err, err
    assert not os.path.exists("/tmp/reviewroom-access-never.sqlite3")
    # Nothing changed: the service's user still reads only the seed facilitator.
    status, out, err = run(["facilitator", "list", "--data-dir", data], uid=SERVICE_UID)
    assert status == 0 and "Seed" in out and "Ann" not in out, (status, out, err)
