import Logging
import ReviewRoomCore
import ReviewRoomStore

extension SessionActor {
    /// Records that `participantID` came online (their first connection joined). Fire and
    /// forget: the join does not wait for the write, a failure is logged.
    func attendanceJoined(_ participantID: String, at now: Timestamp) {
        armStillOnlineMarks()
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
        if members.isEmpty { stopStillOnlineMarks() }
        let logger = logger, session = id
        store.recordLeft(ParticipantID(participantID), in: session, at: now) { result in
            if case .failure(let error) = result {
                logger.error("cannot record that a participant went offline", metadata: [
                    "session": "\(session)", "participant": "\(participantID)", "error": "\(error)"])
            }
        }
    }

    /// Starts marking the open intervals still open every ``LiveLimits/attendanceMarkSeconds``
    /// on the session's clock, unless that already runs: called when someone comes online.
    func armStillOnlineMarks() {
        guard stillOnlineMarks == nil, !stopped else { return }
        let clock = clock, every = max(1, limits.attendanceMarkSeconds)
        // Counted from now, not from when the task first runs (it may start late).
        let first = clock.now().adding(seconds: every)
        stillOnlineMarks = Task { [weak self] in
            var next = first
            while true {
                do {
                    try await clock.sleep(until: next)
                } catch {
                    return
                }
                guard let marked = await self?.markStillOnline() else { return }
                // After a long stall (a suspended VM) the next mark is one period from now, not a burst.
                next = max(next, marked).adding(seconds: every)
            }
        }
    }

    /// Stops the marks (nobody is online, or the session stopped).
    func stopStillOnlineMarks() {
        stillOnlineMarks?.cancel()
        stillOnlineMarks = nil
    }

    /// Writes one still-here mark for the session's open intervals, fire and forget; returns the
    /// time marked, or nil (and stops the marks) when nobody is online any more.
    func markStillOnline() -> Timestamp? {
        guard !stopped, !members.isEmpty else {
            stopStillOnlineMarks()
            return nil
        }
        let now = clock.now(), logger = logger, session = id
        store.recordStillOnline(in: session, at: now) { result in
            if case .failure(let error) = result {
                logger.error("cannot mark online intervals as still open", metadata: ["session": "\(session)", "error": "\(error)"])
            }
        }
        return now
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
