"""Catching up a long backlog of note ops after a drop (BrowserClient.md, "Reconnecting"). A
network-fault probe had a reviewer away for about a minute while others made 6,000 small edits
in a 200 KB note: on `resume` the page drew each replayed op into the textarea one by one, its
main thread blocked for tens of seconds at a time, its own 10 s ping rule took the connection
for lost, and it reconnected and blocked again, four times over (191 s to be in step). Now the
replayed ops are kept until the replay is over and applied at once, the editor drawn once.

Here the page's connection goes through a proxy that is cut; the reviewer types while cut off;
Ben makes 2,500 edits to an 80,000-unit note over the protocol; the network comes back. The
page must not drop its connection while catching up, must end with the server's text (Ben's
edits and hers, hers where she typed it), her caret after what she typed, and her next keys
must land there. No timing is asserted: the catch-up is waited for, not timed."""
import json
import random

from selenium.webdriver.common.by import By
from websockets.sync.client import connect

from conftest import browser_errors, proxied_daemon
from pages import apply_op, connection_banner, invite_of, joined, note_get, schedule_via_api, shown_note, wait_js, wait_until
from room_helpers import press
from test_resend_after_reconnect import COUNT_WELCOMES, RECONNECT_NOISE, welcomes

NOTE_UNITS = 80_000
EDITS = 2_500
LINE = "Pupils read widely and talk about the books they chose with real enthusiasm.\n"
MARKER = "[Asha's point]"
TYPED_OFFLINE = " typed offline"
TYPED_AFTER = " and after"
# Closes of the page's connection once it has joined again (a drop by its own ping rule counts).
COUNT_CLOSES = "window.__closes = 0; window.reviewroom.connection.addCloseListener(() => { window.__closes += 1; });"


def at(position, length, component):
    """An op on a text of `length` units doing `component` (an insert or -1) at `position`."""
    after = length - position - (1 if component == -1 else 0)
    return ([position] if position else []) + [component] + ([after] if after else [])


class Ben:
    """Ben editing the note over his own protocol connection `ws` (straight to the daemon, not through the proxy)."""

    def __init__(self, ws, token):
        self.ws = ws
        ws.send(json.dumps({"type": "hello", "token": token, "client": "browser-test/1"}))
        welcome = self.reply(lambda m: m["type"] == "welcome")
        note = welcome["session"]["notes"][0]
        self.note, self.rev, self.text, self.sent = note["id"], note["rev"], note["text"], 0

    def reply(self, match):
        while True:
            message = json.loads(self.ws.recv(timeout=30))
            if match(message):
                return message

    def edit(self, ops):
        """Sends `ops` one after another (each on the revision the one before makes), then waits for every ack."""
        first = self.sent + 1
        for op in ops:
            self.sent += 1
            self.ws.send(json.dumps({"type": "note.edit", "id": self.sent, "note": self.note, "rev": self.rev,
                                     "opId": f"ben-{self.sent}", "op": op}))
            self.rev += 1
            self.text = apply_op(self.text, op)
        for _ in ops:
            ack = self.reply(lambda m: m["type"] in ("ack", "error") and m.get("id", 0) >= first)
            assert ack["type"] == "ack", ack


def backlog(length, caret, count):
    """`count` small edits to a text of `length` units: one-letter inserts anywhere (every 50th
    exactly at `caret`), every fifth a one-unit delete, none inside the MARKER that ends at
    `caret`. Returns (ops, where `caret` is after them: inserts at it push it right)."""
    rng = random.Random(7)
    ops, marker = [], caret - len(MARKER)
    for k in range(count):
        position = caret if k % 50 == 0 else rng.randrange(length + 1)
        if k % 5 == 4 and position < length and not marker <= position < caret:
            ops.append(at(position, length, -1))
            length -= 1
            caret -= position < caret
        elif not marker < position < caret:
            inserted = "zz " if k % 7 == 0 else "z"
            ops.append(at(position, length, inserted))
            length += len(inserted)
            caret += len(inserted) if position <= caret else 0
    return ops, caret


def test_a_long_replay_of_note_ops_is_caught_up_without_dropping_the_connection(browsers):
    # The note cap raised for an 80,000-unit note; Ben's edits go out in one burst.
    with proxied_daemon(REVIEWROOM_MAX_NOTE_UNITS=str(2 * NOTE_UNITS), REVIEWROOM_MESSAGES_PER_SECOND="5000",
                        REVIEWROOM_MESSAGE_BURST="10000") as (daemon, proxy, facilitator):
        created = schedule_via_api(daemon, facilitator, "A long backlog of note edits", ["Asha", "Ben"])
        with connect(daemon.ws_url, subprotocols=["reviewroom.v1"], open_timeout=20, max_size=None) as ws:
            ben = Ben(ws, invite_of(created, "Ben").split("#", 1)[1])
            lines = LINE * (NOTE_UNITS // len(LINE))
            middle = len(lines) // 2
            text = lines[:middle] + MARKER + lines[middle:]
            text += "y" * (NOTE_UNITS - len(text))
            # In pieces of 20,000 units (a message stays under the server's 64 KiB).
            ben.edit([at(start, start, text[start:start + 20000]) for start in range(0, len(text), 20000)])
            assert ben.text == text
            caret = middle + len(MARKER)

            asha = browsers()
            # A page that blocks (as this one did, for half a minute at a time) answers each of the
            # waits' scripts late, not never: the test then fails on what happened, not on a script timeout.
            asha.set_script_timeout(300)
            asha.get(invite_of(created, "Asha").replace(f":{daemon.port}/", f":{proxy.port}/"))
            joined(asha)
            area = asha.find_element(By.ID, f"note-{ben.note}")
            wait_until(asha, lambda d: shown_note(d, ben.note) == text, message="the page never showed the note")
            asha.execute_script("arguments[0].focus(); arguments[0].setSelectionRange(arguments[1], arguments[1]);", area, caret)
            asha.execute_script(COUNT_WELCOMES)

            proxy.cut()
            wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="Asha's page never noticed the drop")
            asha.execute_script(COUNT_CLOSES)
            press(asha, TYPED_OFFLINE)
            wait_js(asha, "return window.reviewroom.notesView.hasUnsynced", message="what Asha typed offline was not kept")
            ops, caret_after = backlog(len(text), caret, EDITS)
            ben.edit(ops)
            expected = ben.text[:caret_after] + TYPED_OFFLINE + ben.text[caret_after:]
            proxy.mend()

            # Caught up (online, the replay over, her edit saved) or dropped again, whichever comes first.
            wait_until(asha, lambda d: d.execute_script(
                "const r = window.reviewroom, c = r.connection;"
                "return window.__closes > 0 || (c.online && !c.replaying && !r.notesView.hasUnsynced);"), timeout=300,
                message="the page never caught up")
            assert asha.execute_script("return window.__closes") == 0, \
                "the page dropped its connection while catching up (its own ping rule: the main thread was blocked)"
            assert welcomes(asha) == 0, "the page got a fresh welcome: the test did not replay anything"
            assert note_get(asha, ben.note)["text"] == expected, "the server's note is not Ben's edits with Asha's where she typed it"
            assert shown_note(asha, ben.note) == expected, "the page does not show the server's note"
            end = caret_after + len(TYPED_OFFLINE)
            assert asha.execute_script("return [arguments[0].selectionStart, arguments[0].selectionEnd, document.activeElement === arguments[0]]",
                                       area) == [end, end, True], "Asha's caret is not after what she typed"

            press(asha, TYPED_AFTER)
            after = expected[:end] + TYPED_AFTER + expected[end:]
            wait_until(asha, lambda d: note_get(d, ben.note)["text"] == after,
                       message="what Asha typed after the catch-up did not land after what she typed before")
            assert shown_note(asha, ben.note) == after
            assert asha.execute_script("return window.__closes") == 0
            assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []
