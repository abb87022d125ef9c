import Foundation
import ReviewRoomCore

/// The writer's side of `event_journal`: every append lands there, and the journal is folded
/// into `events` a slice at a time (why: `Migrations.version7`; how: `Migrations.version8`).
///
/// A slice is every row the journal holds when its rows not yet in `events` reach
/// ``foldRows``. Each commit copies a share of the slice into `events`, the sessions with the
/// most rows left first, each session's rows together and in seq order; once it is all copied,
/// the next commits clear it from the journal with deletes of row-id ranges. Copied rows stay in
/// the journal until then (`event_log` shows them once), so no commit deletes rows scattered
/// over the journal's pages.
///
/// Confined to the writer thread, like `WriteBatch`. Keeps each session's journal row ids and
/// the `(author, opId)` keys they hold, so neither the duplicate guard nor a fold needs an index
/// on the journal, and each session's last seq is known without a scan. A job that erases a
/// session takes that session's rows out of the cache (``erased(_:)``). The cache is dropped
/// whenever a transaction fails or another connection committed, and is read back from the
/// table — a few thousand rows — on next use; a slice then starts at once from every row in
/// the journal, so the rows an earlier slice copied are cleared once the rest is copied.
struct EventJournal {
    /// One session's rows in the journal.
    private struct Rows {
        /// Row ids in seq order (ascending: the journal's row ids only grow while it holds rows).
        var ids: [Int64] = []
        /// Each row's `(author, opId)`, parallel to ``ids``.
        var keys: [OperationKey?] = []
        var operations: Set<OperationKey> = []
        /// The seq of the newest row.
        var lastSeq: Int64 = 0
        /// The oldest rows copied into `events` already: rows are copied in seq order.
        var copied = 0
        /// The oldest rows in the slice being copied (0 between slices).
        var inSlice = 0

        /// Rows of the slice not yet copied.
        var sliceLeft: Int { inSlice - copied }

        mutating func append(_ id: Int64, seq: Int64, _ key: OperationKey?) {
            ids.append(id)
            keys.append(key)
            lastSeq = seq
            if let key { operations.insert(key) }
        }

        /// Forgets the slice's rows up to row id `bound` (cleared from the journal, all copied);
        /// returns how many.
        mutating func clearSlice(through bound: Int64) -> Int {
            let cleared = ids.prefix(inSlice).prefix { $0 <= bound }.count
            for key in keys.prefix(cleared) { if let key { operations.remove(key) } }
            ids.removeFirst(cleared)
            keys.removeFirst(cleared)
            copied -= cleared
            inSlice -= cleared
            return cleared
        }
    }

    private struct Cache {
        var sessions: [SessionID: Rows] = [:]
        /// Every row in the journal.
        var total = 0
        /// Rows not yet copied into `events`.
        var uncopied = 0
        /// The newest row id in the journal.
        var newestID: Int64 = 0
        /// The newest row of the slice being copied or cleared; nil between slices.
        var sliceEnd: Int64?
        /// Rows of the slice not yet copied.
        var sliceLeft = 0
        /// The slice's rows up to this row id are cleared from the journal.
        var clearedThrough: Int64 = 0

        /// Changes every session's rows in place. A loop over `sessions.values.indices` would
        /// hold the dictionary's storage for its length, so the first change copied the storage
        /// and every change after it copied that session's `(author, opId)` set (heaptrack: 2 MB
        /// copied at once for one long session).
        mutating func updateEachSession(_ update: (inout Rows) -> Void) {
            var index = sessions.values.startIndex
            while index != sessions.values.endIndex {
                update(&sessions.values[index])
                sessions.values.formIndex(after: &index)
            }
        }
    }

    /// Rows not yet in `events` from which a slice is folded (``StoreConfiguration/journalFoldRows``).
    let foldRows: Int
    private var cache: Cache?
    /// Rows owed to `events` by the commits since the last copy (``rowsToFoldNow(afterAppending:)``).
    private var owed = 0
    /// Where readers look up each session's journal rows; told of every row inserted, read back
    /// or cleared.
    let directory: JournalDirectory
    /// No new row gets a smaller id (one past the last row cleared, or past the newest row known
    /// when a session was erased: ``erased(_:)``); unlike the cache, never
    /// forgotten, so ids do not start again from 1 when the journal empties: the directory's
    /// readers take every row below it for a cleared one (`JournalDirectory`).
    private var idFloor: Int64 = 1

    /// A journal whose slices start once `foldRows` of its rows are not yet in `events`,
    /// keeping `directory` up to date.
    init(foldRows: Int, directory: JournalDirectory = JournalDirectory()) {
        self.foldRows = max(1, foldRows)
        self.directory = directory
    }

    /// Whether a commit should fold: a slice is being copied, or one is due (false while unknown).
    var needsFold: Bool {
        guard let cache else { return false }
        return cache.sliceEnd != nil || cache.uncopied >= foldRows
    }

    /// The rows a commit that appended `appended` owes the fold once ``needsFold``: twice as
    /// many, so a slice is copied before the rows appended meanwhile make the next one due, and
    /// each commit's share of the folding stays in proportion to its own work (at most an eighth
    /// of ``foldRows``).
    func rowsToFold(afterAppending appended: Int) -> Int {
        min(max(1, 2 * appended), max(1, foldRows / 8))
    }

    /// Adds a commit's share (``rowsToFold(afterAppending:)``) to what is owed and returns the
    /// rows to copy in this commit: none until ``foldChunk`` rows are owed, then all of them.
    /// Copying a session's rows a few hundred at a time, rather than a few dozen in every
    /// commit, writes fewer pages of `events` per row: each chunk fills its leaves instead of
    /// rewriting the same half-full ones commit after commit.
    mutating func rowsToFoldNow(afterAppending appended: Int) -> Int {
        owed += rowsToFold(afterAppending: appended)
        guard owed >= foldChunk else { return 0 }
        defer { owed = 0 }
        return owed
    }

    /// Rows owed before a commit copies them: a thirty-second of ``foldRows`` (256 by default).
    var foldChunk: Int { max(1, foldRows / 32) }

    /// The most rows of a copied slice one commit clears: an eighth of ``foldRows``, the most it
    /// copies (1,024 by default). A range delete costs per row too — 2–5 ms for a whole slice of
    /// 8,192 in one commit, which held up the appends queued behind it.
    var clearRows: Int { max(1, foldRows / 8) }

    /// Forgets what it knew of the table; read back on next use.
    mutating func forget() { cache = nil }

    /// Reads the table back now unless known (see ``load(_:)``).
    mutating func readBack(_ connection: SQLiteConnection) throws { try load(connection) }

    /// A job erased `session`, deleting its rows from the journal (in the batch's transaction):
    /// they leave what is known too, and a slice being copied goes on without them. Jobs say so
    /// (``TransactionJob/erasesJournalOf``) instead of the journal being counted after every job:
    /// a count scans the whole table, and attendance runs a job at every join and leave.
    mutating func erased(_ session: SessionID) {
        // Moved out of `self` first, as in ``fold(atMost:everything:_:)``: updating a copy that
        // `self` still shared would copy every session's rows.
        guard var cache = self.cache else { return }
        self.cache = nil
        defer { self.cache = cache }
        guard let rows = cache.sessions.removeValue(forKey: session) else { return }
        cache.total -= rows.ids.count
        cache.uncopied -= rows.ids.count - rows.copied
        if cache.sliceEnd != nil { cache.sliceLeft -= rows.sliceLeft }
        // Its rows may have been the newest, even the slice's last: no later row may take their
        // ids, or it would fall inside the slice's range and be cleared with it uncopied.
        idFloor = max(idFloor, cache.newestID + 1)
    }

    /// Whether what is known of the journal matches the table (or nothing is known): checked
    /// after every job in debug builds, where a job that changed the journal without saying so
    /// would otherwise go unnoticed until a slice's clearing deleted an unexpected count.
    func agrees(with connection: SQLiteConnection) -> Bool {
        guard let cache else { return true }
        return (try? connection.integer("SELECT count(*) FROM event_journal")) == Int64(cache.total)
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

    /// Inserts one event of `session` into the journal; returns its row id: one past the largest
    /// in the table, as SQLite would choose, but never below ``idFloor``.
    func insert(_ event: EventRecord, session: SessionID, _ connection: SQLiteConnection) throws -> Int64 {
        try connection.run("""
            INSERT INTO event_journal(id, session, seq, at, name, data, author, op_id)
            VALUES (max(?8, coalesce((SELECT max(id) FROM event_journal), 0) + 1), ?1, ?2, ?3, ?4, ?5, ?6, ?7)
            """) {
            try $0.bind(1, session.rawValue)
            try $0.bind(2, event.seq)
            try $0.bind(3, event.at.millisecondsSince1970)
            try $0.bind(4, event.name)
            try $0.bind(5, event.data)
            try $0.bind(6, event.author)
            try $0.bind(7, event.opId)
            try $0.bind(8, idFloor)
        }
        return connection.lastInsertRowID
    }

    /// Records that `events` of `session` were inserted as rows `ids` (before the commit, so
    /// the directory lists them before any reader can see them).
    mutating func inserted(_ events: [EventRecord], ids: [Int64], of session: SessionID) {
        directory.inserted(ids, of: session)
        guard cache != nil else { return }
        for (event, id) in zip(events, ids) {
            let key = event.author.flatMap { author in event.opId.map { OperationKey(author: author, opId: $0) } }
            cache?.sessions[session, default: Rows()].append(id, seq: event.seq, key)
        }
        cache?.total += ids.count
        cache?.uncopied += ids.count
        // A new row's id is one more than the largest in the table (1 in an empty one).
        if let newest = ids.last { cache?.newestID = newest }
    }

    /// Copies up to `wanted` rows of the slice into `events` — starting a slice if one is due, or
    /// of every row when `everything` — and once the slice is all copied, clears up to
    /// ``clearRows`` of its rows from the journal (all of them when `everything`). Runs inside
    /// the caller's transaction; returns the rows copied. The caller ``forget()``s on failure.
    mutating func fold(atMost wanted: Int, everything: Bool = false, _ connection: SQLiteConnection) throws -> Int {
        try load(connection)
        guard var cache = self.cache else { return 0 }
        // Work on a copy moved out of `self`, so the updates below do not copy the cache whole.
        self.cache = nil
        defer { self.cache = cache }
        if everything || (cache.sliceEnd == nil && cache.uncopied >= foldRows) {
            Self.startSlice(&cache)
        }
        guard let sliceEnd = cache.sliceEnd else { return 0 }
        let chosen = Self.rowsToFold(cache.sessions.lazy.map { ($0.key, $0.value.sliceLeft) }, wanted: wanted)
        let ids = chosen.flatMap { session, rows in
            cache.sessions[session].map { $0.ids[$0.copied ..< $0.copied + rows] } ?? []
        }
        if !ids.isEmpty {
            // `CROSS JOIN` keeps the list's order: each session's rows together, by seq.
            try connection.run("""
                INSERT INTO events(session, seq, at, name, data, author, op_id)
                SELECT j.session, j.seq, j.at, j.name, j.data, j.author, j.op_id
                FROM json_each(?1) AS k CROSS JOIN event_journal AS j ON j.id = k.value
                """) { try $0.bind(1, "[" + ids.map(String.init).joined(separator: ",") + "]") }
        }
        for (session, rows) in chosen { cache.sessions[session]?.copied += rows }
        cache.sliceLeft -= ids.count
        cache.uncopied -= ids.count
        if cache.sliceLeft <= 0 {
            let bound = everything ? sliceEnd : min(sliceEnd, cache.clearedThrough + Int64(clearRows))
            try Self.clearSlice(through: bound, &cache, connection)
            idFloor = max(idFloor, bound + 1)
            directory.cleared(through: bound)
        }
        return ids.count
    }

    /// The slice becomes every row the journal holds now.
    private static func startSlice(_ cache: inout Cache) {
        var left = 0
        var oldest = cache.newestID
        cache.updateEachSession { rows in
            rows.inSlice = rows.ids.count
            left += rows.sliceLeft
            oldest = min(oldest, rows.ids.first ?? oldest)
        }
        cache.sliceEnd = cache.newestID
        cache.sliceLeft = left
        cache.clearedThrough = oldest - 1
    }

    /// Deletes the slice's rows — all copied — up to row id `bound` with one range delete, which
    /// frees whole pages instead of rewriting them row by row; the slice ends with its last row.
    /// A count other than the cache's means the cache was wrong: it throws, and the savepoint
    /// puts every row back.
    private static func clearSlice(through bound: Int64, _ cache: inout Cache, _ connection: SQLiteConnection) throws {
        let deleted = try connection.run("DELETE FROM event_journal WHERE id <= ?1") { try $0.bind(1, bound) }
        var expected = 0
        cache.updateEachSession { expected += $0.clearSlice(through: bound) }
        guard deleted == expected else {
            throw StoreError(.sqlite, "clearing the event journal through row \(bound) deleted \(deleted) rows, not the \(expected) copied into events; the rows are kept")
        }
        cache.sessions = cache.sessions.filter { !$0.value.ids.isEmpty }
        cache.total -= deleted
        cache.clearedThrough = bound
        if bound == cache.sliceEnd {
            cache.sliceEnd = nil
            cache.sliceLeft = 0
        }
    }

    /// How many of each session's rows to copy: the sessions with the most rows left first,
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

    /// Reads the journal back: each row, and whether `events` holds it already (copied by a
    /// slice that had not been cleared when the cache was dropped — a crash, a failed commit).
    private mutating func load(_ connection: SQLiteConnection) throws {
        if cache != nil { return }
        var read = Cache()
        let rows = try connection.rows("""
            SELECT j.id, j.session, j.seq, j.author, j.op_id,
                   EXISTS (SELECT 1 FROM events AS e WHERE e.session = j.session AND e.seq = j.seq)
            FROM event_journal AS j ORDER BY j.id
            """) {
            ($0.int64(0), SessionID($0.text(1)), $0.int64(2), $0.optionalText(3), $0.optionalText(4), $0.int64(5) != 0)
        }
        for (id, session, seq, author, opId, copied) in rows {
            read.sessions[session, default: Rows()].append(id, seq: seq, author.flatMap { author in opId.map { OperationKey(author: author, opId: $0) } })
            // Copied rows are each session's oldest: only a row right after them counts as copied.
            if copied, read.sessions[session]?.copied == (read.sessions[session]?.ids.count ?? 0) - 1 {
                read.sessions[session]?.copied += 1
            } else {
                read.uncopied += 1
            }
        }
        read.total = rows.count
        read.newestID = rows.last?.0 ?? 0
        // Rows copied but not cleared (a crash, a failed commit mid-slice): the slice goes on
        // at once, so they are cleared once the rest is copied, not only when a whole
        // threshold of new rows makes the next slice due.
        if read.uncopied < read.total { Self.startSlice(&read) }
        directory.list(rows.map { (id: $0.0, session: $0.1) })
        cache = read
    }
}
