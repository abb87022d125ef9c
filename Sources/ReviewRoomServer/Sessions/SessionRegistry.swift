import Logging
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import WebSocketTransport

/// Every live session of the daemon, one ``SessionActor`` each, loaded on first use (a
/// join, an HTTP change, a pending deadline at start-up) and dropped when idle.
public actor SessionRegistry {
    let store: Store
    let clock: any SessionClock
    /// The limits every session runs with.
    public nonisolated let limits: LiveLimits
    let logger: Logger
    /// Logs the failures of the sessions' fire-and-forget writes, throttled daemon-wide.
    let backgroundWrites: BackgroundWriteLog
    /// Connections of every session closed with 4029 (outbox overflow, flooding): the first of each kind
    /// logged, then a count a minute.
    let forcedCloses: ThrottledLog<ForcedCloseLogKind>
    /// Where commands, commit latencies and rate-limit refusals are counted (none in some tests).
    public nonisolated let metrics: Metrics?
    /// Decoded agendas and decks, shared by sessions made from the same template and deck.
    let definitions = SharedDefinitions()
    /// Console connections by facilitator, for ``sweepRevokedFacilitators()``.
    let consoles = ConsoleIndex()
    /// The owner's own participant being added to a session by a console's join
    /// (``addOwnParticipant(of:to:in:)``): another join meanwhile waits for it.
    var ownParticipantAdds: [OwnParticipantKey: Task<String, any Error>] = [:]
    /// How many sweeps have taken each revoked facilitator's own participants off the loaded
    /// sessions (``sweepRevokedFacilitators()`` does it twice).
    var revocationSweeps: [FacilitatorID: Int] = [:]
    private var sessions: [SessionID: SessionActor] = [:]
    private var loading: [SessionID: Task<SessionActor?, any Error>] = [:]
    /// How many erasures of each session are under way (``delete(session:erasing:)``; two DELETEs
    /// may overlap): an actor loaded for one meanwhile (its rows are still there) starts out
    /// erasing too, so nothing joins or changes it.
    var erasing: [SessionID: Int] = [:]
    /// Sessions loaded at least once by this process. Only a session's first load compares its
    /// list with the stored invitations: an invite or revocation stored and not logged is cut
    /// off only by a stop, while in this process the request that stored it (which loads the
    /// session first) logs it next, with its facilitator as the author.
    private var loadedOnce: Set<SessionID> = []
    /// Every participant's turns to join, against `reconnects_per_minute` (``joinTurn(for:in:)``).
    /// Kept here, not in the session: a session nobody else is in unloads at each leave.
    var joinPacing: JoinPacing
    /// Graceful shutdown began: `hello`s are refused with 1001 and load no session.
    public private(set) var isStopping = false

    /// Creates an empty registry over an open store. `writeRecoverySettleSeconds`: how long the
    /// sessions' store writes must go without failing before their recovery is logged.
    public init(store: Store, clock: any SessionClock = SystemSessionClock(), limits: LiveLimits = LiveLimits(),
                logger: Logger = Logger(label: "reviewroom.sessions"), metrics: Metrics? = nil,
                writeRecoverySettleSeconds: Double = 10) {
        self.store = store
        self.metrics = metrics
        self.clock = clock
        self.limits = limits
        self.logger = logger
        // A recovery is told once writes have gone 10 s without failing: on a nearly full disk
        // small writes get through now and then, and each logged "succeeds again".
        backgroundWrites = BackgroundWriteLog(logger: logger, clock: clock,
                                              throttle: BackgroundWriteLogThrottle(settleSeconds: writeRecoverySettleSeconds))
        forcedCloses = ThrottledLog(logger: logger, clock: clock)
        joinPacing = JoinPacing(perMinute: limits.reconnectsPerMinute)
    }

    /// How many sessions are loaded.
    public var liveSessionCount: Int { sessions.count }

    /// The actor of session `id`, loading it if needed; nil when no such session is stored.
    func actor(for id: SessionID) async throws -> SessionActor? {
        if let actor = sessions[id] {
            // Stopped (deleted, or a failed write) but not yet forgotten: load afresh instead.
            guard actor.stopped else { return actor }
            sessions[id] = nil
        }
        if let task = loading[id] { return try await task.value }
        // A session loaded after the drain began could be missed by it (an API request that was
        // already past the admission check): nothing new is loaded once shutdown began.
        if isStopping { throw SessionsStopping(session: id) }
        let task = Task { [store, clock, limits, logger, definitions, backgroundWrites, forcedCloses, consoles] () throws -> SessionActor? in
            guard var loaded = try await store.load(id) else { return nil }
            let state: LoadedSessionState
            do {
                state = try LoadedSessionState(loaded, limits: limits, shared: definitions)
            } catch let error where loaded.snapshot != nil {
                // The log is the truth: a snapshot that does not restore is passed over.
                logger.warning("session snapshot does not restore; replaying the whole log",
                               metadata: ["session": "\(id)", "error": "\(error)"])
                loaded.snapshot = nil
                loaded.operationsBeforeSnapshot = []
                loaded.events = try await store.events(of: id, after: 0)
                state = try LoadedSessionState(loaded, limits: limits, shared: definitions)
            }
            let actor = SessionActor(id: id, store: store, clock: clock, limits: limits, logger: logger, metrics: metrics,
                                     backgroundWrites: backgroundWrites, forcedCloses: forcedCloses, consoles: consoles,
                                     loaded: state) { [weak self] id in
                Task { await self?.forget(id) }
            }
            let firstLoad = self.loadedOnce.insert(id).inserted
            await actor.start(settling: firstLoad ? state.interruptedInvitations : [])
            return actor
        }
        loading[id] = task
        defer { loading[id] = nil }
        let actor = try await task.value
        // Another caller may have finished the same load while this one waited.
        if let existing = sessions[id] { return existing }
        if let actor {
            sessions[id] = actor
            if erasing[id] != nil { await actor.beginErasing() }
            // Loaded again after the sweeps that carried out a revocation (only a first load
            // compares the list with the stored invitations): the revoked owner's participant goes.
            for facilitator in revocationSweeps.keys { await actor.removeOwnParticipants(of: facilitator) }
        }
        return actor
    }

    /// The actor of `id` if it is loaded now.
    func loaded(_ id: SessionID) -> SessionActor? { sessions[id] }

    /// Every session's actor loaded now.
    var loadedActors: [SessionActor] { Array(sessions.values) }

    /// Whether session `id` is loaded or loading: someone is in it, or a request is using it.
    public func isInUse(_ id: SessionID) -> Bool { sessions[id] != nil || loading[id] != nil }

    /// Drops a session whose actor stopped (it is loaded afresh from the store next time).
    func forget(_ id: SessionID) {
        // The task that forgets a failed actor can run after a fresh one was loaded: keep that.
        if sessions[id]?.stopped == true { sessions[id] = nil }
    }

    /// Drops `id` if nobody is connected and no timer is pending.
    func unloadIfIdle(_ id: SessionID) async {
        guard let actor = sessions[id] else { return }
        guard await actor.isIdle, await actor.pendingDeadline == nil else { return }
        // Re-check after the awaits: someone may have joined meanwhile.
        guard sessions[id] === actor, await actor.isIdle else { return }
        await actor.waitUntilDurable()
        await actor.saveSnapshotBeforeUnload()
        guard sessions[id] === actor, await actor.retireIfIdle() else { return }
        sessions[id] = nil
    }

    /// Loads every stored session with a pending deadline (auto-start, running clock, timed
    /// turn), so timers go on after a restart; the others stay unloaded.
    ///
    /// Only sessions that may have one are loaded (see ``PendingTimerFilter``): loading replays
    /// a session's whole log, and replaying every stored session at each start cost seconds of
    /// CPU per thousand long sessions while live ones were already being served.
    public func armPendingTimers() async {
        do {
            for facilitator in try await store.facilitators() {
                for session in try await store.sessions(ownedBy: facilitator.id) {
                    guard !isStopping else { return }  // shutdown began during the scan
                    do {
                        let lastClockChange = try await store.lastClockChange(of: session.id)
                        guard PendingTimerFilter.mayHavePendingTimer(autoStart: session.definition.autoStart,
                                                                     lastClockChange: lastClockChange) else { continue }
                        _ = try await actor(for: session.id)
                        await unloadIfIdle(session.id)
                    } catch {
                        logger.error("cannot load session at start-up", metadata: ["session": "\(session.id)", "error": "\(error)"])
                    }
                }
            }
        } catch {
            logger.error("cannot scan sessions for pending timers", metadata: ["error": "\(error)"])
        }
    }

    /// Graceful shutdown's first step: from now on every `hello` is refused with close 1001
    /// (reconnect later) before it loads or joins a session, and nothing else loads one either
    /// (the HTTP API gets ``SessionsStopping``). Sessions already live go on until ``shutdown()``.
    public func stopJoining() {
        isStopping = true
    }

    /// Refuses joins (``stopJoining()``), closes every connection with 1001 and waits for
    /// pending commits (graceful shutdown). Sessions a `hello` was loading when joins stopped
    /// are waited for and stopped too.
    public func shutdown() async {
        isStopping = true
        while true {
            for task in Array(loading.values) { _ = try? await task.value }
            guard let (id, actor) = sessions.first else {
                if loading.isEmpty { break }
                // A finished load is stored by its caller once that caller runs again here.
                await Task.yield()
                continue
            }
            await actor.waitUntilDurable()
            await actor.finishSnapshot()
            await actor.stop(code: CloseCode.goingAway.rawValue, reason: "the server is going away")
            if sessions[id] === actor { sessions[id] = nil }
        }
        // The leaves the stops recorded report through the writer, in its order, before this
        // round trip returns (it may fail on a full disk, which is what is reported).
        try? await store.probe()
        backgroundWrites.logRemaining()
        forcedCloses.logRemaining()
    }

    /// The number of joined connections over all sessions.
    public func connectionCount() async -> Int {
        var total = 0
        for actor in sessions.values { total += await actor.memberCount }
        return total
    }
}
