"""Deploy/install.sh on a server as minimal as Debian's `debootstrap --variant=minbase` plus the
README's runtime packages: no binutils (so no readelf), no checkout, maybe a package forgotten.
Each refusal must name its cause and install nothing (the /etc and prefix writes land in a
scratch directory, as in test_deploy_install.py)."""
import os
import pathlib
import re
import shutil
import subprocess

import pytest

from reviewroomd import EXECUTABLE, ROOT
# `work`: the scratch directory fixture (upper, work and prefix directories), shared.
from test_deploy_install import RELEASE, TOOLCHAIN, WITHOUT_TOOLCHAIN, namespaces_work, runpath, work  # noqa: F401

SCRIPT = ROOT / "Deploy" / "install.sh"


def path_without(tool, directory):
    """A PATH (one directory of links) with every command of this PATH but `tool`."""
    os.makedirs(directory)
    for entry in os.environ["PATH"].split(os.pathsep):
        if not os.path.isdir(entry):
            continue
        for name in os.listdir(entry):
            link = os.path.join(directory, name)
            if name != tool and not os.path.lexists(link):
                os.symlink(os.path.join(entry, name), link)
    return directory


def install_in_a_namespace(setup, binary, work, path=None):
    """install.sh --bin-dir (the binary's directory) --prefix work/prefix after the mount
    commands `setup`, with /etc an overlay whose changes land in work/upper."""
    script = (f"mount -t overlay overlay -o lowerdir=/etc,upperdir={work}/upper,workdir={work}/work /etc"
              f" && {setup} && exec \"$@\"")
    env = {k: v for k, v in os.environ.items() if k != "DESTDIR"}
    if path:
        env["PATH"] = path
    return subprocess.run(
        ["unshare", "--mount", "sh", "-c", script, "sh", str(SCRIPT), "--bin-dir", str(pathlib.Path(binary).parent),
         "--prefix", os.path.join(work, "prefix")],
        capture_output=True, text=True, timeout=60, env=env)


def assert_nothing_installed(work):
    assert os.listdir(os.path.join(work, "prefix")) == [], "nothing installed"
    assert os.listdir(os.path.join(work, "upper")) == [], "nothing written under /etc"


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(TOOLCHAIN not in runpath(EXECUTABLE), reason=f"the binary does not load its runtime from {TOOLCHAIN}")
def test_missing_libraries_are_named_where_readelf_is_not_installed(work):
    """Minimal Debian has ldd (libc-bin) but not readelf (binutils): the refusal must still be said."""
    path = path_without("readelf", os.path.join(work, "bin"))
    setup = WITHOUT_TOOLCHAIN.removesuffix(' && exec "$@"')
    result = install_in_a_namespace(setup, EXECUTABLE, work, path=path)
    assert result.returncode == 1, result
    assert "cannot start on this machine: missing shared libraries: " in result.stderr, result
    assert "libswiftCore.so" in result.stderr and "apt-get install binutils" in result.stderr, result.stderr
    assert_nothing_installed(work)


def libev_plugin():
    """Where libwebsockets (as the daemon loads it) looks for its libev plugin, or None."""
    libraries = subprocess.run(["ldd", str(EXECUTABLE)], capture_output=True, text=True).stdout
    found = re.search(r"libwebsockets\.so\.17 => (/\S+)", libraries)
    return os.path.join(os.path.dirname(found.group(1)), "libwebsockets-evlib_ev.so") if found else None


@pytest.mark.skipif(not namespaces_work(), reason="needs root and unshare(1) for a mount namespace")
@pytest.mark.skipif(not (libev_plugin() and os.path.isfile(libev_plugin())), reason="libwebsockets-evlib-ev is not installed")
def test_a_missing_libev_plugin_is_refused_naming_its_package(work):
    """The plugin is dlopen()ed, so ldd passes without it; the daemon would then exit 69 at every start."""
    result = install_in_a_namespace(f"mount --bind /dev/null {libev_plugin()}", EXECUTABLE, work)
    assert result.returncode == 1, result
    assert "libev plugin" in result.stderr and "apt-get install libwebsockets-evlib-ev" in result.stderr, result.stderr
    assert_nothing_installed(work)


def test_a_server_given_only_the_binary_and_deploy_gets_nothing_installed(tmp_path):
    """Without the web client or the README (a server given the binary and Deploy/ alone), it
    refuses before installing anything and names what to copy."""
    (tmp_path / "checkout").mkdir()
    shutil.copytree(ROOT / "Deploy", tmp_path / "checkout" / "Deploy")
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "reviewroomd").symlink_to(EXECUTABLE)
    (tmp_path / "dest").mkdir()
    result = subprocess.run(
        [str(tmp_path / "checkout" / "Deploy" / "install.sh"), "--bin-dir", str(tmp_path / "bin")],
        capture_output=True, text=True, timeout=60, env={**os.environ, "DESTDIR": str(tmp_path / "dest")})
    assert result.returncode == 1, result
    assert "nothing was installed" in result.stderr and "ReviewRoom_ReviewRoomServer.resources" in result.stderr, result.stderr
    assert list((tmp_path / "dest").iterdir()) == [], "nothing staged"


def test_install_sh_names_the_runtime_packages_the_readme_lists():
    readme = " ".join((ROOT / "README.md").read_text().split())
    listed = re.search(r"the runtime packages are `([^`]+)`", readme)
    assert listed, "README names the server's runtime packages"
    script = SCRIPT.read_text()
    assert f"apt-get install {listed.group(1)}" in script, (listed.group(1), "install.sh's apt-get line")


def test_the_readme_bundle_installs_with_paths_relative_to_where_it_is_called(tmp_path):
    """README's server without a checkout: one directory holding reviewroomd, its resources,
    Deploy/ and README.md, installed with `bundle/Deploy/install.sh --bin-dir bundle` from its
    parent; --bin-dir and DESTDIR are relative to there, not to the checkout the script enters."""
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    shutil.copytree(ROOT / "Deploy", bundle / "Deploy")
    shutil.copy(ROOT / "README.md", bundle / "README.md")
    (bundle / "reviewroomd").symlink_to(EXECUTABLE)
    resources = pathlib.Path(EXECUTABLE).parent / "ReviewRoom_ReviewRoomServer.resources"
    (bundle / resources.name).symlink_to(resources if resources.is_dir() else ROOT / "Sources" / "ReviewRoomServer")
    result = subprocess.run(["bundle/Deploy/install.sh", "--bin-dir", "bundle"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60, env={**os.environ, "DESTDIR": "stage"})
    assert result.returncode == 0, result
    assert (tmp_path / "stage" / "usr/local/bin/reviewroomd").is_file(), result
    assert (tmp_path / "stage" / "usr/local/share/reviewroom/web/index.html").is_file(), result
    assert (tmp_path / "stage" / "usr/local/share/doc/reviewroom/README.md").is_file(), result


def source_binary():
    """The binary install.sh should install: `make release`'s when built, else the one under test."""
    return RELEASE if RELEASE.exists() else EXECUTABLE


def stage(tmp_path, *options, path=None):
    """install.sh --bin-dir (source_binary's directory) into DESTDIR tmp_path/stage."""
    env = {**os.environ, "DESTDIR": str(tmp_path / "stage")}
    if path:
        env["PATH"] = path
    return subprocess.run([str(SCRIPT), "--bin-dir", str(source_binary().parent), *options],
                          capture_output=True, text=True, timeout=120, env=env)


def sections(binary):
    return subprocess.run(["readelf", "-S", "-W", str(binary)], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("strip") is None or shutil.which("readelf") is None, reason="needs binutils (strip, readelf)")
def test_the_installed_binary_has_no_debug_info_but_keeps_its_symbols_and_runs(tmp_path):
    """Debug info is most of the release binary's size and no use on a server; the symbol table
    stays, so a crash backtrace (SWIFT_BACKTRACE) still names functions."""
    result = stage(tmp_path)
    assert result.returncode == 0, result
    installed = tmp_path / "stage" / "usr/local/bin/reviewroomd"
    assert installed.stat().st_size < source_binary().stat().st_size, (installed.stat().st_size, source_binary())
    assert ".debug_info" in sections(source_binary()), "the source binary has debug info to strip"
    assert ".debug_info" not in sections(installed) and ".symtab" in sections(installed)
    assert os.access(installed, os.X_OK)
    made = subprocess.run([str(installed), "facilitator", "add", "Ann", "--json", "--data-dir", str(tmp_path / "data")],
                          capture_output=True, text=True, timeout=60)
    assert made.returncode == 0 and '"token"' in made.stdout, made


def test_without_strip_the_binary_is_installed_as_it_is_and_said_so(tmp_path):
    """A minimal server has no binutils: the binary goes in unchanged, and the output says why."""
    result = stage(tmp_path, path=path_without("strip", str(tmp_path / "bin")))
    assert result.returncode == 0, result
    assert "strip is not installed" in result.stdout, result.stdout
    installed = tmp_path / "stage" / "usr/local/bin/reviewroomd"
    assert installed.read_bytes() == source_binary().read_bytes()


def test_with_tls_says_the_service_will_not_start_until_the_key_and_certificate_are_there(tmp_path):
    """The drop-in loads both files at every start; without them systemd refuses to start the
    service with an obscure `243/CREDENTIALS` ("Protocol error"). Once both are there, nothing is said."""
    result = stage(tmp_path, "--with-tls")
    assert result.returncode == 0, result
    assert "243/CREDENTIALS" in result.stderr and "/etc/reviewroom/tls/key.pem" in result.stderr, result.stderr
    assert "uncomment tls_cert and tls_key" in result.stderr, result.stderr
    tls = tmp_path / "stage" / "etc/reviewroom/tls"
    assert (tmp_path / "stage" / "etc/systemd/system/reviewroomd.service.d/tls.conf").is_file()
    (tls / "key.pem").write_text("key\n")
    (tls / "cert.pem").write_text("chain\n")
    again = stage(tmp_path, "--with-tls")
    assert again.returncode == 0 and "243/CREDENTIALS" not in again.stderr, again
