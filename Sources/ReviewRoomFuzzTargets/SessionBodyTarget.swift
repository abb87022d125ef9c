import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomServer

/// A session body through the facilitator API's checks: as `POST /api/v1/sessions` (then the
/// core's validation of info, agenda and deck) and as `PATCH` of a session on the
/// `rapid-remote-90` template with the `covid-recovery` deck. Property: a refusal is a 4xx
/// with a detail (never a trap, never a 5xx for the client's own bytes).
enum SessionBodyTarget {
    /// A fixed "now", so that a run is reproducible.
    private static let now = Timestamp(millisecondsSince1970: 1_795_000_000_000)
    private static let agenda = BuiltInContent.template("rapid-remote-90")?.phases ?? []
    private static let deck = BuiltInContent.deck("covid-recovery")?.prompts ?? []

    static func run(_ input: UnsafeRawBufferPointer) {
        let body = [UInt8](input)
        for refusal in [SessionBodyCheck.creation(body, now: now),
                        SessionBodyCheck.edit(body, currentAgenda: agenda, currentDeck: deck)].compactMap({ $0 }) {
            require((400..<500).contains(refusal.status), .sessionBody, "status \(refusal.status): \(refusal.detail)")
            require(!refusal.detail.isEmpty, .sessionBody, "a \(refusal.status) without a detail")
        }
    }
}
