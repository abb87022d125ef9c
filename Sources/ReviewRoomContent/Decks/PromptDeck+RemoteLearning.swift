extension PromptDeck {
    /// *Remote and blended learning* (`remote-learning`).
    public static let remoteLearning = PromptDeck(
        id: "remote-learning", title: "Remote and blended learning", idPrefix: "rl", theme: "remote-learning",
        texts: [
            "What does a good remote lesson look like here, in your own words?",
            "How do you know whether pupils learning at home are keeping up?",
            "Which pupils found it hardest to learn remotely, and what made the difference for them?",
            "How do teachers give feedback on work that is done at home?",
            "What devices and connections do pupils have, and how do you find out?",
            "How do live and recorded teaching fit together in your approach?",
            "What have staff learned about teaching online that now shapes classroom teaching?",
            "How are pupils with special educational needs supported when learning remotely?",
            "How do pupils stay connected with each other, not only with teachers?",
            "What would you keep from remote learning if all pupils were in school every day?",
            "How ready would the school be to move learning online next week?",
        ])
}
