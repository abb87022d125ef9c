import Foundation
import ReviewRoomCore

/// The writer's side of `event_journal` (schema v7): every append lands there, and each commit
/// that finds the journal at ``foldRows`` also folds a slice of it into `events`, the sessions
/// with the most rows first (why: `Migrations.version7`).
///
/// Confined to the writer thread, like `WriteBatch`. Keeps each session's journal row ids and
/// the `(author, opId)` keys they hold, so neither the duplicate guard nor a fold needs an index
/// on the journal, and each session's last seq is known without a scan. The cache is dropped
/// whenever a transaction fails or a job changed the journal (a session erased), and is read
/// back from the table — a few thousand rows — on next use.
struct EventJournal {
    /// One session's rows in the journal.
    private struct Rows {
        /// Row ids in seq order.
        var ids: [Int64] = []
        /// Each row's `(author, opId)`, parallel to ``ids``.
        var keys: [OperationKey?] = []
        var operations: Set<OperationKey> = []
        /// The seq of the newest row.
        var lastSeq: Int64 = 0

        mutating func append(_ id: Int64, seq: Int64, _ key: OperationKey?) {
            ids.append(id)
            keys.append(key)
            lastSeq = seq
            if let key { operations.insert(key) }
        }

        /// Forgets the oldest `count` rows (folded).
        mutating func removeFirst(_ count: Int) {
            for key in keys.prefix(count) { if let key { operations.remove(key) } }
            ids.removeFirst(count)
            keys.removeFirst(count)
        }
    }

    private struct Cache {
        var sessions: [SessionID: Rows] = [:]
        var total = 0
    }

    /// Journal rows from which commits fold (``StoreConfiguration/journalFoldRows``).
    let foldRows: Int
    private var cache: Cache?

    /// A journal folded once it holds `foldRows` rows.
    init(foldRows: Int) {
        self.foldRows = max(1, foldRows)
    }

    /// Whether the journal holds enough rows to fold a slice (false while unknown).
    var needsFold: Bool { (cache?.total ?? 0) >= foldRows }

    /// The rows a commit that appended `appended` folds once ``needsFold``: twice as many, so
    /// the journal shrinks back below ``foldRows`` while appends go on, and each commit's share
    /// of the folding stays in proportion to its own work (at most an eighth of ``foldRows``).
    func rowsToFold(afterAppending appended: Int) -> Int {
        min(max(1, 2 * appended), max(1, foldRows / 8))
    }

    /// Forgets what it knew of the table; read back on next use.
    mutating func forget() { cache = nil }

    /// After a job that ran its own SQL: forgets what it knew if the journal's row count changed
    /// (a session erased), and otherwise keeps it — most jobs (attendance, unchanged edits)
    /// never touch the journal, and reading it back costs a scan.
    mutating func checkAfterJob(_ connection: SQLiteConnection) {
        guard let cache else { return }
        let rows = try? connection.integer("SELECT count(*) FROM event_journal")
        if rows != Int64(cache.total) { self.cache = nil }
    }

    /// The seq of `session`'s newest journal row, nil when it has none there (the journal has no
    /// index: this is known from the cache, never from a scan per session).
    mutating func lastSeq(of session: SessionID, _ connection: SQLiteConnection) throws -> Int64? {
        try load(connection)
        return cache?.sessions[session]?.lastSeq
    }

    /// Whether `key` is stored for `session` already: in the journal (known here) or in `events`
    /// (one lookup in its unique op-id index, which writes nothing).
    mutating func contains(_ key: OperationKey, in session: SessionID, _ connection: SQLiteConnection) throws -> Bool {
        try load(connection)
        if cache?.sessions[session]?.operations.contains(key) == true { return true }
        let stored = try connection.integer("""
            SELECT 1 FROM events INDEXED BY events_unique_operation WHERE session = ?1 AND author = ?2 AND op_id = ?3
            """) {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, key.author)
            try $0.bind(3, key.opId)
        }
        return stored != nil
    }

    /// Inserts one event of `session` into the journal; returns its row id.
    func insert(_ event: EventRecord, session: SessionID, _ connection: SQLiteConnection) throws -> Int64 {
        try connection.run("INSERT INTO event_journal(session, seq, at, name, data, author, op_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)") {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, event.seq)
            try $0.bind(3, event.at.millisecondsSince1970)
            try $0.bind(4, event.name)
            try $0.bind(5, event.data)
            try $0.bind(6, event.author)
            try $0.bind(7, event.opId)
        }
        return connection.lastInsertRowID
    }

    /// Records that `events` of `session` were inserted as rows `ids`.
    mutating func inserted(_ events: [EventRecord], ids: [Int64], of session: SessionID) {
        guard cache != nil else { return }
        for (event, id) in zip(events, ids) {
            let key = event.author.flatMap { author in event.opId.map { OperationKey(author: author, opId: $0) } }
            cache?.sessions[session, default: Rows()].append(id, seq: event.seq, key)
        }
        cache?.total += ids.count
    }

    /// Moves `wanted` journal rows into `events` (or all there are), taken from the sessions
    /// with the most rows, each session's oldest rows, together and in seq order — so every
    /// session's journal rows still come after its `events` rows. Runs inside the caller's
    /// transaction; returns the rows moved. The caller ``forget()``s on failure.
    mutating func fold(atMost wanted: Int, _ connection: SQLiteConnection) throws -> Int {
        try load(connection)
        // Read in place: a copy of the cache held across the updates below would copy it whole.
        let chosen = Self.rowsToFold(cache?.sessions.lazy.map { ($0.key, $0.value.ids.count) } ?? [], wanted: wanted)
        guard !chosen.isEmpty else { return 0 }
        let ids = chosen.flatMap { cache?.sessions[$0.session]?.ids.prefix($0.rows) ?? [] }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let bind: (SQLiteStatement) throws -> Void = { try $0.bind(1, list) }
        // `CROSS JOIN` keeps the list's order: each session's rows together, by seq.
        try connection.run("""
            INSERT INTO events(session, seq, at, name, data, author, op_id)
            SELECT j.session, j.seq, j.at, j.name, j.data, j.author, j.op_id
            FROM json_each(?1) AS k CROSS JOIN event_journal AS j ON j.id = k.value
            """, bind)
        let moved = try connection.run("DELETE FROM event_journal WHERE id IN (SELECT value FROM json_each(?1))", bind)
        for (session, rows) in chosen {
            if rows == cache?.sessions[session]?.ids.count { cache?.sessions[session] = nil } else { cache?.sessions[session]?.removeFirst(rows) }
        }
        cache?.total -= moved
        return moved
    }

    /// How many of each session's oldest rows to fold: the sessions with the most rows first,
    /// until `wanted` rows (or all there are); the last session chosen may give only some.
    /// Sessions with equally many rows come in no particular order.
    static func rowsToFold(_ rows: some Sequence<(SessionID, Int)>, wanted: Int) -> [(session: SessionID, rows: Int)] {
        // Runs on every commit past the threshold, over every session with journal rows (1,000
        // in scenario a), for a slice of a few sessions: one pass finds the smallest row count
        // worth taking (counts from `histogramCap` up share its bucket), and only the sessions
        // at or above it are sorted.
        let all = rows.filter { $0.1 > 0 }
        guard wanted > 0, !all.isEmpty else { return [] }
        var histogram = [Int](repeating: 0, count: histogramCap + 1)
        for (_, count) in all { histogram[min(count, histogramCap)] += count }
        var floor = histogramCap
        var reached = histogram[floor]
        while reached < wanted, floor > 1 {
            floor -= 1
            reached += histogram[floor]
        }
        var chosen: [(session: SessionID, rows: Int)] = []
        var sum = 0
        for (session, count) in all.filter({ min($0.1, histogramCap) >= floor }).sorted(by: { $0.1 > $1.1 }) {
            guard sum < wanted else { break }
            let taken = min(count, wanted - sum)
            chosen.append((session, taken))
            sum += taken
        }
        return chosen
    }

    /// Row counts from this one up share the histogram's last bucket in ``rowsToFold(_:wanted:)``.
    private static let histogramCap = 256

    private mutating func load(_ connection: SQLiteConnection) throws {
        if cache != nil { return }
        var read = Cache()
        let rows = try connection.rows("SELECT id, session, seq, author, op_id FROM event_journal ORDER BY id") {
            ($0.int64(0), SessionID($0.text(1)), $0.int64(2), $0.optionalText(3), $0.optionalText(4))
        }
        for (id, session, seq, author, opId) in rows {
            read.sessions[session, default: Rows()].append(id, seq: seq, author.flatMap { author in opId.map { OperationKey(author: author, opId: $0) } })
        }
        read.total = rows.count
        cache = read
    }
}
