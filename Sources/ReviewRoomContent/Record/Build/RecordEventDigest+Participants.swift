import ReviewRoomCore

extension RecordEventDigest {
    /// The participant list before the first `participant.changed` of `events`, so that the
    /// first change is logged too. Every `participant.changed` adds or removes one person (the
    /// HTTP API's invite and revoke, the owner added on first join), and the store keeps
    /// everyone ever `invited`, in invitation order: someone invited who is in no event's list
    /// was removed by the first event; otherwise the first event added the most recently
    /// invited person of its list. Nil when no event changes the list.
    static func participantsBeforeFirstChange(_ events: [LoggedEvent], invited: [RecordInvitee]) -> [Participant]? {
        let lists = events.compactMap { logged -> [Participant]? in
            if case .participantChanged(let list) = logged.event.body { return list }
            return nil
        }
        guard let first = lists.first else { return nil }
        let listed = Set(lists.flatMap { $0.map(\.id) })
        let removedFirst = invited.map(\.participant).filter { !listed.contains($0.id) }
        if !removedFirst.isEmpty { return first + removedFirst }
        let order = Dictionary(invited.enumerated().map { ($1.participant.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let added = first.filter({ order[$0.id] != nil }).max(by: { order[$0.id, default: 0] < order[$1.id, default: 0] })
        else { return first }
        return first.filter { $0.id != added.id }
    }

    /// Log lines for the change from `old` to `new`: who was added and who was removed, by name and role.
    static func participantChanges(from old: [Participant], to new: [Participant]) -> [String] {
        let oldIDs = Set(old.map(\.id)), newIDs = Set(new.map(\.id))
        return new.filter { !oldIDs.contains($0.id) }.map { "Participant added: \(RecordText.isolated($0.name)) (\($0.role.rawValue))" }
            + old.filter { !newIDs.contains($0.id) }.map { "Participant removed: \(RecordText.isolated($0.name)) (\($0.role.rawValue))" }
    }
}
