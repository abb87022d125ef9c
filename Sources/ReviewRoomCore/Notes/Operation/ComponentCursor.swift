/// Walks the components of an operation, letting callers consume part of one.
///
/// Used by compose and transform, which split components of one op at the boundaries of the other.
struct ComponentCursor {
    private let components: [OpComponent]
    private var index = 0
    /// The (remaining part of the) component under the cursor, nil at the end.
    private(set) var current: OpComponent?

    init(_ components: [OpComponent]) {
        self.components = components
        current = components.first
    }

    /// Moves to the next component.
    mutating func advance() {
        index += 1
        current = index < components.count ? components[index] : nil
    }

    /// Consumes `count` units of the current component, advancing when it is used up.
    mutating func consume(_ count: Int) {
        guard let component = current else { return }
        let length = component.length
        if count >= length { advance(); return }
        switch component {
        case .retain(let n): current = .retain(n - count)
        case .delete(let n): current = .delete(n - count)
        case .insert(let s): current = .insert(TextOperation.dropPrefix(s, count))
        }
    }
}
