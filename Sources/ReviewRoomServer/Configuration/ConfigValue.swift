/// One value of a configuration key as a source supplied it, before validation.
///
/// The TOML file yields typed values; flags and `REVIEWROOM_*` variables yield text that the
/// loader converts by the key's kind (lists comma-separated, booleans `true`/`false`).
public enum ConfigValue: Sendable, Equatable {
    /// A string.
    case string(String)
    /// A whole number.
    case integer(Int)
    /// A floating-point number.
    case float(Double)
    /// `true` or `false`.
    case boolean(Bool)
    /// A list of values.
    case list([ConfigValue])
    /// A value of a kind the configuration never accepts (a table, a date…), named for the message.
    case unsupported(String)

    /// The kind of value, as a message names it.
    public var kindName: String {
        switch self {
        case .string: "a string"
        case .integer: "an integer"
        case .float: "a floating-point number"
        case .boolean: "a boolean"
        case .list: "a list"
        case .unsupported(let kind): kind
        }
    }
}
