"""The room display speaks to a room, not to a reviewer (a display audit): nobody at a
projector edits or reads back, so an ended review says only that it has ended, where the
reviewer's page says "You can still read everything"."""
from pages import command, invite_of, joined, schedule_via_api, wait_js, wait_text, wait_until
from room_helpers import open_pages

UP_NEXT = "const n = document.querySelector('[data-testid=up-next]'); return n ? n.textContent : null"
QUESTION_HEADING = "return document.querySelector('[data-testid=question]').parentElement.querySelector('h2').textContent"


def test_an_ended_review_is_said_to_the_room_in_its_own_words(daemon, facilitator, api_ready, browsers):
    created = schedule_via_api(daemon, facilitator, "Ending in the hall", [], template="rapid-remote-90",
                               prompts=[{"text": "Which pupils do you think the disruption affected most?"}],
                               participants=[{"name": "Asha", "role": "reviewer"}, {"name": "Hall", "role": "display"}])
    chair, (room, asha) = open_pages(created, browsers, ["Hall", "Asha"])
    # Before the start the first phase is the headline, and nothing is "Next" (a visual audit:
    # "Next: Host context" under it read as if the first were under way).
    wait_text(room, "[data-testid=phase-title]", "Welcome")
    assert room.execute_script(UP_NEXT) == "", room.execute_script(UP_NEXT)
    assert command(chair, "session.start").get("type") == "ack"
    wait_until(room, lambda d: d.execute_script(UP_NEXT).startswith("Next: "), message="no Next line while running")
    question = created["session"]["prompts"]["deck"][0]
    assert command(chair, "prompt.show", {"prompt": question["id"]}).get("type") == "ack"
    wait_text(room, "[data-testid=question]", question["text"][:30])
    assert command(chair, "session.end").get("type") == "ack"
    # The question still there is the last one shown, not the room's question now (a visual audit).
    for page in (room, asha):
        wait_until(page, lambda d: d.execute_script(QUESTION_HEADING) == "Last question shown",
                   message=f"the question's heading reads {page.execute_script(QUESTION_HEADING)!r} after the end")
    wait_text(room, "#connection-banner", "This review has ended.")
    assert room.find_element("css selector", "#connection-banner").text == "This review has ended."
    wait_text(asha, "#connection-banner", "You can still read everything.")
    # The phase it ended in is the last one, without its purpose: it headlined the last phase in
    # 3rem type with "Agree how we work today…" as if it were under way (a display audit).
    wait_text(room, "[data-testid=phase-title]", "Last phase: ")
    assert room.find_element("css selector", ".display-purpose").text == ""


def test_the_displays_type_grows_with_a_screen_larger_than_1080p(daemon, facilitator, api_ready, browsers):
    """A 4K screen at scale 1 showed the title at 1.5 % of its height (a display audit): every
    rem of the display grows with the screen past 1920x1080, and nothing changes up to it."""
    created = schedule_via_api(daemon, facilitator, "A large screen", [], template="rapid-remote-90",
                               participants=[{"name": "Hall", "role": "display"}])
    room = browsers()
    sizes = {}
    for width, height in ((1280, 720), (1920, 1080), (3840, 2160), (1080, 1920)):
        room.set_window_size(width, height)
        room.get(invite_of(created, "Hall"))
        joined(room)
        sizes[(width, height)] = room.execute_script(
            "return [innerWidth, innerHeight, parseFloat(getComputedStyle(document.documentElement).fontSize)]")
    assert sizes[(1280, 720)][2] == 16 and sizes[(1920, 1080)][2] <= 16.1, sizes
    # The inner viewport is a little smaller than the window: about twice 1080p's type.
    assert sizes[(3840, 2160)][2] >= 28, sizes
    assert sizes[(1080, 1920)][2] == 16, "portrait keeps its layout: " + str(sizes)


def test_a_notice_on_the_display_is_sized_for_the_room(daemon, facilitator, api_ready, browsers):
    """A revoked or deleted display showed a laptop's notice, 16 px text in a small box, to a
    room (a display audit): on the display page a notice's text is as large as the screen allows."""
    created = schedule_via_api(daemon, facilitator, "A revoked display", [], template="rapid-remote-90",
                               participants=[{"name": "Hall", "role": "display"}])
    room = browsers()
    room.set_window_size(1280, 720)
    room.get(invite_of(created, "Hall"))
    joined(room)
    hall = next(i["participant"]["id"] for i in created["invites"] if i["participant"]["name"] == "Hall")
    status, _ = daemon.api("DELETE", f"/sessions/{created['session']['id']}/participants/{hall}", facilitator)
    assert status == 204
    wait_js(room, "return !!document.querySelector('#notice-heading')", message="no notice after the revocation")
    body = room.execute_script("return parseFloat(getComputedStyle(document.querySelector('.notice p')).fontSize)")
    heading = room.execute_script("return parseFloat(getComputedStyle(document.querySelector('#notice-heading')).fontSize)")
    assert body >= 20 and heading >= 32, (body, heading)
    assert room.execute_script("return getComputedStyle(document.body).cursor") == "none"
