extension SessionState {
    /// The status at `now`: a session not started is `lobby` from
    /// `startsAt − lobbyOpensMinutesBefore` on, by the clock alone.
    public func status(at now: Timestamp) -> ClockStatus {
        if clock.status == .scheduled, now >= info.opensAt { return .lobby }
        return clock.status
    }

    /// The status at `now` once every server-timed event due by then has fired: like
    /// ``status(at:)``, except that an `autoStart` session whose start is due is already `live`.
    public func statusAfterDueEvents(at now: Timestamp) -> ClockStatus {
        var due = self
        _ = due.tick(at: now)
        return due.status(at: now)
    }

    /// Whether a participant may join at `now`.
    public func joinAvailability(at now: Timestamp) -> JoinAvailability {
        status(at: now) == .scheduled ? .notOpen(opensAt: info.opensAt) : .open
    }

    /// The `not_open` error for a join at `now`, or nil when joining is open.
    public func notOpenError(at now: Timestamp) -> CommandError? {
        guard case .notOpen(let opensAt) = joinAvailability(at: now) else { return nil }
        let minutes = info.lobbyOpensMinutesBefore
        guard minutes > 0 else {
            return CommandError(code: .notOpen, message: "session \(info.id) opens when it starts, at \(opensAt.rfc3339)")
        }
        return CommandError(code: .notOpen, message: "session \(info.id) opens at \(opensAt.rfc3339), "
            + "\(minutes) minute\(minutes == 1 ? "" : "s") before it starts at \(info.startsAt.rfc3339)")
    }

    /// The clock as seen at `now`: elapsed time up to date and `lobby` derived.
    public func clock(at now: Timestamp) -> Clock {
        var value = clock.at(now)
        value.status = status(at: now)
        return value
    }

    /// The snapshot parts at `now`, in PROTOCOL.md §3.1's shapes.
    public func snapshot(at now: Timestamp) -> SessionSnapshot {
        SessionSnapshot(id: info.id, title: info.title, hostSchool: info.hostSchool, focus: info.focus,
                        startsAt: info.startsAt, timeZone: info.timeZone, agenda: agenda, clock: clock(at: now),
                        floor: floor, prompts: prompts, notes: notes, participants: participants)
    }
}
