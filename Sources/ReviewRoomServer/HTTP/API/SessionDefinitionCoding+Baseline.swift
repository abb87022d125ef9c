import ReviewRoomCore
import ReviewRoomStore

extension SessionDefinitionCoding {
    /// The editable parts of a stored definition as the review record compares them
    /// (``RecordInput/baseline``): title, focus, start, time zone, agenda, and the deck with
    /// nothing shown or discussed.
    /// - Throws: `StoreError(.corrupt)` when the stored agenda or deck does not decode.
    public static func baseline(of definition: SessionDefinition) throws -> SessionChange {
        SessionChange(title: definition.title, focus: definition.focus, startsAt: definition.startsAt,
                      timeZone: definition.timeZone, agenda: try agenda(of: definition),
                      prompts: Prompts(deck: try deck(of: definition)))
    }

    /// Session `id`'s baseline from `store` (``Store/definitionAsCreated(of:)``), nil when the
    /// store did not record it.
    public static func baseline(of id: SessionID, in store: Store) async throws -> SessionChange? {
        try await store.definitionAsCreated(of: id).map { try baseline(of: $0) }
    }
}
