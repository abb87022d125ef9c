import ReviewRoomCore

/// Resolves participant ids to the people the record names.
struct RecordNames {
    private let byID: [String: ReviewRoomCore.Participant]

    /// Names from `participants` (the session's current list).
    init(_ participants: [ReviewRoomCore.Participant]) {
        byID = Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The person with `id`; a removed participant is named by id with role `unknown`.
    func person(_ id: String) -> RecordPerson {
        guard let participant = byID[id] else { return RecordPerson(id: id, name: id, role: "unknown") }
        return RecordPerson(id: id, name: participant.name, role: participant.role.rawValue)
    }

    /// The name of `id`.
    func name(_ id: String) -> String { person(id).name }
}
