import Logging
import ReviewRoomCore

/// The durable store: the only code that touches SQLite.
///
/// One writer thread commits everything queued in one transaction (group commit) and reports
/// each append durable in order; reader threads serve loads and replays on their own
/// connections. Every method is safe to call from any task; none blocks the cooperative pool.
public final class Store: Sendable {
    /// How this store was opened.
    public let configuration: StoreConfiguration
    let writer: WriterThread
    let readers: ReaderPool
    let checkpointer: Checkpointer
    let logger: Logger

    private init(configuration: StoreConfiguration, writer: WriterThread, readers: ReaderPool, checkpointer: Checkpointer, logger: Logger) {
        self.configuration = configuration
        self.writer = writer
        self.readers = readers
        self.checkpointer = checkpointer
        self.logger = logger
    }

    /// Opens the store in `configuration.dataDirectory`: checks the directory, recognises or
    /// creates the database, applies migrations, and starts the writer and reader threads.
    ///
    /// - Throws: `StoreError` with `.dataDirectoryMissing`, `.dataDirectoryNotWritable`,
    ///   `.databaseMissing`, `.notADatabase`, `.foreignDatabase`, `.schemaTooNew`, `.diskFull`, ….
    public static func open(_ configuration: StoreConfiguration, logger: Logger = Logger(label: "reviewroom.store")) async throws -> Store {
        let checkpointer = Checkpointer(configuration: configuration, logger: logger)
        let writer = try await WriterThread.start(configuration, checkpointer: checkpointer, logger: logger, now: configuration.now().millisecondsSince1970)
        let readers: ReaderPool
        do {
            try await checkpointer.start()
            readers = try await ReaderPool.start(configuration)
        } catch {
            await writer.close()
            await checkpointer.close()
            throw error
        }
        if let from = writer.migratedFrom.withLock({ $0 }) {
            // An upgrade changed the file for good: worth a line above info (README "Upgrades").
            logger.notice("migrated schema from \(from) to \(Migrations.latestVersion)",
                          metadata: ["path": "\(configuration.databasePath)"])
        }
        logger.info("store opened", metadata: [
            "path": "\(configuration.databasePath)", "durability": "\(configuration.durability.rawValue)",
            "schema": "\(Migrations.latestVersion)",
        ])
        return Store(configuration: configuration, writer: writer, readers: readers, checkpointer: checkpointer, logger: logger)
    }

    /// Completes every queued write, then closes all connections. Later calls fail with `.closed`.
    public func close() async {
        await writer.close()
        await readers.close()
        await checkpointer.close()
    }

    /// The newest schema version this build writes.
    public static var schemaVersion: Int { Migrations.latestVersion }

    /// Runs `body` on the writer thread inside the current batch's transaction; resumes after COMMIT.
    /// A body that deletes a session's `event_journal` rows names that session as `erased`.
    @discardableResult
    func write<T: Sendable>(erasingJournalOf erased: SessionID? = nil,
                            _ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            writer.enqueue(.transaction(TransactionJob(
                run: { connection in
                    let value = try body(connection)
                    return { continuation.resume(returning: value) }
                },
                fail: { continuation.resume(throwing: $0) },
                erasesJournalOf: erased
            )))
        }
    }

    /// Runs `body` on a reader thread inside one read transaction (a consistent view).
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            readers.enqueue(ReadJob(
                run: { connection in
                    do {
                        try connection.execute("BEGIN")
                        defer { try? connection.execute("COMMIT") }
                        continuation.resume(returning: try body(connection))
                    } catch {
                        continuation.resume(throwing: StoreError.wrap(error))
                    }
                },
                cancel: { continuation.resume(throwing: $0) }
            ))
        }
    }

    /// A round trip through the writer thread (an empty batch) and a reader thread: returns once
    /// both answered, throws `.closed` after `close()`. The systemd watchdog asks it.
    public func probe() async throws {
        try await write { _ in }
        try await read { _ in }
    }

    /// Runs a WAL checkpoint on the writer after what is queued; `truncate` also empties the WAL
    /// file, unless another connection is in the way (a reader of an older snapshot): the
    /// `TRUNCATE` never waits for one, so appends are not stalled. Returns whether every frame is
    /// in the database file (after a `TRUNCATE`: whether the WAL file is now empty).
    @discardableResult
    public func checkpoint(truncate: Bool = false) async throws -> Bool {
        try await walCheckpoint(truncate: truncate).isComplete
    }

    /// Runs a WAL checkpoint on the writer after what is queued and returns SQLite's result row.
    func walCheckpoint(truncate: Bool) async throws -> WALCheckpoint {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<WALCheckpoint, any Error>) in
            writer.enqueue(.checkpoint(truncate: truncate, completion: { continuation.resume(with: $0.mapError { $0 as any Error }) }))
        }
    }
}
