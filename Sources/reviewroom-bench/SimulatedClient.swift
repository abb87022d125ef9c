import ReviewRoomCore
import WebSocketTransport

/// One simulated participant of a load run: its connection, its copy of the note, its typist
/// and its timers. Owned by the driver's one task.
struct SimulatedClient {
    /// Where the client is in its life.
    enum Stage { case waiting, connecting, joining, joined, gone }

    /// Index of its session in the run.
    var session: Int
    /// Its invite token.
    var token: String
    /// Whether it joins as the session's facilitator.
    var isFacilitator: Bool
    /// Where it is.
    var stage = Stage.waiting
    /// Its connection once connecting.
    var connection: ConnectionID?
    /// Its participant id from `welcome`.
    var participant = ""
    /// The note it types into, and its OT client.
    var noteID = ""
    var note: NoteClient?
    /// The simulated person.
    var typist: Typist
    /// Next command id.
    var nextCommandID = 1
    /// `note.edit` commands awaiting their ack: command id → op id.
    var editCommands: [Int: String] = [:]
    /// Commands whose `error` reply is expected and not counted (session.start on a live session).
    var tolerated: Set<Int> = []
    /// Monotonic nanoseconds of its next keystroke, hand, cursor, ping and phase change.
    var nextKeyAt: UInt64 = .max
    var nextHandAt: UInt64 = .max
    var nextPingAt: UInt64 = .max
    var nextPhaseAt: UInt64 = .max
    /// Its hand is up.
    var handUp = false
    /// Agenda length and the current phase (facilitator only).
    var agendaCount = 0
    var phase = 0

    /// The earliest of its timers (`UInt64.max` when none is set).
    var nextDue: UInt64 { min(nextKeyAt, nextHandAt, nextPingAt, nextPhaseAt) }

    /// Takes the next command id.
    mutating func takeCommandID() -> Int {
        defer { nextCommandID += 1 }
        return nextCommandID
    }
}
