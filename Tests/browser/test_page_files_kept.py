"""A room page's files kept by the browser from one load to the next (StaticFiles.swift,
VersionedLinks.swift, WebRootVersion.swift).

A page links its script, stylesheet and icon under the client's version (`v/<version>/…`), and the
modules import one another by relative paths, so every file a room page loads comes under that
version, served `immutable`: a reload asks the daemon for the page alone. It used to ask again for
each of its 53 other files, to be told "unchanged" (3.8 s on a link with 300 ms round trips, a
probe). When the files change (an upgrade), the pages link a new version and the next load fetches
and runs the new files. This module runs its own daemon on a copy of the client's folder, which
the upgrade test edits (and puts back)."""
import pathlib
import re
import shutil
import tempfile

import pytest

from conftest import DAEMON_ENV, browser_errors
from pages import invite_of, joined, schedule_via_api
from reviewroomd import Daemon

# The files the page loaded: name, bytes over the wire (0 when the browser's cache answered
# without asking the daemon; an empty 304 is a few hundred) and size once decoded.
FILES_LOADED = ("return performance.getEntriesByType('resource')"
                ".filter((e) => e.initiatorType === 'script' || e.initiatorType === 'link' || e.initiatorType === 'css'"
                "  || e.initiatorType === 'other')"
                ".map((e) => ({ name: e.name, transferSize: e.transferSize, decodedBodySize: e.decodedBodySize }))")
ENTRY_SCRIPT = "return document.querySelector('script[type=module]').src"
VERSIONED = re.compile(r"/v/([0-9a-f]{16})/")


@pytest.fixture(scope="module")
def web_copy():
    """A copy of the client's folder, for this module's daemon."""
    folder = pathlib.Path(tempfile.mkdtemp(prefix="reviewroom-web-")) / "web"
    shutil.copytree(DAEMON_ENV["REVIEWROOM_WEB_ROOT"], folder)
    yield folder
    shutil.rmtree(folder.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def daemon(web_copy):
    """The suite's daemon, serving the copy."""
    data_dir = tempfile.mkdtemp(prefix="reviewroom-browser-")
    instance = Daemon(data_dir, extra_env=dict(DAEMON_ENV, REVIEWROOM_WEB_ROOT=str(web_copy))).start()
    yield instance
    instance.stop()
    shutil.rmtree(data_dir, ignore_errors=True)


def versions_of(files):
    return {match.group(1) for match in (VERSIONED.search(f["name"]) for f in files) if match}


def test_a_reload_asks_the_daemon_for_the_page_alone(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A reload on a slow link", ["Asha"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    first = asha.execute_script(FILES_LOADED)
    assert len(first) >= 50, f"the room page loaded {len(first)} files: {first}"
    unversioned = [f["name"] for f in first if not VERSIONED.search(f["name"])]
    assert not unversioned, f"files loaded outside the client's version: {unversioned}"
    assert len(versions_of(first)) == 1, versions_of(first)
    assert all(f["transferSize"] > 0 for f in first), "a first load came from a cache: nothing to test"

    asha.refresh()
    joined(asha)
    again = asha.execute_script(FILES_LOADED)
    assert sorted(f["name"] for f in again) == sorted(f["name"] for f in first)
    asked = [f["name"] for f in again if f["transferSize"] != 0 or f["decodedBodySize"] == 0]
    assert not asked, f"the reload asked the daemon again for {len(asked)} files, such as {asked[:3]}"
    assert browser_errors(asha) == []


def test_after_an_upgrade_the_next_load_runs_the_new_files(daemon, facilitator, api_ready, browsers, web_copy):
    created = schedule_via_api(daemon, facilitator, "An upgrade between loads", ["Asha"])
    asha = browsers()
    asha.get(invite_of(created, "Asha"))
    joined(asha)
    before = VERSIONED.search(asha.execute_script(ENTRY_SCRIPT)).group(1)
    entry = web_copy / "js" / "join.js"
    original = entry.read_text()
    try:
        entry.write_text(original + "\ndocument.documentElement.dataset.upgraded = 'yes';\n")
        asha.refresh()
        joined(asha)
        after = VERSIONED.search(asha.execute_script(ENTRY_SCRIPT)).group(1)
        assert after != before, "the page links the same version after its files changed"
        assert asha.execute_script("return document.documentElement.dataset.upgraded") == "yes", \
            "the reloaded page runs the old join.js"
        files = asha.execute_script(FILES_LOADED)
        assert versions_of(files) == {after}, versions_of(files)
        kept = [f["name"] for f in files if f["transferSize"] == 0]
        assert not kept, f"{len(kept)} files of the new version came from the cache, such as {kept[:3]}"
    finally:
        entry.write_text(original)
    assert browser_errors(asha) == []
