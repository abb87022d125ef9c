/// A state change, stamped with the instant it happened.
///
/// Encodes as `{"at", "name", "data"}`: the wire event message without `type` and `seq`,
/// which the server adds. Replaying events in order onto the initial session rebuilds it
/// exactly (``SessionState/replaying(_:onto:)``).
public struct Event: Equatable, Sendable {
    /// When it happened (the `at` of the wire event).
    public var at: Timestamp
    /// What happened.
    public var body: EventBody

    /// Creates an event.
    public init(at: Timestamp, body: EventBody) {
        self.at = at
        self.body = body
    }

    /// The wire event name, e.g. `clock.changed`.
    public var name: String { body.name }
}
