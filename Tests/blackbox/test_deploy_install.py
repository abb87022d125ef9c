"""Deploy/install.sh on a server whose machine cannot run the binary it is given (`--bin-dir`
from a build machine): the binary's RUNPATH names the Swift toolchain's library directory, and
libswiftCore, Foundation and libdispatch are no Debian package. The server is made with a mount
namespace (needs root): an empty /opt/swift, and /etc under an overlay so nothing reaches the
real one whatever the script does."""
import os
import shutil
import subprocess
import tempfile

import pytest

from reviewroomd import EXECUTABLE, ROOT

SCRIPT = ROOT / "Deploy" / "install.sh"
TOOLCHAIN = "/opt/swift"


def runpath(binary):
    dynamic = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True).stdout
    return next((line for line in dynamic.splitlines() if "(RUNPATH)" in line), "")


def namespaces_work():
    return os.geteuid() == 0 and shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "--mount", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(TOOLCHAIN not in runpath(EXECUTABLE), reason=f"the binary does not load its runtime from {TOOLCHAIN}")
def test_a_binary_that_cannot_start_here_is_refused_naming_what_is_missing():
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-install-")
    try:
        for name in ("upper", "work", "prefix"):
            os.mkdir(os.path.join(work, name))
        script = (f"mount -t tmpfs none {TOOLCHAIN}"
                  f" && mount -t overlay overlay -o lowerdir=/etc,upperdir={work}/upper,workdir={work}/work /etc"
                  f' && exec "$@"')
        result = subprocess.run(
            ["unshare", "--mount", "sh", "-c", script, "sh", str(SCRIPT), "--bin-dir", str(EXECUTABLE.parent),
             "--prefix", os.path.join(work, "prefix")],
            capture_output=True, text=True, timeout=60, env={k: v for k, v in os.environ.items() if k != "DESTDIR"})
        assert result.returncode == 1, result
        assert "cannot start on this machine: missing shared libraries: " in result.stderr, result.stderr
        assert "libswiftCore.so" in result.stderr and f"RUNPATH {TOOLCHAIN}" in result.stderr, result.stderr
        assert os.listdir(os.path.join(work, "prefix")) == [], "nothing installed"
        assert os.listdir(os.path.join(work, "upper")) == [], "nothing written under /etc"
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(TOOLCHAIN not in runpath(EXECUTABLE), reason=f"the binary does not load its runtime from {TOOLCHAIN}")
def test_a_package_staged_with_destdir_is_only_warned_about():
    """Under DESTDIR the binary is meant for another machine: a warning, and the files."""
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-install-")
    try:
        result = subprocess.run(
            ["unshare", "--mount", "sh", "-c", f'mount -t tmpfs none {TOOLCHAIN} && exec "$@"', "sh",
             str(SCRIPT), "--bin-dir", str(EXECUTABLE.parent)],
            capture_output=True, text=True, timeout=60, env={**os.environ, "DESTDIR": work})
        assert result.returncode == 0, result
        assert "missing shared libraries: " in result.stderr, result.stderr
        assert os.path.exists(os.path.join(work, "usr/local/bin/reviewroomd"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
