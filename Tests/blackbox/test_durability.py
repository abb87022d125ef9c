"""PRODUCT "nothing acknowledged is ever lost", PROTOCOL.md §1 (`durability`): what the daemon and
its offline commands report as done is on stable storage as the configured mode promises."""
import os
import shutil
import subprocess
import tempfile

import pytest

from conftest import Daemon
from reviewroomd import EXECUTABLE, clean_environment

STRACE = shutil.which("strace")


def synced_run(*arguments):
    """(exit status, stdout, number of fsync/fdatasync calls) of one run of reviewroomd under strace."""
    with tempfile.NamedTemporaryFile(prefix="reviewroom-strace-", mode="r") as trace:
        done = subprocess.run([STRACE, "-f", "-qq", "-o", trace.name, "-e", "trace=fsync,fdatasync",
                               str(EXECUTABLE), *arguments],
                              capture_output=True, text=True, timeout=60, env=clean_environment(), stdin=subprocess.DEVNULL)
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
