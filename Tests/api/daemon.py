"""The daemon for the black-box API checks: the shared `Tests/support/reviewroomd.Daemon` on a
temp data dir with one facilitator ("Schemathesis"), as a context manager."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from reviewroomd import Daemon as SharedDaemon  # noqa: E402


class Daemon:
    def __init__(self):
        self.data = tempfile.mkdtemp(prefix="reviewroom-api-")
        self.daemon = SharedDaemon(self.data)
        self.token = self.daemon.add_facilitator("Schemathesis")["token"]
        self.daemon.start()
        self.url = self.daemon.base

    def stop(self):
        self.daemon.stop()
        shutil.rmtree(self.data, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
