import ReviewRoomCore

/// The agendas and prompt decks that loaded sessions share (see ``SharedDecodes``).
final class SharedDefinitions: Sendable {
    /// Decoded `agendaJSON` texts.
    let agendas = SharedDecodes<[Phase]>()
    /// Decoded `promptsJSON` texts.
    let decks = SharedDecodes<[Prompt]>()

    /// Empty caches.
    init() {}
}
