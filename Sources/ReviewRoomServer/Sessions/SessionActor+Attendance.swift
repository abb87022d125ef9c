import Logging
import ReviewRoomCore
import ReviewRoomStore

extension SessionActor {
    /// Records that `participantID` came online (their first connection joined). Fire and
    /// forget: the join does not wait for the write; its outcome goes to ``backgroundWrites``.
    func attendanceJoined(_ participantID: String, at now: Timestamp) {
        armStillOnlineMarks()
        let writes = backgroundWrites, session = id
        store.recordJoined(ParticipantID(participantID), in: session, at: now) { result in
            writes.report(.attendanceJoined, session: session, result, details: ["participant": "\(participantID)"])
        }
    }

    /// Records that `participantID` went offline (their last connection closed). Fire and forget.
    func attendanceLeft(_ participantID: String, at now: Timestamp) {
        if members.isEmpty { stopStillOnlineMarks() }
        let writes = backgroundWrites, session = id
        store.recordLeft(ParticipantID(participantID), in: session, at: now) { result in
            writes.report(.attendanceLeft, session: session, result, details: ["participant": "\(participantID)"])
        }
    }

    /// Starts marking the open intervals still open every ``LiveLimits/attendanceMarkSeconds``
    /// on the session's clock, unless that already runs: called when someone comes online.
    func armStillOnlineMarks() {
        guard stillOnlineMarks == nil, !stopped, !erasing else { return }
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
        guard !stopped, !erasing, !members.isEmpty else {
            stopStillOnlineMarks()
            return nil
        }
        let now = clock.now(), writes = backgroundWrites, session = id
        store.recordStillOnline(in: session, at: now) { result in
            writes.report(.stillOnlineMark, session: session, result)
        }
        return now
    }

    /// Closes the intervals a killed daemon left open, before anyone joins this load of the
    /// session (the store runs writes in order, so the joins that follow are not touched).
    func closeInterruptedAttendance() {
        let logger = logger, writes = backgroundWrites, session = id
        store.closeInterruptedAttendance(in: session, at: clock.now()) { result in
            writes.report(.interruptedAttendance, session: session, result)
            if case .success(let closed) = result, closed > 0 {
                logger.notice("closed online intervals left open by a daemon that stopped without closing them", metadata: [
                    "session": "\(session)", "intervals": "\(closed)"])
            }
        }
    }
}
