/// The harmless write the writer commits on its own while commits are failing, so the store
/// notices a freed disk (or a file system remounted read-write) without waiting for a real
/// write that an idle daemon never gets (`/readyz` would stay 503 and a load balancer would keep
/// the daemon out for good).
///
/// It takes the same path as every write — a `BEGIN IMMEDIATE` transaction committed to the
/// WAL — and must make the database grow: it stores (then erases, in the same transaction) one
/// `store_metadata` row larger than the database's free pages by ``headroomPages``, so it needs
/// that many pages past the end of the file. A probe served by free pages alone, or by the one
/// page left under a `max_page_count`, would succeed while appends (an 8 KB edit needs three
/// pages) still fail, and the health would flap between failing appends and succeeding probes.
enum CommitProbe {
    /// The `store_metadata` key of the probe row (never left behind after a commit).
    static let key = "commit_probe"

    /// How many pages past the free ones the probe needs (256 KiB of 4 KiB pages): room for
    /// many ordinary writes, not only the smallest.
    static let headroomPages: Int64 = 64

    /// Most free pages the probe counts: with more free pages than this inside the file, a
    /// failure was not about room, and the probe need not grow the file past them.
    static let maxFreePages: Int64 = 192

    /// Writes and erases the probe row in the current transaction.
    static func run(_ connection: SQLiteConnection) throws {
        let free = try connection.integer("PRAGMA freelist_count") ?? 0
        let pageSize = try connection.integer("PRAGMA page_size") ?? 4_096
        // `hex` doubles the length: the text is (free + headroom) whole pages, more than that
        // many pages hold once each overflow page's 4-byte link is taken off.
        let zeroBytes = (min(free, maxFreePages) + headroomPages) * pageSize / 2
        try connection.run("INSERT OR REPLACE INTO store_metadata(key, value) VALUES (?1, hex(zeroblob(?2)))") {
            try $0.bind(1, key)
            try $0.bind(2, zeroBytes)
        }
        try connection.run("DELETE FROM store_metadata WHERE key = ?1") { try $0.bind(1, key) }
    }

    /// The probe as a writer job; its outcome shows only in the commit health.
    static var job: WriteJob {
        .transaction(TransactionJob(run: { connection in
            try run(connection)
            return {}
        }, fail: { _ in }))
    }
}
