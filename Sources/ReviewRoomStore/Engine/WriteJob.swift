/// Work queued for the writer thread.
enum WriteJob: Sendable {
    /// Durable appends, grouped with others into one transaction.
    case append(AppendRequest)
    /// Any other write, in the same batch transaction.
    case transaction(TransactionJob)
    /// A WAL checkpoint run after the batch commits (`TRUNCATE` after erasing a session); the
    /// completion gets SQLite's result row.
    case checkpoint(truncate: Bool, completion: @Sendable (Result<WALCheckpoint, StoreError>) -> Void)

    /// Tells the job's waiter it will never run.
    func fail(_ error: StoreError) {
        switch self {
        case .append(let request): request.completion(.failure(error))
        case .transaction(let job): job.fail(error)
        case .checkpoint(_, let completion): completion(.failure(error))
        }
    }
}
