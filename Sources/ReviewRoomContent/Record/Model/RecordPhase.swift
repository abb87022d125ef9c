import ReviewRoomCore

/// One agenda phase: as planned and as run.
public struct RecordPhase: Codable, Equatable, Sendable {
    /// 0-based index in the agenda (as `phase.goto` and the other records' `phase` fields count).
    public var index: Int
    /// Its number as the record's text gives it (1-based): "phase 2 “Host context”".
    public var number: Int
    /// Phase id.
    public var id: String
    /// Title.
    public var title: String
    /// Kind (`briefing`, `enquiry`, …).
    public var kind: String
    /// Turn mode (`open`, `queue`, `round`).
    public var turnMode: String
    /// The purpose line, when it has one.
    public var purpose: String?
    /// Planned length in seconds.
    public var plannedSec: Double
    /// When the published plan had it start: the session's `startsAt` plus the planned
    /// lengths of the phases before it (a late start or a long phase shows against it).
    public var dueAt: Timestamp
    /// ``dueAt`` in the display time zone.
    public var dueAtLocal: String
    /// Each stretch the phase ran (several after `phase.prev`; none if never reached).
    public var runs: [RecordPhaseRun]
    /// Running time over all runs, in seconds.
    public var actualSec: Double
    /// `actualSec − plannedSec` (negative when it ran short); null when the phase never ran.
    public var differenceSec: Double?
}
