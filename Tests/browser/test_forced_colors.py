"""Forced colours (Windows High Contrast; `forced-colors: active`) replace background colours, so
the speaking-time bars, a fill drawn in its track by background alone, looked empty for everyone.
The fill and its track keep system colours of their own there. The bars are the same on the
reviewer page and the console (RoomView's people list); checked on the console."""
from conftest import browser_errors
from pages import command, participant_id, start_live_review, wait_js

BAR = """
const fill = document.querySelector(`li[data-participant="${arguments[0]}"] .bar-fill`);
const track = fill.parentElement;
return {fill: getComputedStyle(fill).backgroundColor, track: getComputedStyle(track).backgroundColor,
        width: fill.getBoundingClientRect().width};
"""


def test_speaking_time_bars_stay_visible_in_forced_colours(daemon, facilitator, api_ready, browsers):
    created, console, asha = start_live_review(daemon, facilitator, browsers, "Bars in forced colours", ["Asha"])
    asha_id = participant_id(created, "Asha")
    assert "error" not in command(console, "floor.grant", {"participant": asha_id, "turnSec": 60})
    wait_js(console, "return document.querySelector(`li[data-participant=\"${arguments[0]}\"] .bar-fill`)?.getBoundingClientRect().width > 0",
            asha_id, message="Asha's bar never filled")
    console.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "forced-colors", "value": "active"}]})
    wait_js(console, "return matchMedia('(forced-colors: active)').matches")
    bar = console.execute_script(BAR, asha_id)
    assert bar["width"] > 0 and bar["fill"] != bar["track"], bar
    assert "rgba(0, 0, 0, 0)" not in (bar["fill"], bar["track"]), bar
    console.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    assert browser_errors(console) == [] and browser_errors(asha) == []
