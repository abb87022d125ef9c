extension PromptDeck {
    /// *Covid response and recovery* (`covid-recovery`).
    public static let covidRecovery = PromptDeck(
        id: "covid-recovery", title: "Covid response and recovery", idPrefix: "cr", theme: "covid-recovery",
        texts: [
            "What did the school learn about itself during the closures that it wants to keep?",
            "How did you decide what mattered most when pupils came back?",
            "Which pupils do you think the disruption affected most, and how did you find out?",
            "What changes made in a hurry have turned out to be worth keeping?",
            "How are you telling the difference between gaps in learning and gaps in confidence?",
            "What does recovery look like in a classroom here on an ordinary day?",
            "How have staff been involved in shaping the recovery plans?",
            "Where has the pace of catching up felt right, and where has it felt rushed?",
            "What are pupils saying about what helped them settle back in?",
            "Which partnerships outside the school became more important, and why?",
            "How will you know when recovery has given way to simply good practice?",
            "What would you do differently if the school had to close again tomorrow?",
        ])
}
