import ReviewRoomCore
import ReviewRoomStore

extension LiveSessionControl {
    /// ``edit(session:_:by:at:)`` with no acting facilitator (the change is logged without an author).
    public func edit(session: SessionID, _ edit: SessionEdit, at: Timestamp) async throws -> SessionState {
        try await self.edit(session: session, edit, by: nil, at: at)
    }

    /// ``addParticipant(session:_:by:at:)`` with no acting facilitator.
    public func addParticipant(session: SessionID, _ participant: ReviewRoomCore.Participant, at: Timestamp) async throws {
        try await addParticipant(session: session, participant, by: nil, at: at)
    }

    /// ``removeParticipant(session:participant:by:at:)`` with no acting facilitator.
    public func removeParticipant(session: SessionID, participant: String, at: Timestamp) async throws {
        try await removeParticipant(session: session, participant: participant, by: nil, at: at)
    }
}
