import ReviewRoomCore

extension RecordEventDigest {
    /// Log lines for hands raised and hands lowered between two floors, so the host school sees
    /// who asked to speak and who was still waiting when a phase moved on or the session ended
    /// (a hand that leaves the queue because its owner got the floor is a grant, not a lowering).
    static func handChanges(from old: Floor?, to new: Floor, names: RecordNames) -> [String] {
        let waiting = Set(old?.queue.map(\.participant) ?? [])
        var out = new.queue.filter { !waiting.contains($0.participant) }.map { hand in
            "Hand raised: \(names.inText(hand.participant))" + (hand.kind == .response ? " (direct response)" : "")
        }
        let still = Set(new.queue.map(\.participant))
        let lowered = (old?.queue ?? []).filter { !still.contains($0.participant) && $0.participant != new.speaker }
        if !lowered.isEmpty {
            out.append((lowered.count == 1 ? "Hand lowered: " : "Hands lowered: ")
                       + lowered.map { names.inText($0.participant) }.joined(separator: ", "))
        }
        return out
    }
}
