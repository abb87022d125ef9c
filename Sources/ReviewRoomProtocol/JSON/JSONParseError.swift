/// Why a message is not the JSON it should be; the message names the byte offset.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, for people.
    public var message: String
    /// The member name an object repeats, when that is what was wrong (nil for any other fault).
    public var duplicateKey: String?
    /// Whether the text nests deeper than the parser's limit (a fault of size, not of syntax).
    public var nestsTooDeep = false

    /// Creates an error.
    public init(_ message: String) { self.message = message }

    /// The error for an object that names `key` a second time at byte `offset`.
    public init(duplicateKey key: String, at offset: Int) {
        message = "the member name '\(JSONDuplicateKeys.shown(key))' appears twice in one object (the second at byte \(offset)); "
            + "each name may appear once (I-JSON, RFC 7493)"
        duplicateKey = key
    }

    /// The message.
    public var description: String { message }
}
