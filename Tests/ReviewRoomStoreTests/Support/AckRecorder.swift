import LockedValue
import ReviewRoomStore

/// Collects append acknowledgements in the order the writer thread delivers them.
final class AckRecorder: Sendable {
    private let state = Locked<[Int64]>([])

    /// Records one result (failures as -1); returns how many have been recorded.
    func record(_ result: Result<Int64, StoreError>) -> Int {
        state.withLock { values in
            values.append((try? result.get()) ?? -1)
            return values.count
        }
    }

    /// Everything recorded so far.
    var values: [Int64] { state.withLock { $0 } }
}
