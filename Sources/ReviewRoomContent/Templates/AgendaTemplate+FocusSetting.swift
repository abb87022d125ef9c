extension AgendaTemplate {
    /// *Focus-setting meeting with the host (45 min)*: before a review, shape its enquiry focus.
    public static let focusSetting45 = AgendaTemplate(
        id: "focus-setting-45",
        title: "Focus-setting meeting with the host (45 min)",
        description: "A short meeting between the facilitator and host-school leaders, some weeks before "
            + "the review, to shape the enquiry focus and choose the questions.",
        phases: [
            phase("welcome", "Welcome and purpose", .briefing, minutes: 5, .open,
                  purpose: "Recall what peer review is for: improvement owned by the host, not an inspection."),
            phase("current-picture", "The current picture", .briefing, minutes: 10, .queue,
                  purpose: "The host describes where the school is now and what it is curious about."),
            phase("shape-focus", "Shaping the enquiry focus", .discussion, minutes: 15, .queue,
                  purpose: "Turn a concern into one open question the review can help with."),
            phase("choose-questions", "Choosing enquiry questions", .enquiry, minutes: 10, .open,
                  purpose: "Pick and reword the questions that fit the focus."),
            phase("arrangements", "Arrangements and close", .actions, minutes: 5, .open,
                  purpose: "Agree who is involved, what evidence will be ready and the review date."),
        ])
}
