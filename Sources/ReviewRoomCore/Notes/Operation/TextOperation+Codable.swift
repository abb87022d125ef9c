extension TextOperation: Codable {
    /// Decodes an op from a JSON array of integers and strings with the component rules of
    /// ``init(validating:)``; rule violations throw ``NoteError`` (kind `invalidOp`).
    ///
    /// A decoder may already have rejected or replaced a lone surrogate escape before this
    /// runs; use ``init(json:)`` on the op's raw text when that must be reported precisely.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var components: [OpComponent] = []
        while !container.isAtEnd {
            if let n = try? container.decode(Int.self) {
                // `-Int.min` would trap; that count is past ``maxSpan`` anyway.
                components.append(n >= 0 ? .retain(n) : .delete(n == .min ? .max : -n))
            } else if let s = try? container.decode(String.self) {
                components.append(.insert(s))
            } else {
                throw NoteError(.invalidOp, "component \(components.count) is neither an integer nor a string")
            }
        }
        try self.init(validating: components)
    }

    /// Encodes the op as a JSON array in the wire format.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for component in components {
            switch component {
            case .retain(let v): try container.encode(v)
            case .delete(let v): try container.encode(-v)
            case .insert(let s): try container.encode(s)
            }
        }
    }
}
