/// Decides, from a stored session's row and its latest `clock.changed` event only, whether it
/// may have a timer pending after a restart (and so must be loaded at start-up).
///
/// Conservative: a running or paused clock always counts (a phase clock or a timed turn may be
/// due); an ended session never does; a session whose clock never started counts only when it
/// starts itself (`autoStart`). A timed turn taken in the lobby of a session that never started
/// is the one case left to the first join or HTTP change, which replays it and fires it then.
enum PendingTimerFilter {
    /// Whether to load the session at start-up.
    static func mayHavePendingTimer(autoStart: Bool, lastClockChange: String?) -> Bool {
        switch StoredClockStatus(lastClockChange: lastClockChange) {
        case .neverChanged: autoStart
        case .unreadable: true // load it and let the replay report what is wrong
        case .status("ended"): false
        case .status("scheduled"), .status("lobby"): autoStart
        case .status: true
        }
    }
}
