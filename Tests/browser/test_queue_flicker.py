"""The room display and the room pages do not flash (BrowserClient.md): a reviewer raising and
lowering a hand as fast as the live limits allow made the projector's queue, and every other
room page's, change dozens of times a second, over WCAG 2.3.1's three flashes. The queue now
changes at most twice a second (paced-draw.js), and shows the hands as they are once the burst
is over."""
import contextlib
import json
import urllib.parse

from selenium.webdriver.common.by import By
from websockets.sync.client import connect

from pages import invite_of, joined, run_in_page, schedule_via_api, wait_text, wait_until


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


def test_a_paced_copy_takes_a_different_value_at_once_then_at_most_once_per_gap(daemon, browsers):
    """paced-draw.js's PacedCopy (the queue the display and the room pages list), on the test's clock."""
    driver = browsers()
    seen = run_in_page(
        driver, daemon,
        "import('/js/paced-draw.js').then(({ PacedCopy }) => {"
        "  let now = 0, value = [], redraws = 0; const timers = [];"
        "  const copy = new PacedCopy([], () => value, () => { redraws += 1; }, {"
        "    now: () => now, setTimer: (f, ms) => { timers.push([now + ms, f]); return timers.length; } });"
        "  const same = copy.update();"                                   # equal to the initial: nothing to take
        "  value = ['a']; now = 10; const first = copy.update().slice();"  # different: taken at once
        "  value = []; now = 100; const held = copy.update().slice();"      # within the gap: still ['a']
        "  value = ['b']; now = 200; copy.update();"                        # the one timer takes what is current then
        "  now = timers[0][0]; timers[0][1]();"
        "  done({ same, first, held, late: copy.shown, redraws, timers: timers.length });"
        "});")
    assert seen == {"same": [], "first": ["a"], "held": ["a"], "late": ["b"], "redraws": 1, "timers": 1}


QUEUE_TEXT = "return document.querySelector('[data-testid=queue]')?.textContent"


def queue_changes_during_flicks(daemon, created, page, flicks=25):
    """Asha's hand goes up and, once `page` lists it, down and up again `flicks` times and down
    at last, each command sent as soon as the one before was answered (the live limits allow
    it; the burst spans many of the page's frames); returns each change of the page's queue
    text with when it came, once the page lists no hand again. The whole page is watched: a
    room page's Floor panel replaces its empty-queue line with a list."""
    token = urllib.parse.unquote(invite_of(created, "Asha").split("#", 1)[1])
    with bot(daemon, {"token": token}) as (asha, me):
        commands = [{"type": "hand.raise", "kind": "contribution"}]
        for n in range(flicks):
            commands += [{"type": "hand.lower", "participant": me}, {"type": "hand.raise", "kind": "contribution"}]
        commands.append({"type": "hand.lower", "participant": me})
        for command_id, command in enumerate(commands, start=1):
            asha.send(json.dumps({**command, "id": command_id}))
            reply = answer(asha, command_id)
            assert reply["type"] == "ack", reply
            if command_id == 1:
                wait_until(page, lambda d: "Asha" in (d.execute_script(QUEUE_TEXT) or ""), message="Asha's hand was never listed")
                page.execute_script(
                    "window.queueChanges = []; let last = document.querySelector('[data-testid=queue]')?.textContent;"
                    "new MutationObserver(() => { const now = document.querySelector('[data-testid=queue]')?.textContent;"
                    "  if (now !== last) { last = now; window.queueChanges.push([performance.now(), now]); } })"
                    "  .observe(document.body, { childList: true, subtree: true, characterData: true });")
    # Once the burst is over the page shows the floor as it is: no hand up.
    wait_until(page, lambda d: d.execute_script("return document.querySelectorAll('[data-testid=queue] li').length === 0"),
               message="the page did not list the empty queue after the burst")
    return page.execute_script("return window.queueChanges")


def assert_paced(changes):
    gaps = [later[0] - earlier[0] for earlier, later in zip(changes, changes[1:])]
    # 51 changes over many frames; the list changed at least once (to the empty queue), each
    # change at least the pacing's 500 ms after the one before (before pacing, a frame apart).
    assert changes and "Asha" not in changes[-1][1], changes
    assert all(gap >= 450 for gap in gaps), (len(changes), gaps)


def page_of_live_review(daemon, facilitator, browsers, title, watcher):
    """A started review of Asha and `watcher` (`{name, role}`), and `watcher`'s page, joined."""
    created = schedule_via_api(daemon, facilitator, title, [], template="rapid-remote-90",
                               participants=[{"name": "Asha", "role": "reviewer"}, watcher])
    with bot(daemon, {"facilitatorToken": facilitator, "session": created["session"]["id"]}) as (chair, _):
        chair.send(json.dumps({"type": "session.start", "id": 1}))
        assert answer(chair, 1)["type"] == "ack"
    page = browsers()
    page.get(invite_of(created, watcher["name"]))
    joined(page)
    return created, page


def test_a_hand_flicked_up_and_down_does_not_flash_on_the_room_display(daemon, facilitator, api_ready, browsers):
    created, room = page_of_live_review(daemon, facilitator, browsers, "A flickering hand", {"name": "Room", "role": "display"})
    assert_paced(queue_changes_during_flicks(daemon, created, room))


def test_a_hand_flicked_up_and_down_does_not_flash_on_the_others_room_pages(daemon, facilitator, api_ready, browsers):
    """The same on another reviewer's page (its Floor panel's queue); only the list is paced:
    Bo's own hand, raised afterwards, is listed and Bo's button offers to lower it."""
    created, bo = page_of_live_review(daemon, facilitator, browsers, "A flickering hand seen by Bo", {"name": "Bo", "role": "reviewer"})
    assert_paced(queue_changes_during_flicks(daemon, created, bo))
    bo.find_element(By.ID, "raise-hand").click()
    wait_until(bo, lambda d: d.find_element(By.ID, "raise-hand").text == "Lower hand",
               message="Bo's own button did not follow Bo's raised hand")
    wait_text(bo, "[data-testid=queue]", "Bo")
