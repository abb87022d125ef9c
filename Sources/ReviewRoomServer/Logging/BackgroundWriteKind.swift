import Logging

/// A store write of a live session whose failures are logged through the daemon-wide
/// ``BackgroundWriteLog`` (a ``ThrottledLog``), one throttle per kind: the writes a session starts and does not wait
/// for (fire and forget), and its own changes, whose failure stops the session (on a full disk
/// every live session stops, and again at each reconnect).
enum BackgroundWriteKind: String, CaseIterable, Sendable, ThrottledLogKind {
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
    /// A session's own change: appending its events, or recording an unchanged edit. Its
    /// failure stops the session (clients are closed with 1001 and reconnect).
    case sessionChange

    /// The line of the first failure ("cannot …").
    var failureMessage: String {
        switch self {
        case .stillOnlineMark: "cannot mark online intervals as still open"
        case .attendanceJoined: "cannot record that a participant came online"
        case .attendanceLeft: "cannot record that a participant went offline"
        case .interruptedAttendance: "cannot close online intervals left open"
        case .snapshot: "session snapshot not saved"
        case .sessionChange: "session stopped: its changes could not be stored"
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
        case .sessionChange: "storing a session's changes"
        }
    }

    /// What each failure did besides, said after a summary (nil: nothing worth saying).
    var consequence: String? {
        self == .sessionChange ? "each failure stopped its session" : nil
    }

    /// "… failed N times in M sessions in the last minute" (every failure of the window, the one
    /// logged in full too), and what each failure did besides.
    func summaryMessage(count: Int, logged: Int, sessions: Int, span: String) -> String {
        let consequence = consequence.map { "; \($0)" } ?? ""
        return "\(activity) failed \(Self.count(count, "time")) in \(Self.count(sessions, "session")) in \(span)\(consequence)"
    }

    /// "… succeeds again after N failures".
    func recoveryMessage(total: Int) -> String {
        "\(activity) succeeds again after \(Self.count(total, "failure"))"
    }

    /// A failing write stays failing until one of its kind succeeds.
    var endsWhenQuiet: Bool { false }

    /// The level of its failure lines: a lost snapshot only costs replay time at the next load.
    var failureLevel: Logger.Level {
        self == .snapshot ? .warning : .error
    }

    /// This kind's bit in a set of kinds held in one word (``BackgroundWriteLog`` reads which
    /// kinds are failing without taking its lock, once per append).
    var bit: UInt8 {
        switch self {
        case .stillOnlineMark: 1 << 0
        case .attendanceJoined: 1 << 1
        case .attendanceLeft: 1 << 2
        case .interruptedAttendance: 1 << 3
        case .snapshot: 1 << 4
        case .sessionChange: 1 << 5
        }
    }
}
