extension LanguageRule {
    /// Words after "poor" or "weak" that describe equipment, not people ("poor connection").
    static let technicalNouns: Set<String> = [
        "connection", "connections", "signal", "wifi", "wi-fi", "internet", "broadband", "bandwidth",
        "audio", "sound", "reception", "network", "battery", "lighting", "ventilation",
    ]

    /// Things that break down, before "failed to" or "fails to" ("the projector failed to
    /// start"): with these (and the technical nouns) it reports a fault, not a person's failing.
    static let devices: Set<String> = [
        "projector", "laptop", "laptops", "computer", "computers", "screen", "screens", "camera",
        "cameras", "microphone", "mic", "speaker", "speakers", "printer", "device", "devices", "tablet",
        "tablets", "ipad", "ipads", "whiteboard", "video", "app", "system", "server", "login", "upload", "download",
        "page", "website", "link", "file", "email",
    ]

    /// Words after "outstanding" that make it mean "still open" ("outstanding actions").
    static let pendingNouns: Set<String> = [
        "action", "actions", "issue", "issues", "item", "items", "question", "questions",
        "task", "tasks", "work", "points", "concerns", "balance", "payments",
    ]

    /// Words before "clearly" that make it describe manner, not certainty ("explained clearly").
    static let mannerVerbs: Set<String> = [
        "explain", "explains", "explained", "explaining", "speak", "speaks", "spoke", "speaking",
        "write", "writes", "wrote", "written", "writing", "read", "reads", "show", "shows", "showed",
        "shown", "set", "sets", "communicate", "communicates", "communicated", "model", "models",
        "modelled", "modeled", "see", "sees", "saw", "seen", "hear", "hears", "heard", "more", "very",
    ]

    /// Words after "clearly" that make it describe manner ("clearly labelled").
    static let mannerParticiples: Set<String> = [
        "labelled", "labeled", "marked", "signposted", "displayed", "structured", "presented",
        "defined", "visible", "audible", "laid", "explained", "written",
    ]

    /// Words after "should have" that make it a recommendation about what someone needs, not
    /// blame for the past ("every pupil should have *a* book"); a past participle ("should have
    /// *done*") keeps the hint.
    static let recommendationStarts: Set<String> = [
        "a", "an", "the", "their", "his", "her", "its", "our", "your", "my", "some", "any", "more",
        "enough", "each", "every", "no", "this", "that", "these", "those", "one", "two", "three",
        "access", "time", "space", "support", "opportunities", "opportunity", "books", "plenty", "lots",
    ]

    /// Greetings before "everyone" ("thanks everyone", "welcome everyone").
    static let greetings: Set<String> = ["thanks", "thank", "hi", "hello", "welcome", "morning", "afternoon", "evening"]

    /// Words after "nobody"/"everyone" that say whom the writer means: "nobody we spoke to",
    /// "everyone I asked" already names the sample the hint asks for (a record audit found the
    /// hint on a sentence that followed its advice).
    static let sampled: Set<String> = ["we", "i"]

    private static let describe = "Describe what you saw or heard and its effect, rather than grading it: "
        + "\"I noticed… and I wondered…\"."
    private static let howOften = "Is that true every time? Try \"often\", \"in the lessons we saw\" or a number you noticed."
    private static let who = "Who exactly? Try naming what you saw: \"several pupils\", \"in the group I spoke to\"."
    private static let curiosity = "Swap blame for curiosity: \"What might be getting in the way of…?\""
    private static let possibility = "Looking back sounds like blame; looking forward sounds like coaching: \"What might happen if…?\""
    private static let tentative = "Offer it as your view, not a fact: \"It seemed to me…\", \"I wonder whether…\"."

    /// The whole rule set, in the order the LanguageHints article lists it.
    public static let catalogue: [LanguageRule] = [
        // Grading
        LanguageRule("outstanding", .grading, describe, unlessBefore: pendingNouns),
        LanguageRule("inadequate", .grading, describe),
        LanguageRule("requires improvement", .grading, describe),
        LanguageRule("poor", .grading, describe, unlessBefore: technicalNouns),
        LanguageRule("weak", .grading, describe, unlessBefore: technicalNouns),
        LanguageRule("failing", .grading, "Name the effect you noticed and ask what might help: \"What would support…?\""),
        LanguageRule("terrible", .grading, describe),
        LanguageRule("awful", .grading, describe),
        LanguageRule("useless", .grading, describe),
        LanguageRule("unacceptable", .grading, describe),
        LanguageRule("substandard", .grading, describe),
        LanguageRule("not good enough", .grading, describe),
        LanguageRule("disappointing", .grading, describe),
        LanguageRule("dreadful", .grading, describe),
        LanguageRule("appalling", .grading, describe),
        // Absolutes
        LanguageRule("never", .absolute, howOften),
        LanguageRule("always", .absolute, howOften),
        LanguageRule("nobody", .absolute, who, unlessBefore: sampled),
        LanguageRule("no one", .absolute, who, unlessBefore: sampled),
        LanguageRule("no-one", .absolute, who, unlessBefore: sampled),
        LanguageRule("everyone", .absolute, who, unlessBefore: sampled, unlessAfter: greetings),
        LanguageRule("everybody", .absolute, who, unlessBefore: sampled, unlessAfter: greetings),
        LanguageRule("all the time", .absolute, howOften),
        LanguageRule("every single", .absolute, howOften),
        // Blame
        LanguageRule("their fault", .blame, curiosity),
        LanguageRule("his fault", .blame, curiosity),
        LanguageRule("her fault", .blame, curiosity),
        LanguageRule("your fault", .blame, curiosity),
        LanguageRule("lazy", .blame, curiosity),
        LanguageRule("careless", .blame, curiosity),
        LanguageRule("incompetent", .blame, curiosity),
        LanguageRule("can't be bothered", .blame, curiosity),
        LanguageRule("don't care", .blame, curiosity),
        LanguageRule("doesn't care", .blame, curiosity),
        LanguageRule("should have", .blame, possibility, unlessBefore: recommendationStarts),
        LanguageRule("should've", .blame, possibility),
        LanguageRule("shouldn't have", .blame, possibility, unlessBefore: recommendationStarts),
        LanguageRule("failed to", .blame, curiosity, unlessAfter: technicalNouns.union(devices)),
        LanguageRule("fails to", .blame, curiosity, unlessAfter: technicalNouns.union(devices)),
        // Certainty
        LanguageRule("clearly", .certainty, tentative, unlessBefore: mannerParticiples, unlessAfter: mannerVerbs),
        LanguageRule("obviously", .certainty, tentative),
        LanguageRule("of course", .certainty, tentative),
        LanguageRule("undoubtedly", .certainty, tentative),
        LanguageRule("without doubt", .certainty, tentative),
        LanguageRule("everyone knows", .certainty, tentative),
    ]
}
