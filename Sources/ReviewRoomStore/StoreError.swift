/// Everything that can go wrong in the store, with a code a program can switch on and a
/// message that says what was wrong with *this* input or *this* file.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is.
    public enum Code: String, Sendable, Equatable {
        /// The data directory does not exist (and could not or may not be created).
        case dataDirectoryMissing
        /// The data directory (or the database in it) cannot be written.
        case dataDirectoryNotWritable
        /// No ReviewRoom database exists yet in the data directory and this operation does not create one.
        case databaseMissing
        /// The file is not an SQLite database at all (`SQLITE_NOTADB`).
        case notADatabase
        /// The file is an SQLite database that belongs to another application.
        case foreignDatabase
        /// The database was written by a newer ReviewRoom with a schema this build does not know.
        case schemaTooNew
        /// The disk or the configured size limit is full (`SQLITE_FULL`).
        case diskFull
        /// The database file was deleted, renamed or replaced while the store had it open: what
        /// it commits goes to a file nobody will open again, so nothing more is acknowledged.
        case databaseMoved
        /// The database file is damaged (`SQLITE_CORRUPT`).
        case corrupt
        /// Another process held the database locked for longer than the busy timeout.
        case busy
        /// An appended event's seq does not directly follow the session's last stored seq.
        case sequenceGap
        /// An event with the same `(author, opId)` is already stored for the session.
        case duplicateOperation
        /// No session with this id is stored.
        case unknownSession
        /// No participant with this id is in the session.
        case unknownParticipant
        /// No facilitator with this id is stored.
        case unknownFacilitator
        /// An argument is malformed (empty name, empty append, opId without author…).
        case invalidInput
        /// The backup destination exists already or cannot be written.
        case backupFailed
        /// The backup to restore is not a ReviewRoom database this build can open, or could
        /// not be put in place (``DatabaseRestore``).
        case restoreFailed
        /// The caller's condition for a change did not hold in its transaction (an invite to a
        /// session whose stored clock refuses new people); nothing was written.
        case refused
        /// A bound the caller set was reached (a session's invitations); nothing was written.
        case limitReached
        /// The store was closed before the operation ran.
        case closed
        /// Any other SQLite failure; `sqliteCode` says which.
        case sqlite
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, for a person: names the input, the file or the session.
    public var message: String
    /// The extended SQLite result code, when SQLite reported the failure.
    public var sqliteCode: Int32?

    /// Creates an error.
    public init(_ code: Code, _ message: String, sqliteCode: Int32? = nil) {
        self.code = code
        self.message = message
        self.sqliteCode = sqliteCode
    }

    /// The message, so `"\(error)"` reads well on a terminal.
    public var description: String { message }
}
