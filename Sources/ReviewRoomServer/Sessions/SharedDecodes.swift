import LockedValue

/// Decoded values shared by every loaded session whose stored JSON text is the same (the
/// agendas and prompt decks of ``LoadedSessionState``).
///
/// Most sessions are made from a few built-in templates and decks, and each loaded session
/// used to decode its own copy: about 4 KB of phases, prompts and their strings per session,
/// which with 8 people a session was a tenth of the idle-connection memory goal. Sharing is
/// safe because the values are arrays of value types: a session that edits its agenda copies
/// it then, and the others keep the shared one.
final class SharedDecodes<Value: Sendable>: Sendable {
    /// Distinct texts kept; past it the cache starts over (a bound, not an eviction policy).
    let capacity: Int
    private let entries = Locked<[String: Value]>([:])

    /// An empty cache of at most `capacity` texts.
    init(capacity: Int = 64) {
        self.capacity = max(1, capacity)
    }

    /// The number of texts kept now.
    var count: Int { entries.withLock { $0.count } }

    /// The value decoded from `text`: the one kept for the same text, else `decode(text)`,
    /// which is then kept. A text that fails to decode is not kept.
    func value<Failure: Error>(for text: String, decode: (String) throws(Failure) -> Value) throws(Failure) -> Value {
        if let kept = entries.withLock({ $0[text] }) { return kept }
        let value = try decode(text)
        entries.withLock { kept in
            if kept.count >= capacity { kept.removeAll() }
            kept[text] = value
        }
        return value
    }
}
