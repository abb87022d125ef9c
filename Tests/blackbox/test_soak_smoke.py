"""`make soak` at a tiny scale, each part against its own daemon: Benchmarks/soak/soak.py with two
batches of two whole sessions and one session kept live, and Benchmarks/soak/long_session.py with
3,000 edits and a snapshot every 100 events, so that the first edits' ops leave memory. It checks
that the churn completes with every command acked, that the long session's text is the one
typed, its first edit, resent, is acked with its first rev and not applied again, and an edit
made 2,500 revisions back is applied once; Benchmarks/soak/reconnect_loop.py for 3 seconds, every
reconnect welcomed and the other person's pings answered, and for 5 seconds with reconnects_per_minute
at 60, the loop held to that pace (counted, never refused); and that the figures are read (no
timing or memory assertions: those are what `make soak` is for)."""
import asyncio
import importlib.util
import pathlib
import tempfile

SOAK = pathlib.Path(__file__).resolve().parents[2] / "Benchmarks" / "soak"


def data_directories(prefix):
    """The data directories such a run makes (and must remove) in the temporary directory."""
    return set(pathlib.Path(tempfile.gettempdir()).glob(f"{prefix}*"))


def load_soak(name="soak"):
    spec = importlib.util.spec_from_file_location(name, SOAK / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tiny_soak_completes_with_every_command_acked():
    soak = load_soak()
    before = data_directories("reviewroom-soak-")
    result = asyncio.run(soak.soak(soak.arguments(["--batches", "2", "--per-batch", "2", "--edits", "12", "--live", "1"])))
    assert result["errors"] == 0, soak.SoakClient.refusals
    assert result["sessions"] == 4 and result["batches"] == 2
    assert result["rssAnonKBEnd"] > 0 and result["fdsEnd"] > 0 and result["metricsBytesEnd"] > 0
    # Two whole sessions a batch, every other one erased: the journal held their events.
    assert result["journalRowsMax"] > 0
    assert data_directories("reviewroom-soak-") <= before, "the soak left its data directory behind"


def test_a_short_long_session_keeps_its_text_and_acks_its_first_edit_again_with_its_first_rev():
    long_session = load_soak("long_session")
    before = data_directories("reviewroom-long-")
    result = asyncio.run(long_session.long_session(long_session.arguments(
        ["--edits", "3000", "--every", "500", "--snapshot-every", "100", "--late-by", "2500"])))
    assert result["errors"] == 0
    assert result["textMatches"], "the daemon's note differs from the text typed"
    assert result["repeatAcked"], "the first edit, resent after its op left memory, was not acked with its first rev"
    assert result["lateApplied"] and result["lateBy"] > 1_000, "an edit on a rev out of memory was not applied once"
    assert result["rssAnonKBEnd"] > 0 and result["cpuSecPer1kEdits"] > 0
    assert data_directories("reviewroom-long-") <= before, "the long session left its data directory behind"


def test_a_short_reconnect_loop_is_welcomed_every_time_while_the_other_persons_pings_are_answered():
    reconnect_loop = load_soak("reconnect_loop")
    before = data_directories("reviewroom-reconnect-")
    result = asyncio.run(reconnect_loop.reconnect_soak(reconnect_loop.arguments(["--seconds", "3", "--loops", "2"])))
    assert result["errors"] == 0
    assert result["reconnects"] > 0 and result["pingP50Ms"] > 0
    # One interval per time the link went from offline to online: never more than it reconnected.
    assert 1 <= result["attendanceRows"] <= result["reconnects"] + 1
    assert data_directories("reviewroom-reconnect-") <= before, "the reconnect loop left its data directory behind"


def test_a_reconnect_loop_beyond_reconnects_per_minute_is_slowed_to_its_pace_not_refused():
    reconnect_loop = load_soak("reconnect_loop")
    result = asyncio.run(reconnect_loop.reconnect_soak(reconnect_loop.arguments(
        ["--seconds", "5", "--loops", "2", "--reconnects-per-minute", "60"])))
    assert result["errors"] == 0, "a held hello was refused or the other person's ping failed"
    # 60 at once, then one a second: the window's 5, plus the held hello of each loop let in after it.
    assert 60 <= result["reconnects"] <= 60 + 5 + 2, result
