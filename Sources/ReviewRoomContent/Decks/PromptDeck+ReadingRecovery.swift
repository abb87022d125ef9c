extension PromptDeck {
    /// *Reading and literacy recovery* (`reading-recovery`).
    public static let readingRecovery = PromptDeck(
        id: "reading-recovery", title: "Reading and literacy recovery", idPrefix: "rr", theme: "reading-recovery",
        texts: [
            "How have you found out where pupils are with their reading since the disruption?",
            "What does reading for pleasure look like across the school?",
            "How do you choose which pupils get extra reading support, and how is it reviewed?",
            "How are pupils helped to build stamina for longer texts again?",
            "What part do books and stories play in the life of the school outside lessons?",
            "How confident do staff feel teaching early reading and phonics?",
            "How do families take part in their children's reading?",
            "How do older pupils who are not yet fluent readers get the support they need without losing face?",
            "How is vocabulary taught and noticed across different subjects?",
            "What evidence would tell you the reading recovery work is making a difference?",
            "What do pupils say about the books they are reading now?",
        ])
}
