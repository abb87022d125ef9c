import ReviewRoomCore
import ReviewRoomProtocol

extension SessionActor {
    /// Sleeps until the state's next deadline (if it changed), then ticks.
    func rearm() {
        guard !stopped, !erasing else { return }
        let deadline = state.nextDeadline
        guard deadline != armedDeadline || timer == nil else { return }
        timer?.cancel()
        timer = nil
        armedDeadline = deadline
        guard let deadline else { return }
        let clock = clock
        timer = Task { [weak self] in
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            await self?.deadlineReached(deadline)
        }
    }

    /// Feeds the time into the state and records what it caused.
    func deadlineReached(_ deadline: Timestamp) {
        guard !stopped, !erasing, armedDeadline == deadline else { return }
        timer = nil
        let now = clock.now()
        let events = state.tick(at: now)
        if events.isEmpty {
            logger.warning("a deadline passed without anything to fire", metadata: ["session": "\(id)", "deadline": "\(deadline)"])
            // Do not spin on a deadline the core does not act on: wait for the next change.
            if let next = state.nextDeadline, next <= now { armedDeadline = next; return }
        }
        record(core: events, author: nil)
        rearm()
    }

    /// Stops the actor if nobody is joined, nothing waits for durability and no timer is
    /// pending (the registry then forgets it; a late change is retried on a fresh actor).
    func retireIfIdle() -> Bool {
        // Kept while erasing: the registry holds it until the erasure ends, so a join meanwhile
        // meets it (1001) instead of loading the rows being erased.
        guard !erasing, members.isEmpty, outbox.isEmpty, durable == seq, writesDone == writesIssued, armedDeadline == nil else { return false }
        stop(code: CloseCode.goingAway.rawValue, reason: "the session was unloaded")
        return true
    }

    /// The deadline the timer waits for (tests; status).
    var pendingDeadline: Timestamp? { armedDeadline }
}
