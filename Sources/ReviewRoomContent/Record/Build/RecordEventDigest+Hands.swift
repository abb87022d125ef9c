import ReviewRoomCore

extension RecordEventDigest {
    /// How a hand raised is logged, before the name ("Hand raised: Asha").
    static let handRaised = "Hand raised: "
    /// How one hand lowered is logged, before the name ("Hand lowered: Asha").
    static let handLowered = "Hand lowered: "
    /// What follows the name of a hand raised as a direct response.
    static let directResponse = " (direct response)"

    /// Log lines for hands raised and hands lowered between two floors, so the host school sees
    /// who asked to speak and who was still waiting when a phase moved on or the session ended
    /// (a hand that leaves the queue because its owner got the floor is a grant, not a lowering).
    /// `reset` says when the floor was reset by a phase move or the end ("when the phase moved
    /// on"): the hands it clears were still up then, not lowered by anyone.
    static func handChanges(from old: Floor?, to new: Floor, names: RecordNames, reset: String? = nil) -> [String] {
        let waiting = Set(old?.queue.map(\.participant) ?? [])
        var out = new.queue.filter { !waiting.contains($0.participant) }.map { hand in
            handRaised + names.inText(hand.participant) + (hand.kind == .response ? directResponse : "")
        }
        let still = Set(new.queue.map(\.participant))
        let lowered = (old?.queue ?? []).filter { !still.contains($0.participant) && $0.participant != new.speaker }
        if !lowered.isEmpty {
            let whose = lowered.map { names.inText($0.participant) }.joined(separator: ", ")
            if let reset {
                out.append((lowered.count == 1 ? "Hand still up " : "Hands still up ") + reset + ": " + whose)
            } else {
                out.append((lowered.count == 1 ? handLowered : "Hands lowered: ") + whose)
            }
        }
        return out
    }
}
