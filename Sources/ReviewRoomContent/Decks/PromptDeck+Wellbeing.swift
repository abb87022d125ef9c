extension PromptDeck {
    /// *Staff and pupil wellbeing* (`wellbeing`).
    public static let wellbeing = PromptDeck(
        id: "wellbeing", title: "Staff and pupil wellbeing", idPrefix: "wb", theme: "wellbeing",
        texts: [
            "How do you find out how staff are really feeling?",
            "What has the school stopped doing to protect people's time and energy?",
            "Where can a pupil go when a day is going badly, and how do they know?",
            "How are leaders looking after their own wellbeing?",
            "What does workload look like for a class teacher this term?",
            "How do staff support each other informally, and how does the school encourage it?",
            "Which signs of improving wellbeing have you noticed among pupils?",
            "How is wellbeing talked about in lessons and assemblies?",
            "What would staff change first if they could change one thing?",
            "How do you make sure support reaches the people who ask for it least?",
            "How does the school celebrate effort and small successes?",
        ])
}
