import LockedValue

/// Which `event_journal` rows may hold each session's events, so a read of one session finds its
/// journal rows by row id instead of scanning the whole journal (which has no index, see
/// `Migrations.version7`).
///
/// The writer keeps it; readers ask it. It may list too much, never too little: for any
/// committed state a reader sees, every journal row of a session has an id the session's list
/// holds, or an id below ``JournalRows/below``. That holds because
/// - the writer lists each row it inserts *before* the commit that makes it visible, and lists
///   every row the journal holds when it reads the journal back (at start, after another
///   connection committed);
/// - it drops ids only below the floor, and raises the floor only to just past a range of the
///   journal it deleted (a cleared slice), so a reader whose snapshot still holds those rows
///   finds them by a row-id range below the floor (they are in `events` too by then, and read
///   from there once);
/// - a reader asks only once its read transaction has its snapshot (``JournalRows/read(_:session:directory:)``),
///   so no row committed before that snapshot was inserted after the answer.
/// Rows rolled back, erased with their session, or already copied into `events` may stay
/// listed: a read filters by session and leaves out what `events` holds.
///
/// Until the writer has read the journal (and again from when it sees that another connection
/// committed until it has read it back) it is unknown, and readers scan the journal as before.
final class JournalDirectory: Sendable {
    private struct State {
        var known = false
        var floor: Int64 = 0
        var ids: [SessionID: [Int64]] = [:]
    }

    private let state = Locked(State())

    /// An empty, unknown directory.
    init() {}

    /// The rows that may hold `session`'s journal events now: every row when unknown.
    func rows(of session: SessionID) -> JournalRows {
        state.withLock { state in
            guard state.known else { return .everything }
            return JournalRows(ids: state.ids[session] ?? [], below: state.floor)
        }
    }

    /// Lists rows `ids` of `session`, which the writer just inserted (not yet committed).
    func inserted(_ ids: [Int64], of session: SessionID) {
        state.withLock { $0.ids[session, default: []].append(contentsOf: ids) }
    }

    /// Lists every row the journal holds (the writer read it back) and makes the directory known.
    func list(_ rows: [(id: Int64, session: SessionID)]) {
        state.withLock { state in
            var listed = state.ids.mapValues(Set.init)
            for row in rows where row.id >= state.floor { listed[row.session, default: []].insert(row.id) }
            state.ids = listed.mapValues { $0.sorted() }
            state.known = true
        }
    }

    /// The journal's rows up to `bound` are deleted (a cleared slice): readers find any their
    /// snapshot still holds by a range below the new floor.
    func cleared(through bound: Int64) {
        state.withLock { state in
            guard bound >= state.floor else { return }
            state.floor = bound + 1
            // Each list is ascending (ids only grow; a read back sorts them): only the sessions
            // whose oldest listed row is cleared change.
            for (session, ids) in state.ids where ids.first.map({ $0 <= bound }) == true {
                let kept = ids.drop { $0 <= bound }
                state.ids[session] = kept.isEmpty ? nil : Array(kept)
            }
        }
    }

    /// Lists every row the journal holds, read on the writer's `connection` when it opens.
    func readBack(_ connection: SQLiteConnection) throws {
        list(try connection.rows("SELECT id, session FROM event_journal ORDER BY id") { _ in } map: {
            (id: $0.int64(0), session: SessionID($0.text(1)))
        })
    }

    /// Another connection committed: it may have inserted rows nobody listed, so readers scan
    /// the journal until the writer reads it back (``list(_:)``).
    func forgetUntilRead() {
        state.withLock { $0.known = false }
    }
}

/// The `event_journal` rows a read of one session looks at: those with an id in ``ids`` or
/// below ``below`` (SQL: ``sql``, with parameters 8 and 9 bound by ``bind(_:)``).
struct JournalRows: Sendable {
    /// Row ids listed for the session, ascending.
    let ids: [Int64]
    /// Rows with a smaller id are looked at too.
    let below: Int64

    /// Every row of the journal (the directory is unknown).
    static let everything = JournalRows(ids: [], below: .max)

    /// The condition on `event_journal AS j` selecting these rows of session `?1`: each listed
    /// id is a primary-key lookup and the rows below the floor a row-id range (nearly always
    /// empty), never a scan of the whole journal unless the directory is unknown.
    static let sql = "(j.id IN (SELECT value FROM json_each(?8)) OR j.id < ?9) AND j.session = ?1"

    /// Binds parameters 8 and 9 of ``sql``.
    func bind(_ statement: SQLiteStatement) throws {
        try statement.bind(8, "[" + ids.map(String.init).joined(separator: ",") + "]")
        try statement.bind(9, below)
    }

    /// The rows to look at for `session`, asked of `directory` once `connection`'s transaction has
    /// its snapshot (a read of the journal's last row starts it if nothing did yet): rows
    /// committed before the snapshot were listed before it.
    static func read(_ connection: SQLiteConnection, session: SessionID, directory: JournalDirectory) throws -> JournalRows {
        _ = try connection.integer("SELECT max(id) FROM event_journal")
        return directory.rows(of: session)
    }
}
