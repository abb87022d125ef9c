"""The room display keeps the screen on (a probe: a tablet propped up as the room's clock would
dim and lock mid-review). It asks the Screen Wake Lock API for a lock as it opens, and again
when it is shown after being hidden (a lock is let go then). The API is stubbed here, recording
calls: headless Chromium has no screen to keep on."""
from pages import invite_of, joined, schedule_via_api, wait_js

STUB = """
window.__wakeLocks = [];
Object.defineProperty(navigator, 'wakeLock', { configurable: true, value: {
  request: (type) => {
    const sentinel = new EventTarget();
    sentinel.release = () => { sentinel.dispatchEvent(new Event('release')); return Promise.resolve(); };
    window.__wakeLocks.push({ type, sentinel });
    return Promise.resolve(sentinel);
  } } });
"""


def test_the_display_asks_to_keep_the_screen_on_and_asks_again_when_shown(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A propped-up tablet", [], template="rapid-remote-90",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    room = browsers()
    room.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": STUB})
    room.get(invite_of(created, "Room"))
    joined(room)
    wait_js(room, "return window.__wakeLocks.length === 1 && window.__wakeLocks[0].type === 'screen' && window.reviewroom.screenAwake()",
            message="the display never asked to keep the screen on")
    # Hidden, the browser lets the lock go; shown again, the page asks anew.
    room.execute_script("window.__wakeLocks[0].sentinel.release()")
    wait_js(room, "return !window.reviewroom.screenAwake()")
    room.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
    wait_js(room, "return window.__wakeLocks.length === 2 && window.reviewroom.screenAwake()",
            message="the display did not ask again once shown")
    room.execute_script("document.dispatchEvent(new Event('visibilitychange'))")
    assert room.execute_script("return window.__wakeLocks.length") == 2, "asked again while holding a lock"
