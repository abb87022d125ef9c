extension AgendaTemplate {
    /// *Post-review workshop (60 min)*: host staff take ownership of the review's findings.
    public static let postReviewWorkshop60 = AgendaTemplate(
        id: "post-review-workshop-60",
        title: "Post-review workshop (60 min)",
        description: "After the review, host staff work through the record with the facilitator, "
            + "take ownership of the findings and turn them into an action plan.",
        phases: [
            phase("welcome", "Welcome and ground rules", .briefing, minutes: 5, .open,
                  purpose: "The findings belong to the host school; we look for learning, not blame."),
            phase("recap", "What the review found", .briefing, minutes: 10, .queue,
                  purpose: "The facilitator recaps the focus, the evidence and the reviewers' reflections."),
            phase("first-thoughts", "First thoughts round", .round, minutes: 10, .round,
                  purpose: "Each member of staff says what struck them most; passing is fine."),
            phase("resonance", "What resonates and what surprises", .discussion, minutes: 15, .queue,
                  purpose: "Explore which findings fit your experience and which challenge it."),
            phase("actions", "Action planning", .actions, minutes: 15, .open,
                  purpose: "Agree actions, owners, timescales and how you will know they are working."),
            phase("close", "Close", .reflection, minutes: 5, .round, .advance,
                  purpose: "One commitment each."),
        ])
}
