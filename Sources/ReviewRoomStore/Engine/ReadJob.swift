/// A read queued for the reader threads.
struct ReadJob: Sendable {
    /// Runs on a reader thread with its connection, inside a read transaction.
    let run: @Sendable (SQLiteConnection) -> Void
    /// Reports that the job will never run.
    let cancel: @Sendable (StoreError) -> Void
}
