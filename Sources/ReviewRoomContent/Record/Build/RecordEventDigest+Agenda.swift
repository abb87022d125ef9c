import ReviewRoomCore

extension RecordEventDigest {
    /// Log lines for an agenda edit: phases removed and added (with their planned length), a
    /// new order of the phases kept, and for each phase kept its new title, length, kind, turns,
    /// time-up action, purpose and question list (phases paired by ``pairs(from:to:)``). A phase
    /// is named by its place and title in the agenda it belongs to (the old one for a removed
    /// phase). `deck` (the prompt ids of the new deck) keeps question ids the deck lost, which
    /// leave every phase by themselves, from counting as a change of the phase.
    static func agendaChanges(from old: [Phase], to new: [Phase], deck: Set<String>) -> [String] {
        var out: [String] = []
        let pairs = pairs(from: old, to: new)
        let kept = Set(pairs.values)
        for (index, phase) in old.enumerated() where !kept.contains(index) {
            out.append("\(label(index, phase)) removed (\(RecordText.duration(phase.durationSec)))")
        }
        for (index, phase) in new.enumerated() where pairs[index] == nil {
            out.append("\(label(index, phase)) added (\(RecordText.duration(phase.durationSec)))")
        }
        let oldOrder = new.indices.compactMap { pairs[$0] }
        if oldOrder != oldOrder.sorted() {
            let order = new.indices.filter { pairs[$0] != nil }.map { "“\(new[$0].title)”" }
            out.append("Phases reordered: " + order.joined(separator: ", "))
        }
        for (index, phase) in new.enumerated() {
            guard let before = pairs[index] else { continue }
            out += phaseChanges(from: old[before], to: phase, index: index, deck: deck)
        }
        return out
    }

    /// Which old phase each new phase continues (new index → old index): the same id and title,
    /// else the same title, else the same id, each old phase used once. A PATCH matches the
    /// agenda by position (an existing position keeps its id), so after a phase is inserted or
    /// removed the phases behind it carry their neighbours' ids: the title finds them, and a
    /// phase renamed where it stands keeps its id.
    static func pairs(from old: [Phase], to new: [Phase]) -> [Int: Int] {
        var pairs: [Int: Int] = [:]
        var used = Set<Int>()
        let rules: [(Phase, Phase) -> Bool] = [
            { $0.id == $1.id && $0.title == $1.title }, { $0.title == $1.title }, { $0.id == $1.id },
        ]
        for same in rules {
            for (index, phase) in new.enumerated() where pairs[index] == nil {
                if let match = old.indices.first(where: { !used.contains($0) && same(old[$0], phase) }) {
                    pairs[index] = match
                    used.insert(match)
                }
            }
        }
        return pairs
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
