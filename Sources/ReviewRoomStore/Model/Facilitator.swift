import ReviewRoomCore

/// Someone allowed to schedule and run sessions through the HTTP API.
public struct Facilitator: Sendable, Equatable {
    /// The facilitator's id (`f_…`).
    public var id: FacilitatorID
    /// Display name.
    public var name: String
    /// Optional e-mail.
    public var email: String?
    /// When they were added.
    public var createdAt: Timestamp
    /// When their token was revoked, if it was.
    public var revokedAt: Timestamp?

    /// Creates a facilitator value.
    public init(id: FacilitatorID, name: String, email: String?, createdAt: Timestamp, revokedAt: Timestamp?) {
        self.id = id
        self.name = name
        self.email = email
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
