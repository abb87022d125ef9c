import Logging

/// What the writer thread does with one batch of jobs: one transaction, outcomes after COMMIT.
///
/// Confined to the writer thread. Keeps each session's last durable seq so appends are checked
/// for gaps without a query; the cache is dropped whenever a transaction fails or a non-append
/// job ran (it may have erased a session); the journal's (``EventJournal``) when a transaction
/// fails or another connection committed, while a job that erases a session removes only that
/// session's rows from it.
struct WriteBatch {
    private let connection: SQLiteConnection
    private let busyTimeoutMilliseconds: Int32
    private let health: CommitHealth
    private var lastSeq: [SessionID: Int64] = [:]
    /// Where appends land, and what folds them into `events`.
    private var journal: EventJournal
    private var folds: JournalFoldLog
    /// Whether this writer appended anything: only then does it fold the journal on closing
    /// (a CLI command's store never touches the daemon's journal).
    private var appendedSinceOpen = false
    /// `PRAGMA data_version` at this connection's last transaction: it changes when another
    /// connection (a CLI command, a `sqlite3` shell) committed, and then the caches may be stale.
    private var dataVersion: Int64?

    private enum Outcome {
        case appended(AppendRequest, Int64)
        case refused(AppendRequest, StoreError)
        case ran(@Sendable () -> Void, TransactionJob)
        case jobFailed(TransactionJob, StoreError)
    }

    init(connection: SQLiteConnection, busyTimeoutMilliseconds: Int32, health: CommitHealth, journalFoldRows: Int,
         journalDirectory: JournalDirectory, logger: Logger) {
        self.connection = connection
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.health = health
        journal = EventJournal(foldRows: journalFoldRows, directory: journalDirectory)
        folds = JournalFoldLog(logger: logger)
    }

    /// Moves the whole event journal into `events` (the store is closing), so the file at rest
    /// keeps every event there; a failure leaves them in the journal, where reads find them.
    /// Only a store that appended does this.
    mutating func foldWholeJournal() {
        guard appendedSinceOpen else { return }
        do {
            try begin()
            _ = try journal.fold(atMost: Int.max, everything: true, connection)
            try connection.execute("COMMIT")
            folds.record(.success(()))
        } catch {
            if connection.isInTransaction { try? connection.execute("ROLLBACK") }
            journal.forget()
            folds.record(.failure(error))
        }
    }

    /// `BEGIN IMMEDIATE`, then drops the caches if another connection committed since this
    /// one's last transaction, or this is the first (nothing else can commit until this
    /// transaction ends), and reads the journal back at once: until then readers scan it, since
    /// the other connection may have added rows the directory does not list.
    private mutating func begin() throws {
        try connection.execute("BEGIN IMMEDIATE")
        let version = try? connection.integer("PRAGMA data_version")
        if version != dataVersion {
            forgetCaches()
            journal.directory.forgetUntilRead()
            dataVersion = version
            try? journal.readBack(connection)
        }
    }

    /// Runs `jobs` in one transaction and reports every outcome in order.
    mutating func commit(_ jobs: [WriteJob]) {
        var checkpoints: [(Bool, @Sendable (Result<WALCheckpoint, StoreError>) -> Void)] = []
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(jobs.count)
        do {
            try begin()
        } catch {
            let failure = StoreError.wrap(error)
            health.failed(failure)
            for job in jobs { job.fail(failure) }
            return
        }
        let changesBefore = connection.totalChanges
        var abandoned: StoreError?
        var skipped: [WriteJob] = []
        for job in jobs {
            if abandoned != nil {
                skipped.append(job)
                continue
            }
            defer {
                // SQLite rolls the whole transaction back by itself after some errors (SQLITE_FULL,
                // I/O errors). Running on would commit later jobs one by one in autocommit mode
                // while earlier ones were lost, so everything in this batch fails instead.
                if !connection.isInTransaction {
                    abandoned = Self.lastError(in: outcomes) ?? StoreError(.sqlite, "the transaction was rolled back by SQLite")
                }
            }
            switch job {
            case .append(let request):
                do {
                    outcomes.append(.appended(request, try append(request)))
                } catch {
                    outcomes.append(.refused(request, StoreError.wrap(error)))
                }
            case .transaction(let job):
                do {
                    let done = try connection.inSavepoint { try job.run(connection) }
                    outcomes.append(.ran(done, job))
                    if let erased = job.erasesJournalOf { journal.erased(erased) }
                } catch {
                    outcomes.append(.jobFailed(job, StoreError.wrap(error)))
                }
                lastSeq.removeAll()
                assert(journal.agrees(with: connection), "a job changed event_journal without saying so (TransactionJob.erasesJournalOf)")
            case .checkpoint(let truncate, let completion):
                checkpoints.append((truncate, completion))
            }
        }
        if abandoned == nil, journal.needsFold, folds.mayTry() {
            let appended = outcomes.reduce(0) { count, outcome in
                if case .appended(let request, _) = outcome { count + request.events.count } else { count }
            }
            let rows = journal.rowsToFoldNow(afterAppending: appended)
            if rows > 0 { foldSlice(atMost: rows) }
            if !connection.isInTransaction {
                abandoned = StoreError(.sqlite, "the transaction was rolled back by SQLite while folding the event journal")
            }
        }
        var commitError: StoreError? = abandoned
        if abandoned != nil {
            forgetCaches()
        } else {
            do {
                try connection.execute("COMMIT")
                // Committed into a file deleted or replaced underneath (a restore run with the
                // daemon up, an rm): gone at the next start, so not acknowledged. An operations
                // probe saw 17 s of acked edits vanish this way, /readyz 200 throughout.
                if connection.databaseFileHasMoved {
                    commitError = StoreError.databaseMoved(connection.path)
                    forgetCaches()
                }
            } catch {
                commitError = StoreError.wrap(error)
                try? connection.execute("ROLLBACK")
                forgetCaches()
            }
        }
        recordHealth(commitError: commitError, outcomes: outcomes, changed: connection.totalChanges != changesBefore)
        for outcome in outcomes {
            switch outcome {
            case .appended(let request, let seq):
                request.completion(commitError.map { .failure($0) } ?? .success(seq))
            case .refused(let request, let error):
                request.completion(.failure(error))
            case .ran(let done, let job):
                if let commitError { job.fail(commitError) } else { done() }
            case .jobFailed(let job, let error):
                job.fail(error)
            }
        }
        for job in skipped { job.fail(abandoned ?? StoreError(.sqlite, "the transaction was rolled back by SQLite")) }
        for (truncate, completion) in checkpoints {
            do {
                completion(.success(try connection.walCheckpoint(truncate: truncate, busyTimeoutMilliseconds: busyTimeoutMilliseconds)))
            } catch {
                completion(.failure(StoreError.wrap(error)))
            }
        }
    }

    /// A failed commit or abandoned batch marks the store failing, and so does a single job
    /// refused for a disk-side reason in a batch that committed the rest (SQLite may roll back
    /// only the statement on SQLITE_FULL); a commit that changed rows, with no such refusal,
    /// marks it healthy again.
    private func recordHealth(commitError: StoreError?, outcomes: [Outcome], changed: Bool) {
        if let commitError {
            health.failed(commitError)
            return
        }
        let refusal = outcomes.lazy.compactMap { outcome -> StoreError? in
            switch outcome {
            case .refused(_, let error), .jobFailed(_, let error): error.stopsCommits ? error : nil
            default: nil
            }
        }.first
        if let refusal {
            health.failed(refusal)
        } else if changed {
            health.committed()
        }
    }

    /// Folds a slice of the journal into `events` in a savepoint of the batch's transaction: it
    /// is durable with the batch, and a fold that fails leaves the batch's appends alone (unless
    /// SQLite rolled the whole transaction back, which the caller checks).
    private mutating func foldSlice(atMost wanted: Int) {
        do {
            try connection.inSavepoint { _ = try journal.fold(atMost: wanted, connection) }
            folds.record(.success(()))
        } catch {
            journal.forget()
            folds.record(.failure(error))
        }
    }

    private mutating func forgetCaches() {
        lastSeq.removeAll()
        journal.forget()
    }

    private static func lastError(in outcomes: [Outcome]) -> StoreError? {
        switch outcomes.last {
        case .refused(_, let error), .jobFailed(_, let error): error
        default: nil
        }
    }

    private mutating func append(_ request: AppendRequest) throws -> Int64 {
        let session = request.session
        guard let first = request.events.first else {
            throw StoreError(.invalidInput, "append to session \(session) has no events")
        }
        let last = try lastSeq[session] ?? loadLastSeq(session)
        for (offset, event) in request.events.enumerated() {
            let expected = last + 1 + Int64(offset)
            if event.seq != expected {
                let what = event.seq <= last ? "is already stored (duplicate)" : "would leave a gap"
                throw StoreError(.sequenceGap, "append to session \(session): event seq \(event.seq) \(what); the session's durable seq is \(last + Int64(offset)), so the next seq must be \(expected)")
            }
            if event.opId != nil, event.author == nil {
                throw StoreError(.invalidInput, "append to session \(session): event seq \(event.seq) has opId '\(event.opId ?? "")' but no author; an opId is unique per author")
            }
        }
        var keys: [OperationKey] = []
        for event in request.events {
            guard let author = event.author, let opId = event.opId else { continue }
            let key = OperationKey(author: author, opId: opId)
            if try keys.contains(key) || journal.contains(key, in: session, connection) {
                throw StoreError(.duplicateOperation, "append to session \(session): opId '\(opId)' of author '\(author)' is already stored; a resubmitted edit is never stored twice")
            }
            keys.append(key)
        }
        let ids: [Int64]
        if let change = request.definitionChange {
            // One savepoint: the definition, its SEQUENCE bump and the events that announce it
            // are stored together or not at all.
            ids = try connection.inSavepoint {
                try Store.writeDefinition(change, of: session, connection)
                return try request.events.map { try journal.insert($0, session: session, connection) }
            }
        } else if request.events.count == 1 {
            ids = [try journal.insert(first, session: session, connection)]
        } else {
            ids = try connection.inSavepoint { try request.events.map { try journal.insert($0, session: session, connection) } }
        }
        journal.inserted(request.events, ids: ids, of: session)
        appendedSinceOpen = true
        let newLast = last + Int64(request.events.count)
        lastSeq[session] = newLast
        return newLast
    }

    private mutating func loadLastSeq(_ session: SessionID) throws -> Int64 {
        let row = try connection.rows("SELECT (SELECT 1 FROM sessions WHERE id = ?1), (SELECT max(seq) FROM events WHERE session = ?1)", {
            try $0.bind(1, session.rawValue)
        }) { ($0.isNull(0), $0.optionalInt64(1) ?? 0) }.first
        guard let row, !row.0 else {
            throw StoreError(.unknownSession, "append to session \(session): no such session is stored (was it deleted?)")
        }
        // A session's journal rows all come after its `events` rows.
        return try journal.lastSeq(of: session, connection) ?? row.1
    }
}
