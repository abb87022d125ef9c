extension AgendaTemplate {
    /// *Partially remote review (in-room + remote)*: some people in a room, some at home, 2 hours.
    public static let partiallyRemote120 = AgendaTemplate(
        id: "partially-remote-120",
        title: "Partially remote review, in-room and remote (2 hours)",
        description: "A review with some people together in the host school and others joining from home; "
            + "turn-taking is queued and rounds alternate so that remote voices are not lost.",
        phases: [
            phase("welcome", "Welcome, room and remote", .briefing, minutes: 10, .open,
                  purpose: "Check everyone can see and hear; agree ground rules: curious, non-judgemental, coaching."),
            phase("host-context", "Host context and enquiry focus", .briefing, minutes: 15, .queue,
                  purpose: "The host school sets out its context and focus; remote reviewers raise hands to ask."),
            phase("clarifying", "Clarifying questions", .enquiry, minutes: 10, .queue,
                  purpose: "Questions from remote reviewers first, then from the room."),
            phase("evidence", "Evidence and enquiry questions", .evidence, minutes: 30, .queue,
                  purpose: "Explore the focus through the enquiry questions; the room describes what it sees."),
            phase("break", "Break", .break, minutes: 10, .open, .advance,
                  purpose: "A break for everyone, in the room and at home."),
            phase("reflections", "Reviewer reflections", .round, minutes: 20, .round,
                  purpose: "Each reviewer in turn, room and remote alternating, shares what they noticed."),
            phase("coaching", "Coaching conversation", .discussion, minutes: 12, .queue,
                  purpose: "The host leads; the facilitator keeps the floor fair between room and screen."),
            phase("actions", "Actions and next steps", .actions, minutes: 10, .open,
                  purpose: "The host school names its actions and who will support them."),
            phase("close", "Close and check-out", .reflection, minutes: 3, .round, .advance,
                  purpose: "A word each on how the review felt."),
        ])
}
