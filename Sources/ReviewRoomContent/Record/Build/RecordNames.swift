import Foundation
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
        everyone = Self.numberingNamesakes(people)
        byID = Dictionary(everyone.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
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

    /// `people` with each name that two or more of them share (spaces at the ends and letter
    /// case aside) numbered in their order, "Sam (1)" and "Sam (2)", as the live pages show
    /// them: two people called Sam were the same name in every table and sentence of the record.
    /// A number that would make someone else's own name ("Sam (1)" invited as such) is skipped,
    /// so no two people ever share a name in the record.
    static func numberingNamesakes(_ people: [RecordPerson]) -> [RecordPerson] {
        func key(_ name: String) -> String { name.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
        let taken = Set(people.map { key($0.name) })
        let shared = Dictionary(grouping: people.indices, by: { key(people[$0].name) }).filter { $0.value.count > 1 }
        var numbered = people
        for indices in shared.values {
            var number = 0
            for index in indices {
                repeat { number += 1 } while taken.contains(key("\(people[index].name) (\(number))"))
                numbered[index].name = "\(people[index].name) (\(number))"
            }
        }
        return numbered
    }
}
