"""Deploy/install.sh and the binary it installs on a server without the Swift toolchain. A
binary linked against the toolchain's runtime (the debug build: its RUNPATH names the
toolchain's library directory, and libswiftCore, Foundation and libdispatch are no Debian
package) is refused; the release build (`make release`: the Swift runtime linked in) runs
there and is installed. The server is made with a mount namespace (needs root): an empty
/opt/swift, and /etc under an overlay so nothing reaches the real one whatever the script does."""
import asyncio
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
import urllib.request

import pytest

from conftest import Daemon, schedule_session
from reviewroomd import EXECUTABLE, ROOT
from wsclient import Client

SCRIPT = ROOT / "Deploy" / "install.sh"
TOOLCHAIN = "/opt/swift"
# What `make release` builds (and `make test` too, for this test); REVIEWROOMD_RELEASE names another.
RELEASE = pathlib.Path(os.environ.get("REVIEWROOMD_RELEASE", ROOT / ".build" / "release" / "reviewroomd"))
# Runs "$@" where the toolchain's libraries are gone.
WITHOUT_TOOLCHAIN = f'mount -t tmpfs none {TOOLCHAIN} && exec "$@"'
# The Debian packages' libraries the daemon links dynamically (README: apt-get install ...).
DEBIAN_LIBRARIES = ("libwebsockets.so.17", "libssl.so.3", "libcrypto.so.3", "libsqlite3.so.0", "libev.so.4")


def runpath(binary):
    dynamic = subprocess.run(["readelf", "-d", str(binary)], capture_output=True, text=True).stdout
    return next((line for line in dynamic.splitlines() if "(RUNPATH)" in line), "")


def namespaces_work():
    return os.geteuid() == 0 and shutil.which("unshare") is not None and subprocess.run(
        ["unshare", "--mount", "true"], capture_output=True).returncode == 0


def without_toolchain(*command):
    """`command` in a mount namespace whose /opt/swift is empty."""
    return ["unshare", "--mount", "sh", "-c", WITHOUT_TOOLCHAIN, "sh", *command]


@pytest.fixture
def work():
    """A scratch directory holding empty upper, work (the /etc overlay's) and prefix directories."""
    path = tempfile.mkdtemp(prefix="reviewroom-blackbox-install-")
    for name in ("upper", "work", "prefix"):
        os.mkdir(os.path.join(path, name))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def install_on_a_server_without_the_toolchain(binary, work):
    """install.sh --bin-dir (the binary's directory) --prefix work/prefix, /etc an overlay whose
    changes land in work/upper (see the `work` fixture)."""
    script = (f"mount -t overlay overlay -o lowerdir=/etc,upperdir={work}/upper,workdir={work}/work /etc"
              f" && {WITHOUT_TOOLCHAIN}")
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(SCRIPT), "--bin-dir", str(pathlib.Path(binary).parent),
         "--prefix", os.path.join(work, "prefix")],
        capture_output=True, text=True, timeout=60, env={k: v for k, v in os.environ.items() if k != "DESTDIR"})


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(TOOLCHAIN not in runpath(EXECUTABLE), reason=f"the binary does not load its runtime from {TOOLCHAIN}")
def test_a_binary_that_cannot_start_here_is_refused_naming_what_is_missing(work):
    result = install_on_a_server_without_the_toolchain(EXECUTABLE, work)
    assert result.returncode == 1, result
    assert "cannot start on this machine: missing shared libraries: " in result.stderr, result.stderr
    assert "libswiftCore.so" in result.stderr and f"RUNPATH {TOOLCHAIN}" in result.stderr, result.stderr
    assert "rebuild it with make release" in result.stderr, result.stderr
    assert os.listdir(os.path.join(work, "prefix")) == [], "nothing installed"
    assert os.listdir(os.path.join(work, "upper")) == [], "nothing written under /etc"


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(TOOLCHAIN not in runpath(EXECUTABLE), reason=f"the binary does not load its runtime from {TOOLCHAIN}")
def test_a_package_staged_with_destdir_is_only_warned_about():
    """Under DESTDIR the binary is meant for another machine: a warning, and the files."""
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-install-")
    try:
        result = subprocess.run(
            without_toolchain(str(SCRIPT), "--bin-dir", str(EXECUTABLE.parent)),
            capture_output=True, text=True, timeout=60, env={**os.environ, "DESTDIR": work})
        assert result.returncode == 0, result
        assert "missing shared libraries: " in result.stderr, result.stderr
        assert os.path.exists(os.path.join(work, "usr/local/bin/reviewroomd"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def test_what_it_installs_is_readable_by_the_daemon_whatever_the_umask():
    """The daemon runs as its own user (DynamicUser): a web client copied under the installer's
    umask 077 (a hardened server) was root's alone, and every page was 404. Staged with DESTDIR."""
    work = tempfile.mkdtemp(prefix="reviewroom-blackbox-install-")
    try:
        result = subprocess.run(
            ["sh", "-c", 'umask 077 && exec "$@"', "sh", str(SCRIPT), "--bin-dir", str(EXECUTABLE.parent)],
            capture_output=True, text=True, timeout=60, env={**os.environ, "DESTDIR": work})
        assert result.returncode == 0, result
        share = pathlib.Path(work, "usr/local/share/reviewroom")
        installed = [share, *share.rglob("*"), pathlib.Path(work, "usr/local/bin/reviewroomd")]
        assert len(installed) > 10, installed
        unreadable = [str(path) for path in installed
                      if path.stat().st_mode & (0o005 if path.is_dir() else 0o004) != (0o005 if path.is_dir() else 0o004)]
        assert not unreadable, unreadable
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(not RELEASE.exists(), reason=f"{RELEASE} is not built: make release")
def test_the_release_binary_runs_and_installs_without_the_toolchain(work):
    """`make release` links the Swift runtime and Foundation in (--static-swift-stdlib) and
    Debian's libwebsockets, libev, OpenSSL and SQLite dynamically: on a server without
    /opt/swift every library loads, it serves (/readyz, a WebSocket join, the API), its offline
    commands work (`facilitator add`, `export` with its dates in the session's time zone), and
    install.sh installs it."""
    libraries = subprocess.run(without_toolchain("ldd", str(RELEASE)),
                               capture_output=True, text=True, timeout=30).stdout
    assert "not found" not in libraries and TOOLCHAIN not in libraries, \
        f"{RELEASE} needs the toolchain (built without --static-swift-stdlib? run make release):\n{libraries}"
    for library in DEBIAN_LIBRARIES:
        assert f"{library} => /lib/" in libraries or f"{library} => /usr/lib/" in libraries, (library, libraries)
    assert "libswiftCore" not in libraries and "libFoundation" not in libraries, libraries

    daemon = Daemon(work, command=without_toolchain(str(RELEASE))).start()
    try:
        session = schedule_session(daemon, "Shipped without Swift", "Does the release binary run alone?")

        async def join():
            client = await Client.join(daemon.ws_url, session.tokens["Asha"])
            await client.close()
            return client.welcome

        welcome = asyncio.run(join())
        assert welcome["type"] == "welcome" and welcome["you"]["id"] == session.pids["Asha"], welcome
        with urllib.request.urlopen(daemon.base + "/readyz", timeout=10) as ready:
            assert ready.status == 200
        record = subprocess.run(without_toolchain(str(RELEASE), "export", session.id, "--data-dir", work),
                                capture_output=True, text=True, timeout=30)
        assert record.returncode == 0, record.stderr
        assert "Shipped without Swift" in record.stdout, record.stdout
        # Local times need the time zone data linked in with Foundation (unknown zones fall back to UTC).
        assert re.search(r"\*\*Planned start:\*\* \d{4}-\d\d-\d\d \d\d:\d\d (GMT|BST) \(Europe/London\)", record.stdout), record.stdout
    finally:
        daemon.stop()

    result = install_on_a_server_without_the_toolchain(RELEASE, work)
    assert result.returncode == 0, result
    assert "missing shared libraries" not in result.stderr, result.stderr
    assert os.path.exists(os.path.join(work, "prefix", "bin", "reviewroomd"))
