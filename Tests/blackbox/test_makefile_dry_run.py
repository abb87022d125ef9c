"""`make -n test` prints what `make test` would do and runs nothing of it. GNU make runs every
recipe line that names $(MAKE) even under -n; the Makefile calls its sub-makes as $(SUBMAKE), so
the line that starts the Swift suite is printed, not run."""
import glob
import os
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_a_dry_run_of_make_test_prints_every_step_and_runs_none():
    before = set(glob.glob("/tmp/reviewroom-test.*"))
    done = subprocess.run(["make", "-n", "test"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    for step in ["--no-print-directory test-packages python-deps", "swift test --skip-build", "unittest discover -s Tests/content",
                 "swift build -c release --static-swift-stdlib --product reviewroomd", "--no-print-directory api-test",
                 "--no-print-directory blackbox-test", "--no-print-directory systemd-test", "--no-print-directory browser-test"]:
        assert step in done.stdout, (step, done.stdout)
    # Run, that line would have made its scratch directory (and then run the whole suite).
    assert set(glob.glob("/tmp/reviewroom-test.*")) == before
