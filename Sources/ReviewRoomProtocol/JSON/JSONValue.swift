/// A parsed JSON value, with the byte range of its source text (so a value can be handed on
/// as raw text, e.g. a note op to `TextOperation(json:)`).
public struct JSONValue: Sendable, Equatable {
    /// What kind of value it is.
    public enum Kind: Sendable, Equatable {
        /// `null`
        case null
        /// `true` / `false`
        case bool(Bool)
        /// A number, as parsed (`nil` when it does not fit a finite `Double`, e.g. `1e999`).
        case number(Double?)
        /// A string (a lone `\u` surrogate escape becomes U+FFFD here; the raw text keeps it).
        case string(String)
        /// An array.
        case array([JSONValue])
        /// An object, members in source order. ``JSONParser`` refuses a repeated name unless told
        /// not to; then the last one wins on lookup.
        case object([(String, JSONValue)])

        /// Structural equality (member order included).
        public static func == (lhs: Kind, rhs: Kind) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case (.bool(let a), .bool(let b)): a == b
            case (.number(let a), .number(let b)): a == b
            case (.string(let a), .string(let b)): a == b
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: false
            }
        }
    }

    /// The value.
    public var kind: Kind
    /// Where it is in the source bytes.
    public var range: Range<Int>

    /// Creates a value.
    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }

    /// The member `key` of an object (nil for a missing key or a non-object).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        return members.last { $0.0 == key }?.1
    }

    /// The text, when the value is a string.
    public var string: String? {
        if case .string(let text) = kind { return text }
        return nil
    }

    /// The number, when the value is a whole number that an `Int` holds exactly (|n| < 2⁵³).
    public var int: Int? {
        guard case .number(let number?) = kind, number == number.rounded(.towardZero),
              abs(number) < 9_007_199_254_740_992 else { return nil }
        return Int(number)
    }

    /// The elements, when the value is an array.
    public var array: [JSONValue]? {
        if case .array(let elements) = kind { return elements }
        return nil
    }

    /// A name for the value's kind in error messages: "a string", "null", "an array"…
    public var kindDescription: String {
        switch kind {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
