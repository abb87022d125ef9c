"""The pure rules of the console's Undo (js/phase-undo-rules.js), run in Chromium: what the phase
left had at the move, the extension that gives it back (whole seconds, within ±3600 s, none for
overtime beyond bringing it back to time-up) and what the move cleared."""
from conftest import browser_errors


def rules(driver, script):
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        f"import('/js/phase-undo-rules.js').then((m) => done({script}), (e) => done({{error: String(e)}}));")


def test_the_extension_that_gives_a_phase_its_time_back(daemon, browsers):
    driver = browsers()
    driver.get(daemon.base + "/")
    result = rules(driver, "{"
                   "  shorter: m.extensionFor(345.6, 600), same: m.extensionFor(600.2, 600), longer: m.extensionFor(900, 600),"
                   "  overtime: m.extensionFor(-120, 600), pastMax: m.extensionFor(5000, 600), pastMin: m.extensionFor(100, 4000),"
                   "  running: m.remainingAtMove({status: 'live', endsAt: '2026-12-01T09:40:00Z'},"
                   "    {phaseStartedAt: '2026-12-01T09:34:00.500Z'}, '2026-12-01T09:34:00.600Z'),"
                   "  fromAt: m.remainingAtMove({status: 'live', endsAt: '2026-12-01T09:40:00Z'}, {}, '2026-12-01T09:39:00Z'),"
                   "  paused: m.remainingAtMove({status: 'paused', remainingSec: 12.5, endsAt: null}, {}),"
                   "  unknown: m.remainingAtMove({status: 'paused'}, {}),"
                   "  cleared: m.clearedByMove({speaker: 'p1', queue: [{}, {}], round: null}),"
                   "  nothing: m.clearedByMove({speaker: null, queue: [], round: null}),"
                   "}")
    assert result == {
        "shorter": {"seconds": -254, "shortBy": 0, "overtimeSec": 0},
        "same": {"seconds": 0, "shortBy": 0, "overtimeSec": 0},
        "longer": {"seconds": 300, "shortBy": 0, "overtimeSec": 0},
        "overtime": {"seconds": -600, "shortBy": 0, "overtimeSec": 120},
        "pastMax": {"seconds": 3600, "shortBy": 800, "overtimeSec": 0},
        "pastMin": {"seconds": -3600, "shortBy": 300, "overtimeSec": 0},
        "running": 359.5, "fromAt": 60, "paused": 12.5, "unknown": None,
        "cleared": {"hands": 2, "speaker": "p1", "round": False},
        "nothing": {"hands": 0, "speaker": None, "round": False},
    }
    assert browser_errors(driver) == []
