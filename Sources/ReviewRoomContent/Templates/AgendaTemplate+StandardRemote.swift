extension AgendaTemplate {
    /// *Standard review visit, remote (half day)*: a full review visit held online over 3½ hours.
    public static let standardRemoteHalfDay = AgendaTemplate(
        id: "standard-remote-half-day",
        title: "Standard review visit, remote (half day, 3½ hours)",
        description: "A full review visit held online over a morning or an afternoon, with two enquiry "
            + "blocks and a proper break, for reviews that need more time with evidence.",
        phases: [
            phase("welcome", "Welcome, introductions and ground rules", .briefing, minutes: 10, .open,
                  purpose: "Meet each other and agree to stay curious, non-judgemental and coaching in stance."),
            phase("host-context", "Host context and enquiry focus", .briefing, minutes: 25, .queue,
                  purpose: "The host school sets out its context, its journey so far and its enquiry focus."),
            phase("clarifying", "Clarifying questions", .enquiry, minutes: 15, .queue,
                  purpose: "Reviewers check their understanding of the focus and agree which questions to pursue."),
            phase("evidence-1", "Evidence gathering: first block", .evidence, minutes: 40, .queue,
                  purpose: "Hear from staff and pupils, look at work and plans; note evidence, not verdicts."),
            phase("break", "Break", .break, minutes: 15, .open, .advance,
                  purpose: "A real break away from the screen."),
            phase("evidence-2", "Enquiry questions: second block", .enquiry, minutes: 35, .queue,
                  purpose: "Follow up on what the first block raised, using the enquiry questions."),
            phase("reflections", "Reviewer reflections", .round, minutes: 25, .round,
                  purpose: "Each reviewer in turn shares what went well and what might be even better; passing is fine."),
            phase("coaching", "Coaching conversation", .discussion, minutes: 20, .queue,
                  purpose: "The host leads a conversation about possibilities; reviewers coach rather than advise."),
            phase("actions", "Actions and next steps", .actions, minutes: 15, .open,
                  purpose: "The host school agrees its actions, owners and the date of the post-review workshop."),
            phase("close", "Close and check-out", .reflection, minutes: 10, .round, .advance,
                  purpose: "Everyone says briefly what they are taking away."),
        ])
}
