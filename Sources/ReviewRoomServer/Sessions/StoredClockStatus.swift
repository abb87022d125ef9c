import ReviewRoomProtocol

/// The clock status a stored session's latest `clock.changed` event gives it (the store's
/// `lastClockChange(of:)`), read without loading the session.
enum StoredClockStatus: Equatable {
    /// The session's clock never changed: it is as scheduled.
    case neverChanged
    /// The event's data has no readable `clock.status`.
    case unreadable
    /// The status the event gives, e.g. `live` or `ended`.
    case status(String)

    /// Reads `lastClockChange`, the data of the latest `clock.changed` event (nil: none).
    init(lastClockChange: String?) {
        guard let lastClockChange else {
            self = .neverChanged
            return
        }
        guard let event = try? JSONParser.parse(Array(lastClockChange.utf8)),
              let status = event["clock"]?["status"]?.string else {
            self = .unreadable
            return
        }
        self = .status(status)
    }

    /// Whether the stored clock says the session has ended.
    static func hasEnded(lastClockChange: String?) -> Bool {
        StoredClockStatus(lastClockChange: lastClockChange) == .status("ended")
    }
}
