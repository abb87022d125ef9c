"""`make soak` (Benchmarks/soak/soak.py) at a tiny scale: two batches of two whole sessions and one
session kept live, against its own daemon. It checks only that the churn completes with every
command acked and that the figures it reports are read (no timing or memory assertions: those
are what `make soak` is for)."""
import asyncio
import importlib.util
import pathlib

SOAK = pathlib.Path(__file__).resolve().parents[2] / "Benchmarks" / "soak" / "soak.py"


def load_soak():
    spec = importlib.util.spec_from_file_location("soak", SOAK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_tiny_soak_completes_with_every_command_acked():
    soak = load_soak()
    result = asyncio.run(soak.soak(soak.arguments(["--batches", "2", "--per-batch", "2", "--edits", "12", "--live", "1"])))
    assert result["errors"] == 0, soak.SoakClient.refusals
    assert result["sessions"] == 4 and result["batches"] == 2
    assert result["rssAnonKBEnd"] > 0 and result["fdsEnd"] > 0 and result["metricsBytesEnd"] > 0
    # Two whole sessions a batch, every other one erased: the journal held their events.
    assert result["journalRowsMax"] > 0
