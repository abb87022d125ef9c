extension AgendaTemplate {
    /// *Rapid remote review (90 min)*: the whole peer-review cycle in one online meeting.
    public static let rapidRemote90 = AgendaTemplate(
        id: "rapid-remote-90",
        title: "Rapid remote review (90 min)",
        description: "The whole review cycle in one online meeting of 90 minutes: context and focus, "
            + "enquiry, reviewer reflections in a round, a coaching conversation and agreed next steps.",
        phases: [
            phase("welcome", "Welcome and ground rules", .briefing, minutes: 5, .open,
                  purpose: "Agree how we work today: curious, non-judgemental, coaching rather than grading."),
            phase("host-context", "Host context and enquiry focus", .briefing, minutes: 15, .queue,
                  purpose: "The host school describes its context and the question it wants help with."),
            phase("clarifying", "Clarifying questions", .enquiry, minutes: 10, .queue,
                  purpose: "Reviewers check they understand the focus before looking for evidence."),
            phase("evidence", "Evidence and enquiry questions", .evidence, minutes: 20, .queue,
                  purpose: "Explore what is happening through the enquiry questions; note what you hear and see."),
            phase("break", "Short break", .break, minutes: 5, .open, .advance,
                  purpose: "Step away from the screen; reviewers gather their thoughts."),
            phase("reflections", "Reviewer reflections", .round, minutes: 15, .round,
                  purpose: "Each reviewer in turn offers what they noticed and what they wondered; passing is fine."),
            phase("coaching", "Coaching conversation", .discussion, minutes: 10, .queue,
                  purpose: "Host and reviewers think together about possibilities, led by the host's questions."),
            phase("actions", "Actions and next steps", .actions, minutes: 7, .open,
                  purpose: "The host school names the actions it will take and who will help."),
            phase("close", "Close and check-out", .reflection, minutes: 3, .round, .advance,
                  purpose: "One word or sentence each on how the review felt."),
        ])
}
