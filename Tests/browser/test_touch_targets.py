"""A facilitator on a tablet, by touch (a probe): buttons 32 px high in the header, 13 px check
boxes in the round order. On a touch screen (`pointer: coarse`) every button, field and select
of the console's live view is at least 44 CSS px high (WCAG 2.5.5) and check boxes are 24 px;
a mouse-driven desktop keeps its denser layout."""
from console_helpers import started_console

SMALL = """
const out = [];
for (const n of document.querySelectorAll('button, select, input')) {
  const r = n.getBoundingClientRect(), cs = getComputedStyle(n);
  if (!r.width || !r.height || cs.visibility === 'hidden' || n.closest('.visually-hidden')) continue;
  const box = n.matches('input[type=checkbox], input[type=radio]');
  if (box ? (r.width < 23.5 || r.height < 23.5) : r.height < 43.5) out.push([n.tagName, n.id || n.className || n.textContent.trim().slice(0, 20), Math.round(r.width), Math.round(r.height)]);
}
return out;
"""


def test_every_control_is_big_enough_for_a_finger_on_a_touch_screen(daemon, facilitator, api_ready, browsers):
    created, console = started_console(daemon, facilitator, browsers, "Run by touch", ["Asha", "Ben"])
    console.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True, "maxTouchPoints": 5})
    console.set_window_size(1024, 768)
    console.execute_script("document.getElementById('control-round-order')?.setAttribute('open', '')")
    assert console.execute_script("return matchMedia('(pointer: coarse)').matches")
    assert console.execute_script(SMALL) == []

    console.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": False})
    assert not console.execute_script("return matchMedia('(pointer: coarse)').matches")
    assert console.execute_script(SMALL) != [], "a desktop keeps its denser controls"
