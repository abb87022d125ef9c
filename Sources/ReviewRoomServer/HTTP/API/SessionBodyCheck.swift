import ReviewRoomCore

/// The checks the facilitator API makes on a session body before anything is stored, as pure
/// functions of the body's bytes: those of `POST /api/v1/sessions` and of `PATCH`. The handlers
/// run the same code (``SessionRequest``); this entry exists for the fuzz targets
/// (`ReviewRoomFuzzTargets`), which reach it without a store or a socket.
public enum SessionBodyCheck {
    /// A refusal: the HTTP status and the problem detail the API would answer with.
    public struct Refusal: Error, Equatable, Sendable {
        /// The HTTP status (4xx for a body the client got wrong).
        public var status: Int
        /// What was wrong with the body.
        public var detail: String
    }

    /// Nil when `POST /api/v1/sessions` would accept `body` (its info, agenda and deck pass the
    /// core's checks); `now` stands in for the clock.
    public static func creation(_ body: [UInt8], now: Timestamp) -> Refusal? {
        do {
            _ = try SessionRequest(body: body).validatedInfo(now: now)
            return nil
        } catch {
            return Refusal(status: error.status, detail: error.detail)
        }
    }

    /// Nil when `PATCH /api/v1/sessions/{id}` can read `body` against a session with
    /// `currentAgenda` and `currentDeck` (the core then checks the edit against the live session).
    public static func edit(_ body: [UInt8], currentAgenda: [Phase], currentDeck: [Prompt]) -> Refusal? {
        do {
            _ = try SessionRequest(body: body, forEdit: true, currentAgenda: currentAgenda, currentDeck: currentDeck)
            return nil
        } catch {
            return Refusal(status: error.status, detail: error.detail)
        }
    }
}
