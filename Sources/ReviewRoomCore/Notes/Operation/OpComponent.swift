/// One component of a ``TextOperation``, in the ot.js model.
///
/// Lengths count UTF-16 code units. On the wire a retain is a positive integer, an insert a
/// non-empty string and a delete a negative integer.
public enum OpComponent: Hashable, Sendable {
    /// Keep this many units of the base text (always > 0 inside an operation).
    case retain(Int)
    /// Insert this text (never empty inside an operation).
    case insert(String)
    /// Remove this many units of the base text (always > 0 inside an operation).
    case delete(Int)

    /// The component's length in UTF-16 code units.
    public var length: Int {
        switch self {
        case .retain(let n), .delete(let n): n
        case .insert(let s): s.utf16.count
        }
    }
}
