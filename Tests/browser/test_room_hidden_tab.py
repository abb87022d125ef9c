"""A room page in a background tab does not pile up announcements (BrowserClient.md,
"Announcements"): Chromium runs no animation frames in a hidden tab, so everything the page said
meanwhile waited for the frame that writes the live region, and a reviewer who came back to the
tab heard the whole backlog at once — every stale phase, speaker and question. Now the room is
summed up once on return, as after a drop ("Now: …"), and a signal that came meanwhile is not said.

The tab is hidden for real: the reviewer's browser opens a second tab (the first one's
`document.visibilityState` becomes `hidden`) and switching back makes it visible again. The hidden
page answers on a BroadcastChannel how far it has read, so the test waits for the events to
reach it without looking at (and so showing) the tab."""
import pytest

from conftest import browser_errors
from pages import command, participant_id, wait_until
from room_helpers import room_with, said_log, settled

POLITE = ".visually-hidden[role=status][aria-live=polite]"
# Installed in the room page: answers every message on the channel with what it has received.
RESPONDER = ("const channel = new BroadcastChannel('room-probe');"
             "channel.onmessage = () => channel.postMessage({seq: window.reviewroom.connection.seq,"
             " signals: window.reviewroom.room.signals.length, hidden: document.hidden});")
# Run in the other tab: asks until the room page has seen `seq` and `signals`, then returns its answer.
ASK = ("const [seq, signals, done] = arguments; const channel = new BroadcastChannel('room-probe');"
       "channel.onmessage = (e) => {"
       "  if (e.data.seq >= seq && e.data.signals >= signals) { channel.close(); done(e.data); }"
       "  else setTimeout(() => channel.postMessage('?'), 50); };"
       "channel.postMessage('?');")


@pytest.mark.full_chromium
def test_a_tab_brought_back_hears_the_room_once_not_the_backlog(daemon, facilitator, api_ready, browsers):
    created, chair, pages = room_with(daemon, facilitator, browsers, "Back from another tab", ["Asha", "Ben"])
    asha, ben = pages["Asha"], pages["Ben"]
    agenda = [phase["title"] for phase in created["session"]["agenda"]]
    question = created["session"]["prompts"]["deck"][0]
    assert "error" not in command(chair, "session.start")
    settled(asha)
    asha.execute_script(RESPONDER)
    room_tab = asha.current_window_handle
    before = len(said_log(asha))

    asha.switch_to.new_window("tab")
    asha.get(daemon.base + "/")
    for step in (("phase.next", {}), ("phase.next", {}), ("prompt.show", {"prompt": question["id"]}),
                 ("floor.grant", {"participant": participant_id(created, "Ben"), "turnSec": 300})):
        last = command(chair, *step)
        assert "error" not in last, (step, last)
    assert "error" not in command(ben, "signal", {"kind": "agree"})
    seen = asha.execute_async_script(ASK, last["seq"], 1)
    assert seen["hidden"] is True, seen

    asha.switch_to.window(room_tab)
    summary = f"Now: {agenda[2]}. Ben has the floor. Question: {question['text']}"
    wait_until(asha, lambda d: d.execute_script(f"return document.querySelector('{POLITE}').textContent"),
               message="nothing was said on coming back to the tab")
    polite = asha.execute_script(f"return document.querySelector('{POLITE}').textContent")
    assert polite == summary, polite
    said = said_log(asha)[before:]
    assert f"Now: {agenda[1]}" not in said and not any("Agree" in text for text in said), said
    assert browser_errors(asha) == [] and browser_errors(chair) == []
