extension PromptDeck {
    /// *Parent and carer engagement* (`parent-engagement`).
    public static let parentEngagement = PromptDeck(
        id: "parent-engagement", title: "Parent and carer engagement", idPrefix: "pe", theme: "parent-engagement",
        texts: [
            "How did your contact with families change during the closures, and what stayed?",
            "Which families do you hear from least, and what do you think gets in the way?",
            "How do parents and carers find out what their child is learning this week?",
            "In what ways do families help shape decisions at the school?",
            "What kinds of contact do families say they value most?",
            "How do you share good news with home, not only concerns?",
            "How do you support families who speak languages other than English at home?",
            "What have you learned from families about their children's experience of recovery?",
            "How do staff feel about working with families, and what helps them?",
            "How does the school help parents and carers support reading or homework at home?",
            "What would a new family notice about how welcome they are made to feel?",
        ])
}
