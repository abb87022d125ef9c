import ReviewRoomCore

/// The content ReviewRoom ships with: agenda templates and enquiry question decks.
///
/// Everything here is original wording written for ReviewRoom.
public enum BuiltInContent {
    /// Every agenda template; `rapid-remote-90` always exists.
    public static let templates: [AgendaTemplate] = [
        .rapidRemote90, .standardRemoteHalfDay, .focusSetting45, .postReviewWorkshop60, .partiallyRemote120,
    ]
    /// Every question deck; `covid-recovery` always exists.
    public static let decks: [PromptDeck] = [
        .covidRecovery, .recoveryCurriculum, .wellbeing, .parentEngagement, .remoteLearning, .readingRecovery,
        .postReviewWorkshop,
    ]
    /// The template with `id`, if any.
    public static func template(_ id: String) -> AgendaTemplate? { templates.first { $0.id == id } }
    /// The deck with `id`, if any.
    public static func deck(_ id: String) -> PromptDeck? { decks.first { $0.id == id } }
}
