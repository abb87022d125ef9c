/// What kind of activity a phase is. The raw value is the wire string.
public enum PhaseKind: String, Codable, Sendable, CaseIterable {
    /// The host school presents context and focus.
    case briefing
    /// Reviewers ask enquiry questions.
    case enquiry
    /// Evidence is gathered and noted.
    case evidence
    /// A round: everyone speaks in turn.
    case round
    /// Free or queued discussion.
    case discussion
    /// Actions are agreed.
    case actions
    /// Reflection on the review.
    case reflection
    /// A break.
    case `break`
}
