/// Why the notes engine refused an operation.
///
/// Every refusal leaves the note untouched and does not use up the edit's `opId`.
/// The server maps ``Kind`` to a wire code; ``wireCode`` gives the mapping PROTOCOL.md §3.3–3.5 implies.
public struct NoteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The class of refusal.
    public enum Kind: String, Equatable, Sendable {
        /// The op is malformed or does not fit the note (`invalid_op`).
        case invalidOp
        /// Applying the op would make the note longer than its limit (`too_large`).
        case tooLarge
        /// The op names a revision the note has not reached yet (`invalid_op`: the client made it up).
        case unknownRevision
        /// The op names a revision older than the snapshot the buffer was restored from; the
        /// server answers with a fresh `welcome` or `invalid_state`.
        case staleRevision
    }

    /// The class of refusal.
    public var kind: Kind
    /// What was wrong with this input, for people.
    public var message: String

    /// Creates an error of `kind` explaining `message`.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The PROTOCOL.md error code this refusal is reported with.
    public var wireCode: String {
        switch kind {
        case .invalidOp, .unknownRevision: "invalid_op"
        case .tooLarge: "too_large"
        case .staleRevision: "invalid_state"
        }
    }

    /// `kind: message`.
    public var description: String { "\(kind.rawValue): \(message)" }
}
