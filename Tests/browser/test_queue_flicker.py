"""The room display does not flash (BrowserClient.md, "Room display"): a reviewer raising and
lowering a hand as fast as the live limits allow made the projector's queue change dozens of
times a second, over WCAG 2.3.1's three flashes. The queue now changes at most twice a second
(paced-draw.js), and shows the hands as they are once the burst is over."""
import contextlib
import json
import urllib.parse

from websockets.sync.client import connect

from pages import invite_of, joined, run_in_page, schedule_via_api, wait_until


@contextlib.contextmanager
def bot(daemon, hello):
    """A WebSocket protocol client joined with `hello`'s fields, and its participant id, for the `with` block."""
    with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=20, ping_interval=None, max_queue=None) as ws:
        ws.send(json.dumps({"type": "hello", "client": "browser-test/1", **hello}))
        welcome = json.loads(ws.recv(timeout=20))
        assert welcome["type"] == "welcome", welcome
        yield ws, welcome["you"]["id"]


def answer(ws, command_id):
    """The reply to command `command_id`, skipping the events before it."""
    while (reply := json.loads(ws.recv(timeout=20))).get("id") != command_id:
        pass
    return reply


def test_a_paced_part_is_drawn_at_once_then_at_most_once_per_gap(daemon, browsers):
    """paced-draw.js alone, on a clock of the test's own."""
    driver = browsers()
    drawn = run_in_page(
        driver, daemon,
        "import('/js/paced-draw.js').then(({ PacedDraw, PACED_GAP_MS }) => {"
        "  let now = 0; const timers = [], drawn = [];"
        "  const p = new PacedDraw((late) => drawn.push([now, late]), {"
        "    now: () => now, setTimer: (f, ms) => { timers.push([now + ms, f]); return timers.length; } });"
        "  const first = p.request();"                       # t=0: drawn at once
        "  now = 100; const second = p.request();"           # within the gap: waits for t=500
        "  now = 300; p.request(); p.request();"             # more asks: still the one drawing
        "  const waiting = timers.length;"
        "  now = timers[0][0]; timers[0][1]();"              # t=500: drawn once, late
        "  now = 1200; const later = p.request();"           # a gap later: at once again
        "  done({ gap: PACED_GAP_MS, first, second, waiting, drawn, later, timers: timers.length });"
        "});")
    assert drawn["gap"] == 500
    assert drawn["first"] is True and drawn["second"] is False and drawn["later"] is True
    assert drawn["waiting"] == 1 and drawn["timers"] == 1
    assert drawn["drawn"] == [[0, False], [500, True], [1200, False]]


def test_a_hand_flicked_up_and_down_does_not_flash_on_the_room_display(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "A flickering hand", [], template="rapid-remote-90",
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Room", "role": "display"}])
    with bot(daemon, {"facilitatorToken": facilitator, "session": created["session"]["id"]}) as (chair, _):
        chair.send(json.dumps({"type": "session.start", "id": 1}))
        assert answer(chair, 1)["type"] == "ack"
    room = browsers()
    room.get(invite_of(created, "Room"))
    joined(room)
    # Every change of the queue's list, with when it came (one callback per task that changed it).
    room.execute_script(
        "window.queueChanges = [];"
        "new MutationObserver(() => window.queueChanges.push([performance.now(), document.querySelector('[data-testid=queue]').textContent]))"
        "  .observe(document.querySelector('[data-testid=queue]'), { childList: true, subtree: true, characterData: true });")
    token = urllib.parse.unquote(invite_of(created, "Asha").split("#", 1)[1])
    flicks = 25
    with bot(daemon, {"token": token}) as (asha, me):
        for n in range(flicks):
            asha.send(json.dumps({"type": "hand.raise", "id": 2 * n + 1, "kind": "contribution"}))
            asha.send(json.dumps({"type": "hand.lower", "id": 2 * n + 2, "participant": me}))
        last = answer(asha, 2 * flicks)
        assert last["type"] == "ack", last
    # Once the burst is over the display shows the floor as it is: no hand up.
    wait_until(room, lambda d: d.execute_script(
        "return document.querySelectorAll('[data-testid=queue] li').length === 0 && window.queueChanges.length >= 2"),
        message="the display did not show Asha's hand and then the empty queue")
    changes = room.execute_script("return window.queueChanges")
    assert "Asha" in changes[0][1], changes
    gaps = [later[0] - earlier[0] for earlier, later in zip(changes, changes[1:])]
    # 50 changes in a burst; the list changed a few times, each at least the pacing's 500 ms after the one before.
    assert len(changes) < 2 * flicks and min(gaps) >= 450, (len(changes), gaps)
