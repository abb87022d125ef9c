import Foundation

/// Runs blocking raw-client code (``RawSocket``, ``RawHTTPClient``, ``RawWebSocketClient``)
/// from async tests without starving anything.
///
/// On Linux both the cooperative pool and Dispatch's global queues have as many threads as
/// cores (2 here) and only grow after about a second, so a blocking read there stalls the
/// server's own tasks (HTTP responders, session actors) and makes tests slow or flaky. Each
/// call gets its own thread instead.
public enum RawBlocking {
    /// Runs `body` on a fresh thread and returns (or throws) its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try body() })
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }
}
