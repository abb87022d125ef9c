import ReviewRoomCore

/// Resolves participant ids to the people the record names: the session's current
/// participants and everyone invited before and since removed, who keep their name and role.
struct RecordNames {
    private let byID: [String: RecordPerson]
    /// Everyone ever invited, in invitation order, then anyone current the invite list lacks.
    let everyone: [RecordPerson]

    /// Names from `current` (the session's list) and `invited` (everyone ever invited).
    init(current: [ReviewRoomCore.Participant], invited: [RecordInvitee]) {
        let currentIDs = Set(current.map(\.id))
        var people: [RecordPerson] = invited.map { invitee in
            let p = invitee.participant
            return RecordPerson(id: p.id, name: p.name, role: p.role.rawValue, removed: !currentIDs.contains(p.id))
        }
        let invitedIDs = Set(people.map(\.id))
        people += current.filter { !invitedIDs.contains($0.id) }
            .map { RecordPerson(id: $0.id, name: $0.name, role: $0.role.rawValue, removed: false) }
        everyone = people
        byID = Dictionary(people.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The person with `id`; someone never invited (unknown to the record) is named by id
    /// with role `unknown`.
    func person(_ id: String) -> RecordPerson {
        byID[id] ?? RecordPerson(id: id, name: id, role: "unknown", removed: true)
    }

    /// The name of `id`.
    func name(_ id: String) -> String { person(id).name }

    /// The name of `id` for a sentence or a list (``RecordText/isolated(_:)``).
    func inText(_ id: String) -> String { RecordText.isolated(name(id)) }
}
