import Foundation
import ReviewRoomCore

/// How to open a store. Defaults suit the daemon.
public struct StoreConfiguration: Sendable {
    /// Whether opening may create the data directory and database.
    public enum OpenMode: Sendable {
        /// Create the database, and the data directory itself if its parent exists (`serve`, `facilitator add`).
        case createIfNeeded
        /// Require an existing database (`facilitator list|revoke`, `backup`, `export`).
        case existingOnly
    }

    /// The file name of the database inside the data directory.
    public static let databaseFileName = "reviewroom.sqlite3"

    /// The data directory (`data_dir`).
    public var dataDirectory: String
    /// Commit durability (`durability`).
    public var durability: Durability
    /// Whether a missing data directory or database may be created.
    public var openMode: OpenMode
    /// How long to wait for another process (a CLI command, a backup) holding the write lock.
    public var busyTimeoutMilliseconds: Int32
    /// The most appends committed in one transaction; 1 turns group commit off (the benchmark baseline).
    public var maxBatchSize: Int
    /// Largest size the WAL file is truncated back to after a checkpoint (`journal_size_limit`).
    public var walSizeLimitBytes: Int64
    /// WAL pages after which the checkpointer thread runs a passive checkpoint (see `Checkpointer`).
    /// 4,000 (16 MiB of 4 KiB pages) by default: appends from many sessions touch a page per
    /// session per commit, and a rarer checkpoint copies each page once for many commits
    /// (`reviewroom-bench store`, 100 sessions: 52k → 66k appends/s over 1,000 pages).
    public var walAutocheckpointPages: Int
    /// Journal rows not yet in `events` from which the writer folds a slice of the event journal
    /// into `events` (schemas v7, v8): each commit then owes twice what it appended (at most an
    /// eighth of this) and copies what it owes once a thirty-second of this is owed, from the
    /// sessions with the most rows; the slice is cleared once copied. 8,192 by default: the more
    /// events of one session a copy takes, the fewer pages each event costs, while the journal
    /// holds one to two times this many rows (a read of one session finds its own by row id,
    /// see `JournalDirectory`; only a read before the writer has read the journal back, or
    /// `event_log` queried by hand, scans them).
    public var journalFoldRows: Int
    /// Optional cap on the database size in pages (`max_page_count`): a quota that makes the
    /// store report `diskFull` before the disk is; nil for no cap.
    public var maxPageCount: Int64?
    /// While commits are failing (``Store/commitFailure``), how long the writer waits with
    /// nothing to do before it commits a probe of its own (a tiny write that must make the
    /// database grow), so a freed disk clears the failure without any other write; nil never
    /// probes (the failure then lasts until a real write commits).
    public var commitRetryMilliseconds: Int?
    /// Number of reader threads (each with its own connection).
    public var readerCount: Int
    /// How long an erased session's old pages may wait in the WAL for a reader or a checkpoint
    /// in the way before a warning says so (see `Checkpointer`): a read of the daemon's own or a
    /// background checkpoint usually ends within milliseconds, a `sqlite3` shell may stay open
    /// for hours. 5 s by default.
    public var erasureWarningMilliseconds: Int
    /// The clock stamping `created_at`/`revoked_at`; injectable for tests.
    public var now: @Sendable () -> Timestamp

    /// Creates a configuration for `dataDirectory`.
    public init(
        dataDirectory: String, durability: Durability = .process, openMode: OpenMode = .createIfNeeded,
        busyTimeoutMilliseconds: Int32 = 5_000, maxBatchSize: Int = 4_096,
        walSizeLimitBytes: Int64 = 64 << 20, walAutocheckpointPages: Int = 4_000, journalFoldRows: Int = 8_192,
        maxPageCount: Int64? = nil, readerCount: Int = 2, commitRetryMilliseconds: Int? = 5_000,
        erasureWarningMilliseconds: Int = 5_000,
        now: @escaping @Sendable () -> Timestamp = { Timestamp(secondsSince1970: Date().timeIntervalSince1970) }
    ) {
        self.now = now
        self.dataDirectory = dataDirectory
        self.durability = durability
        self.openMode = openMode
        self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
        self.maxBatchSize = max(1, maxBatchSize)
        self.walSizeLimitBytes = walSizeLimitBytes
        self.walAutocheckpointPages = walAutocheckpointPages
        self.journalFoldRows = max(1, journalFoldRows)
        self.maxPageCount = maxPageCount
        self.readerCount = max(1, readerCount)
        self.commitRetryMilliseconds = commitRetryMilliseconds
        self.erasureWarningMilliseconds = max(0, erasureWarningMilliseconds)
    }

    /// The database file's path.
    public var databasePath: String {
        dataDirectory.hasSuffix("/") ? dataDirectory + Self.databaseFileName : dataDirectory + "/" + Self.databaseFileName
    }
}
