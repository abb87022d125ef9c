/// An edit of a whole text in the ot.js format: a sequence of retains, inserts and deletes
/// that together span the entire base text. Lengths count UTF-16 code units.
///
/// Operations are always kept in normal form: no zero-length component, no two adjacent
/// components of the same kind, and an insert never directly follows a delete (at one
/// position the insert comes first). Build one with ``retain(_:)``, ``insert(_:)`` and
/// ``delete(_:)`` (which normalise), or decode one with ``init(json:)`` (which validates).
public struct TextOperation: Hashable, Sendable {
    /// The components in normal form.
    public private(set) var components: [OpComponent] = []
    /// Length of the text this operation applies to.
    public private(set) var baseLength = 0
    /// Length of the text after applying this operation.
    public private(set) var targetLength = 0

    /// The empty operation (the identity on the empty text).
    public init() {}

    /// An operation built from `components` by the normalising builders; zero-length
    /// components are dropped.
    public init(_ components: [OpComponent]) {
        self.components.reserveCapacity(components.count)
        for component in components { append(component) }
    }

    /// The identity operation on a text of `length` units.
    public static func identity(length: Int) -> TextOperation {
        var op = TextOperation()
        op.retain(length)
        return op
    }

    /// Keeps the next `count` units. Zero or negative counts are ignored.
    public mutating func retain(_ count: Int) {
        guard count > 0 else { return }
        baseLength += count
        targetLength += count
        if case .retain(let last) = components.last {
            components[components.count - 1] = .retain(last + count)
        } else {
            components.append(.retain(count))
        }
    }

    /// Inserts `text` at the current position. An empty string is ignored.
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        targetLength += text.utf16.count
        let n = components.count
        switch components.last {
        case .insert(let last)?:
            components[n - 1] = .insert(last + text)
        case .delete?:
            // Normal form puts inserts before deletes at one position.
            if n >= 2, case .insert(let previous) = components[n - 2] {
                components[n - 2] = .insert(previous + text)
            } else {
                components.insert(.insert(text), at: n - 1)
            }
        default:
            components.append(.insert(text))
        }
    }

    /// Removes the next `count` units. Zero or negative counts are ignored.
    public mutating func delete(_ count: Int) {
        guard count > 0 else { return }
        baseLength += count
        if case .delete(let last) = components.last {
            components[components.count - 1] = .delete(last + count)
        } else {
            components.append(.delete(count))
        }
    }

    /// Appends `component` through the normalising builder.
    public mutating func append(_ component: OpComponent) {
        switch component {
        case .retain(let n): retain(n)
        case .insert(let s): insert(s)
        case .delete(let n): delete(n)
        }
    }

    /// True when the operation only retains (it changes nothing).
    public var isNoop: Bool {
        components.allSatisfy { if case .retain = $0 { true } else { false } }
    }

    /// UTF-16 units the operation inserts (what it adds to the text, whatever it deletes).
    public var insertedUnits: Int {
        targetLength - components.reduce(0) { kept, component in
            if case .retain(let n) = component { kept + n } else { kept }
        }
    }
}
