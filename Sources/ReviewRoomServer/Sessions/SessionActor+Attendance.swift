import Logging
import ReviewRoomCore
import ReviewRoomStore

extension SessionActor {
    /// Records that `participantID` came online (their first connection joined). Fire and
    /// forget: the join does not wait for the write, a failure is logged.
    func attendanceJoined(_ participantID: String, at now: Timestamp) {
        let logger = logger, session = id
        store.recordJoined(ParticipantID(participantID), in: session, at: now) { result in
            if case .failure(let error) = result {
                logger.error("cannot record that a participant came online", metadata: [
                    "session": "\(session)", "participant": "\(participantID)", "error": "\(error)"])
            }
        }
    }

    /// Records that `participantID` went offline (their last connection closed). Fire and forget.
    func attendanceLeft(_ participantID: String, at now: Timestamp) {
        let logger = logger, session = id
        store.recordLeft(ParticipantID(participantID), in: session, at: now) { result in
            if case .failure(let error) = result {
                logger.error("cannot record that a participant went offline", metadata: [
                    "session": "\(session)", "participant": "\(participantID)", "error": "\(error)"])
            }
        }
    }

    /// Closes the intervals a killed daemon left open, before anyone joins this load of the
    /// session (the store runs writes in order, so the joins that follow are not touched).
    func closeInterruptedAttendance() {
        let logger = logger, session = id
        store.closeInterruptedAttendance(in: session) { result in
            switch result {
            case .success(let closed) where closed > 0:
                logger.notice("closed online intervals left open by a daemon that stopped without closing them", metadata: [
                    "session": "\(session)", "intervals": "\(closed)"])
            case .success:
                break
            case .failure(let error):
                logger.error("cannot close online intervals left open", metadata: ["session": "\(session)", "error": "\(error)"])
            }
        }
    }
}
