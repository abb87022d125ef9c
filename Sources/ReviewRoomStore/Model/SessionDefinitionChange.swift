/// A session's new stored definition, and whether its calendar event now reads differently (so
/// its `SEQUENCE` rises, RFC 5545 §3.8.7.4).
///
/// Handed to ``Store/append(_:to:changing:completion:)`` with the events that announce it
/// (`session.changed`): the definition, the `SEQUENCE` bump and the events are one transaction,
/// so a crash leaves all of them stored or none.
public struct SessionDefinitionChange: Sendable, Equatable {
    /// The definition to store.
    public var definition: SessionDefinition
    /// Whether the calendar `SEQUENCE` rises by one.
    public var reschedule: Bool

    /// Creates a change.
    public init(definition: SessionDefinition, reschedule: Bool) {
        self.definition = definition
        self.reschedule = reschedule
    }
}
