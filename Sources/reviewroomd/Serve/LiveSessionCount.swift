import LockedValue

/// The number of live sessions as last counted, for the synchronous `STATUS=` line.
final class LiveSessionCount: Sendable {
    private let count = Locked(0)

    /// The last count.
    var value: Int {
        get { count.withLock { $0 } }
        set { count.withLock { $0 = newValue } }
    }
}
