import ReviewRoomCore

extension RecordEventDigest {
    /// Log lines for an agenda edit, phases matched by id: phases removed and added (with
    /// their planned length), a new order of the phases kept, and for each phase kept its new
    /// title, length, kind, turns, time-up action, purpose and question list. A phase is named
    /// by its place and title in the agenda it belongs to (the old one for a removed phase).
    /// `deck` (the prompt ids of the new deck) keeps question ids the deck lost, which leave
    /// every phase by themselves, from counting as a change of the phase.
    static func agendaChanges(from old: [Phase], to new: [Phase], deck: Set<String>) -> [String] {
        var out: [String] = []
        let oldIDs = Set(old.map(\.id)), newIDs = Set(new.map(\.id))
        for (index, phase) in old.enumerated() where !newIDs.contains(phase.id) {
            out.append("\(label(index, phase)) removed (\(RecordText.duration(phase.durationSec)))")
        }
        for (index, phase) in new.enumerated() where !oldIDs.contains(phase.id) {
            out.append("\(label(index, phase)) added (\(RecordText.duration(phase.durationSec)))")
        }
        let keptBefore = old.map(\.id).filter(newIDs.contains), keptAfter = new.map(\.id).filter(oldIDs.contains)
        if keptBefore != keptAfter {
            let order = new.filter { oldIDs.contains($0.id) }.map { "“\($0.title)”" }
            out.append("Phases reordered: " + order.joined(separator: ", "))
        }
        for (index, phase) in new.enumerated() {
            guard let before = old.first(where: { $0.id == phase.id }) else { continue }
            out += phaseChanges(from: before, to: phase, index: index, deck: deck)
        }
        return out
    }

    private static func phaseChanges(from old: Phase, to new: Phase, index: Int, deck: Set<String>) -> [String] {
        var out: [String] = []
        let name = label(index, new)
        if old.title != new.title { out.append("Phase \(index + 1) “\(old.title)” renamed “\(new.title)”") }
        if old.durationSec != new.durationSec {
            let verb = new.durationSec > old.durationSec ? "lengthened" : "shortened"
            out.append("\(name) \(verb) from \(lengths(old.durationSec, new.durationSec))")
        }
        if old.kind != new.kind { out.append("\(name): kind \(old.kind.rawValue) → \(new.kind.rawValue)") }
        if old.turnMode != new.turnMode {
            out.append("\(name): turns \(old.turnMode.rawValue) → \(new.turnMode.rawValue)")
        }
        if old.onTimeUp != new.onTimeUp {
            out.append("\(name): at time up \(old.onTimeUp.rawValue) → \(new.onTimeUp.rawValue)")
        }
        if old.purpose != new.purpose {
            if let purpose = new.purpose {
                out.append("\(name): purpose \(old.purpose == nil ? "added" : "reworded"): “\(brief(purpose))”")
            } else {
                out.append("\(name): purpose removed")
            }
        }
        if old.prompts.filter(deck.contains) != new.prompts { out.append("\(name): question list changed") }
        return out
    }

    /// `Phase 2 “Learning walk”`.
    private static func label(_ index: Int, _ phase: Phase) -> String { "Phase \(index + 1) “\(phase.title)”" }

    /// `20 to 25 min` when both are whole minutes under an hour, else `20 min to 25 min 30 s`.
    private static func lengths(_ old: Double, _ new: Double) -> String {
        func minutes(_ seconds: Double) -> Int? {
            guard seconds > 0, seconds < 3600, seconds.rounded() == seconds else { return nil }
            let whole = Int(seconds)
            return whole % 60 == 0 ? whole / 60 : nil
        }
        if let before = minutes(old), let after = minutes(new) { return "\(before) to \(after) min" }
        return RecordText.duration(old) + " to " + RecordText.duration(new)
    }
}
