import Logging

/// A store write a live session starts and does not wait for (fire and forget): its failures
/// are logged through the daemon-wide ``BackgroundWriteLog``, one throttle per kind.
enum BackgroundWriteKind: String, CaseIterable, Sendable {
    /// The still-here mark of a session's open online intervals, once a minute while someone is online.
    case stillOnlineMark
    /// Opening an online interval (a participant's first connection joined).
    case attendanceJoined
    /// Closing an online interval (a participant's last connection closed).
    case attendanceLeft
    /// Closing the intervals a killed daemon left open, when a session loads.
    case interruptedAttendance
    /// A session snapshot (not fatal: the log is complete).
    case snapshot

    /// The line of the first failure ("cannot …").
    var failureMessage: String {
        switch self {
        case .stillOnlineMark: "cannot mark online intervals as still open"
        case .attendanceJoined: "cannot record that a participant came online"
        case .attendanceLeft: "cannot record that a participant went offline"
        case .interruptedAttendance: "cannot close online intervals left open"
        case .snapshot: "session snapshot not saved"
        }
    }

    /// What the write does, as the subject of the summary and recovery lines.
    var activity: String {
        switch self {
        case .stillOnlineMark: "marking online intervals as still open"
        case .attendanceJoined: "recording that a participant came online"
        case .attendanceLeft: "recording that a participant went offline"
        case .interruptedAttendance: "closing online intervals left open"
        case .snapshot: "saving a session snapshot"
        }
    }

    /// The level of its failure lines: a lost snapshot only costs replay time at the next load.
    var failureLevel: Logger.Level {
        self == .snapshot ? .warning : .error
    }
}
