/// A round in progress: everyone in `order` gets a timed turn.
/// Encodes as `{order, index, secondsEach, passed}`.
public struct Round: Codable, Equatable, Sendable {
    /// Participant ids in speaking order.
    public var order: [String]
    /// Index into `order` of the current speaker.
    public var index: Int
    /// Length of each turn in seconds.
    public var secondsEach: Double
    /// Participant ids who passed, in the order they passed.
    public var passed: [String]

    /// Creates a round.
    public init(order: [String], index: Int, secondsEach: Double, passed: [String] = []) {
        self.order = order
        self.index = index
        self.secondsEach = secondsEach
        self.passed = passed
    }
}
