import Foundation

/// Starts the store's dedicated threads (the writer and each reader) the same way: the thread
/// opens its own connection — connections never cross threads — reports the outcome to the
/// caller, and then serves on that connection until it returns.
enum ConnectionThread {
    /// Starts a thread named `name`; returns once `open` succeeded on it, or throws its error.
    static func start(
        name: String,
        open: @escaping @Sendable () throws -> SQLiteConnection,
        serve: @escaping @Sendable (SQLiteConnection) -> Void
    ) async throws {
        try await withCheckedThrowingContinuation { (started: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let connection: SQLiteConnection
                do {
                    connection = try open()
                } catch {
                    started.resume(throwing: error)
                    return
                }
                started.resume()
                serve(connection)
            }
            thread.name = name
            thread.start()
        }
    }
}
