"""What a screen reader hears about the room without flooding (PRODUCT.md, "Humane"; BrowserClient.md,
"Announcements"): the shown question is said when it changes, not again each time another
question is marked discussed or added; and after a drop the events replayed on `resume` are not
said one by one — a reviewer who lost the Wi-Fi for a minute hears where the room is now, once
(the phase, who has the floor, the question), not every stale phase, turn and question; after a
fresh welcome (a backlog longer than the daemon replays) too, where it used to hear nothing.
The drop is a proxy that closes the page's connection and refuses new ones until mended, while
the daemon and the facilitator run on."""
import re

import pytest

from conftest import browser_errors, proxied_daemon
from pages import command, connection_banner, invite_of, joined, participant_id, schedule_via_api, spoken_seconds, wait_js, wait_until
from room_helpers import facilitator_invite, proxied_room, room_with, said_log, settled, wait_said

RECONNECT_NOISE = ("WebSocket connection to", "net::ERR_")


def said_since(driver, mark):
    return said_log(driver)[mark:]


def test_the_shown_question_is_said_when_it_changes_and_only_then(daemon, facilitator, api_ready, browsers):
    _, chair, pages = room_with(daemon, facilitator, browsers, "The question is said once", ["Asha"])
    asha = pages["Asha"]
    deck = asha.execute_script("return window.reviewroom.model.session.prompts.deck.map((p) => p.id)")
    shown = asha.execute_script("return window.reviewroom.model.session.prompts.deck[0].text")
    assert "error" not in command(chair, "prompt.show", {"prompt": deck[0]})
    wait_said(asha, f"Question: {shown}")

    # Marking another question discussed, or adding one, sends the whole deck again: nothing new to say.
    assert "error" not in command(chair, "prompt.discussed", {"prompt": deck[1], "discussed": True})
    assert "error" not in command(chair, "prompt.add", {"text": "What would you keep?"})
    settled(asha)
    assert said_log(asha).count(f"Question: {shown}") == 1, said_log(asha)

    # Reworded through the HTTP API (session.changed carries the deck): the new wording is said.
    reworded = [dict(q, text="What did the school learn that it wants to keep?") if q["id"] == deck[0] else q
                for q in asha.execute_script("return window.reviewroom.model.session.prompts.deck")]
    session = asha.execute_script("return window.reviewroom.model.session.id")
    status, body = daemon.api("PATCH", f"/sessions/{session}", facilitator, {"prompts": reworded})
    assert status == 200, body
    wait_said(asha, "Question: What did the school learn that it wants to keep?")

    # Hiding it is said (the panel now says "No question shown").
    assert "error" not in command(chair, "prompt.hide")
    wait_said(asha, "The question is no longer shown")
    assert browser_errors(asha) == [] and browser_errors(chair) == []


def test_after_a_drop_the_room_as_it_is_now_is_said_once_not_each_replayed_event(proxied, browsers):
    daemon, proxy, facilitator = proxied
    created = schedule_via_api(daemon, facilitator, "Catching up after a drop", ["Asha", "Ben", "Cy"])
    status, made = daemon.api("POST", f"/sessions/{created['session']['id']}/participants", facilitator,
                              {"name": "Hall screen", "role": "display"})
    assert status == 201, made
    through_proxy = lambda url: url.replace(f":{daemon.port}/", f":{proxy.port}/")
    chair, asha, display = browsers(), browsers(), browsers()
    chair.get(facilitator_invite(created))
    asha.get(through_proxy(invite_of(created, "Asha")))
    display.get(through_proxy(made["url"]))
    for page in (chair, asha, display):
        joined(page)
    ids = {name: participant_id(created, name) for name in ("Asha", "Ben", "Cy")}
    deck = chair.execute_script("return window.reviewroom.model.session.prompts.deck")
    agenda = chair.execute_script("return window.reviewroom.model.session.agenda.map((p) => p.title)")
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    wait_js(display, "return window.reviewroom.model.session.clock.status === 'live'")

    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="Asha's page never noticed the drop")
    # "Lost" is said only once the drop has lasted LOST_GRACE_MS: the mark goes after it.
    wait_said(display, "Connection lost – reconnecting…")
    asha_mark, display_mark = len(said_log(asha)), len(said_log(display))
    # A minute of the review goes on without them: turns, questions, two phase moves, a pause.
    for type_, fields in [("floor.grant", {"participant": ids["Ben"], "turnSec": 30}),
                          ("prompt.show", {"prompt": deck[0]["id"]}), ("prompt.show", {"prompt": deck[1]["id"]}),
                          ("hand.raise", {"kind": "contribution", "participant": ids["Cy"]}),
                          ("floor.grant", {"participant": ids["Cy"]}), ("phase.next", {}), ("phase.next", {}),
                          ("clock.pause", {}), ("clock.resume", {}),
                          ("floor.grant", {"participant": ids["Asha"]}), ("prompt.show", {"prompt": deck[2]["id"]})]:
        assert "error" not in command(chair, type_, fields), type_
    proxy.mend()

    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.connection.replaying", timeout=40)
    wait_said(asha, "You have the floor")
    wait_said(asha, f"Now: {agenda[2]}. Question: {deck[2]['text']}")
    settled(asha)
    assert said_since(asha, asha_mark) == ["Reconnected", "You have the floor", f"Now: {agenda[2]}. Question: {deck[2]['text']}"]
    # The display says the phase it is in now, once, not the phase it passed through.
    wait_js(display, "return window.reviewroom.connection.online && !window.reviewroom.connection.replaying", timeout=40)
    wait_said(display, f"Now: {agenda[2]}")
    assert said_since(display, display_mark) == ["Reconnected", f"Now: {agenda[2]}"]

    for page in (asha, display):
        assert [e for e in browser_errors(page) if not any(n in e for n in RECONNECT_NOISE)] == []


def test_after_a_drop_the_speaker_hears_what_is_left_of_a_turn_whose_end_moved(proxied, browsers):
    """Asha has the floor for two minutes when her Wi-Fi drops; meanwhile the facilitator pauses,
    resumes and gives her turn five minutes. Back, she hears what is left of it, once, as she
    would have live, not each replayed change."""
    proxy = proxied[1]
    created, chair, asha = proxied_room(proxied, browsers, "A turn that moved during a drop", ["Asha", "Ben"])
    assert "error" not in command(chair, "session.start")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 120})
    wait_said(asha, "You have the floor for 2 minutes")

    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="Asha's page never noticed the drop")
    mark = len(said_log(asha))
    for type_, fields in [("clock.pause", {}), ("clock.resume", {}),
                          ("floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 300})]:
        assert "error" not in command(chair, type_, fields), type_
    proxy.mend()

    wait_js(asha, "return window.reviewroom.connection.online && !window.reviewroom.connection.replaying", timeout=40)
    turn_left = re.compile(r"^Your turn: ((?:\d+ (?:hour|minute|second)s? ?)+) left$")
    wait_until(asha, lambda d: any(turn_left.match(text) for text in said_since(d, mark)),
               message=f"Asha never heard her turn's time left (said {said_since(asha, mark)!r})")
    settled(asha)
    said = said_since(asha, mark)
    assert said[0] == "Reconnected" and len(said) == 2, said
    assert 120 < spoken_seconds(turn_left.match(said[1]).group(1)) <= 300, said  # the new length, not the old one
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


@pytest.fixture(scope="module")
def short_replay():
    """A proxied daemon that replays at most 32 KiB after a drop (half its outbox limit): a longer
    backlog gets a fresh `welcome` instead of `resumed`."""
    with proxied_daemon(REVIEWROOM_OUTBOX_LIMIT_BYTES="65536") as parts:
        yield parts


def test_after_a_drop_too_long_to_replay_the_fresh_welcome_says_the_room_as_it_is_now(short_replay, browsers):
    proxy = short_replay[1]
    created, chair, asha = proxied_room(short_replay, browsers, "Catching up from a fresh welcome", ["Asha", "Ben"])
    deck = chair.execute_script("return window.reviewroom.model.session.prompts.deck")
    agenda = chair.execute_script("return window.reviewroom.model.session.agenda.map((p) => p.title)")
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    asha.execute_script("window.__before = window.reviewroom.model.session")

    proxy.cut()
    wait_until(asha, lambda d: connection_banner(d)["text"] != "", message="Asha's page never noticed the drop")
    mark = len(said_log(asha))
    # Every question shown in turn (each prompts.changed carries the whole deck): more than the
    # daemon replays; then a phase move and a turn for Ben.
    for _ in range(2):
        for prompt in deck:
            assert "error" not in command(chair, "prompt.show", {"prompt": prompt["id"]})
    assert "error" not in command(chair, "phase.next")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Ben")})
    proxy.mend()

    wait_js(asha, "return window.reviewroom.connection.online", timeout=40)
    wait_said(asha, f"Now: {agenda[1]}. Ben has the floor. Question: {deck[-1]['text']}")
    settled(asha)
    assert said_since(asha, mark) == ["Reconnected", f"Now: {agenda[1]}. Ben has the floor. Question: {deck[-1]['text']}"]
    # Said together (GATHER_MS), as sentences: not the run-on "Reconnected Now: …".
    expected = f"Reconnected. Now: {agenda[1]}. Ben has the floor. Question: {deck[-1]['text']}"
    wait_until(asha, lambda d: d.execute_script("return document.querySelector('.visually-hidden[role=status]').textContent") == expected,
               message="the polite region never read the catch-up as one message")
    # It was a fresh welcome (a new snapshot), not a replay.
    assert asha.execute_script("return window.reviewroom.model.session !== window.__before")
    assert [e for e in browser_errors(asha) if not any(n in e for n in RECONNECT_NOISE)] == []


# The laptop sleeps for 12 s just as the next event reaches the page: a busy loop holds its one
# thread before that event is read, so no timer fires and what the socket brings meanwhile waits.
SLEEP_AT_NEXT_EVENT = """
const c = window.reviewroom.connection;
c.receive = (data) => {
  if (JSON.parse(data).type === 'event') {
    delete c.receive;
    const end = Date.now() + 12000;
    while (Date.now() < end) { /* asleep */ }
  }
  Object.getPrototypeOf(c).receive.call(c, data);
};"""


def test_news_that_waited_while_the_laptop_slept_is_said_once_as_it_is_now(daemon, facilitator, api_ready, browsers):
    """A sleep probe: while Asha's laptop slept the phase moved on and she was given the floor for
    a turn that ended; on waking her page read the waiting events as live and said "You have the
    floor for 5 seconds". Now what came meanwhile is said once, as the room is now."""
    created, chair, pages = room_with(daemon, facilitator, browsers, "News held during a sleep", ["Asha"])
    asha = pages["Asha"]
    agenda = chair.execute_script("return window.reviewroom.model.session.agenda.map((p) => p.title)")
    assert "error" not in command(chair, "session.start")
    wait_js(asha, "return window.reviewroom.model.session.clock.status === 'live'")
    settled(asha)
    mark = len(said_log(asha))
    asha.execute_script(SLEEP_AT_NEXT_EVENT)
    assert "error" not in command(chair, "phase.next")
    assert "error" not in command(chair, "floor.grant", {"participant": participant_id(created, "Asha"), "turnSec": 5})
    wait_js(chair, "return window.reviewroom.model.session.floor.turnEndsAt !== null"
                   " && Date.parse(window.reviewroom.model.session.floor.turnEndsAt) < window.reviewroom.connection.serverNow()",
            timeout=30, message="Asha's turn never ran out")
    wait_said(asha, "You were given the floor, and your turn time is over")
    settled(asha)
    assert said_since(asha, mark) == ["You were given the floor, and your turn time is over", f"Now: {agenda[1]}"]
    assert browser_errors(asha) == []
