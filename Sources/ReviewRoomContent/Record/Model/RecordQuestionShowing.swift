import ReviewRoomCore

/// A stretch a question was on everyone's screen within one phase, and who had the floor
/// meanwhile: what the host school's workshop reads to find what was said about it.
public struct RecordQuestionShowing: Codable, Equatable, Sendable {
    /// When it was shown (or, after a phase move with it still on screen, when that phase began).
    public var shownAt: Timestamp
    /// ``shownAt`` in the display time zone.
    public var shownAtLocal: String
    /// When it left the screen: another question shown, hidden, taken out of the deck, the
    /// phase moved on or the session ended. Absent while it is still on screen (a draft).
    public var hiddenAt: Timestamp?
    /// ``hiddenAt`` in the display time zone.
    public var hiddenAtLocal: String?
    /// Index (0-based, as ``RecordPhase/index``) of the phase it was on screen in; absent when
    /// it was shown before the session started.
    public var phase: Int?
    /// Everyone who had the floor while it was on screen (the speaker when it appeared, then
    /// each new turn), in the order of their first turn.
    public var speakers: [RecordPerson]
}
