"""A relative `data_dir` is read from the daemon's working directory (ConfigurationReference):
the `listening` log line names it as an absolute path, so whoever reads the journal sees which
directory that was (it said `data_dir=data`)."""
import os
import subprocess
import tempfile

from conftest import DAEMON
from reviewroomd import clean_environment


def test_a_relative_data_dir_is_logged_as_the_absolute_directory_it_was_read_as():
    with tempfile.TemporaryDirectory(prefix="reviewroom-relative-") as working:
        process = subprocess.Popen([str(DAEMON), "serve", "--listen", "127.0.0.1:0", "--data-dir", "data"],
                                   cwd=working, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=clean_environment())
        try:
            assert any(line.startswith("Listening on ") for line in process.stdout), "the daemon never listened"
        finally:
            process.terminate()
            _, log = process.communicate(timeout=15)
        listening = [line for line in log.splitlines() if " reviewroomd: listening " in line]
        assert len(listening) == 1, log
        assert f"data_dir={os.path.join(working, 'data')} " in listening[0] + " ", listening[0]
        assert os.path.exists(os.path.join(working, "data", "reviewroom.sqlite3"))
