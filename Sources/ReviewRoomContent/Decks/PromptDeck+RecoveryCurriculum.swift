extension PromptDeck {
    /// *Relationship-based recovery curriculum* (`recovery-curriculum`).
    public static let recoveryCurriculum = PromptDeck(
        id: "recovery-curriculum", title: "Relationship-based recovery curriculum", idPrefix: "rc",
        theme: "recovery-curriculum",
        texts: [
            "How do relationships between adults and pupils shape the curriculum you offer now?",
            "Where in the timetable do pupils get to talk about what they have been through?",
            "How do routines help pupils feel safe enough to learn?",
            "How do staff notice a pupil who is struggling quietly?",
            "What place do friendships and belonging have in your recovery plans?",
            "How have you balanced time for wellbeing with time for subject content?",
            "Which pupils have found it hardest to reconnect, and what has helped them?",
            "How do you help pupils rebuild their stamina and independence as learners?",
            "What training or support have staff had to work in a relational way?",
            "How are families part of rebuilding pupils' sense of belonging?",
            "What would a pupil say makes this school feel like their school?",
        ])
}
