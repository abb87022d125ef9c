extension PromptDeck {
    /// *Post-review workshop* (`post-review-workshop`): for host staff turning the review's
    /// findings into their own action plan (the enquiry decks ask about the school, not about
    /// the review: a workshop audit found none that fitted).
    public static let postReviewWorkshop = PromptDeck(
        id: "post-review-workshop", title: "Post-review workshop", idPrefix: "pw", theme: "post-review-workshop",
        texts: [
            "Which of the review's findings struck you most, and why?",
            "Which findings fit what you see day to day?",
            "Which findings surprise you, and what might explain the difference?",
            "What is already in place that we can build on?",
            "Which suggestion would make the most difference for pupils if we acted on it first?",
            "What would success look like a term from now?",
            "Who will lead each action, and who will support them?",
            "By when should each action be under way, and when will we look at it again?",
            "How will we know an action is working, and what will we look at?",
            "What might get in the way, and how can we plan for it?",
            "What time or support do staff need to carry the actions out?",
            "How will we share the plan with staff, pupils and families?",
        ])
}
