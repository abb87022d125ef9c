extension TextOperation {
    /// Decodes an op from its JSON text (e.g. `[3, "hi", -2, 5]`), checking PROTOCOL §3.3's
    /// component rules: integers only, no `0`, no `""`, no lone surrogates in inserts.
    ///
    /// Whether the op fits a note (its span, surrogate pairs in the text) is checked when it
    /// is received (``NoteBuffer/receive(_:baseRev:author:opId:at:)``). The empty op `[]` is
    /// well formed: it is the identity on an empty note, and spans the wrong length anywhere else.
    /// Adjacent components of one kind are accepted and merged (normalised).
    public init(json: String) throws(NoteError) {
        var parser = OpJSONParser(json)
        try self.init(validating: try parser.parse())
    }

    /// The most UTF-16 units an op may span (retains plus deletes): far beyond any note, and
    /// small enough that lengths summed from it never overflow `Int`.
    public static let maxSpan = 999_999_999_999_999

    /// Builds an op from already-decoded components, applying the same rules as ``init(json:)``.
    public init(validating components: [OpComponent]) throws(NoteError) {
        // Summed here, before the builders add them up: a 1 MiB message holds 60 000 retains
        // of 15 digits, whose sum would overflow `Int` and trap the daemon.
        var span = 0
        for (n, component) in components.enumerated() {
            switch component {
            case .retain(let v) where v > Self.maxSpan - span, .delete(let v) where v > Self.maxSpan - span:
                throw NoteError(.invalidOp,
                    "component \(n) takes the op past \(Self.maxSpan) code units (retains plus deletes); no note is that long")
            case .retain(let v) where v > 0, .delete(let v) where v > 0:
                span += v
            case .retain(let v) where v <= 0:
                throw NoteError(.invalidOp, "component \(n) is a retain of \(v); retains must be positive")
            case .delete(let v) where v <= 0:
                throw NoteError(.invalidOp, "component \(n) is a delete of \(v); deletes must be positive")
            case .insert(let s) where s.isEmpty:
                throw NoteError(.invalidOp, "component \(n) is an empty insert (\"\"), which PROTOCOL forbids")
            default:
                break
            }
        }
        self.init(components)
    }

    /// The op's JSON text in the wire format, e.g. `[3,"hi",-2,5]`.
    public var json: String {
        var out = "["
        for (n, component) in components.enumerated() {
            if n > 0 { out += "," }
            switch component {
            case .retain(let v): out += String(v)
            case .delete(let v): out += String(-v)
            case .insert(let s): JSONStringLiteral.append(s, to: &out)
            }
        }
        return out + "]"
    }
}
