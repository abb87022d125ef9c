/// Stored events a `resume` may still ask for that are not in a session's replay ring: the
/// `count` events after seq `after` (those up to the snapshot it was loaded from).
struct ReplayWindow: Equatable, Sendable {
    /// The seq just before the first event of the window.
    var after: Int64
    /// How many events the window holds.
    var count: Int
}
