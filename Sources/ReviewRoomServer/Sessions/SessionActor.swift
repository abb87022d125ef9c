import Logging
import ReviewRoomCore
import ReviewRoomProtocol
import ReviewRoomStore
import Synchronization
import WebSocketTransport

/// One live session: its state, notes, seq and members. Commands are decided here, their
/// events numbered and handed to the store, and everything the session sends waits in one
/// FIFO (``PendingOutput``) until the store says it is durable.
///
/// Nothing in a command's path awaits, so commands are decided strictly in arrival order and
/// the actor's state never changes under a suspended command (no reentrancy to re-check).
actor SessionActor {
    let id: SessionID
    let store: Store
    let clock: any SessionClock
    let limits: LiveLimits
    let logger: Logger
    let metrics: Metrics?
    /// Where the outcomes of writes not waited for go (shared by every session of the registry).
    let backgroundWrites: BackgroundWriteLog
    /// Where its connections closed with 4029 (outbox overflow, flooding) are logged (daemon-wide, throttled).
    let forcedCloses: ThrottledLog<ForcedCloseLogKind>
    /// The command `handle` is deciding (for its metrics), and how it ended so far.
    var handling: (type: String, outcome: String)?
    /// The daemon's index of console connections, kept up to date by joins, leaves and ``stop(code:reason:)``.
    let consoles: ConsoleIndex
    /// Called when the actor can no longer continue (a failed append); the registry forgets it.
    let onFailure: @Sendable (SessionID) -> Void

    var epoch: String
    var state: SessionState
    var notes: [String: NoteBuffer]
    /// Every `(author, opId)` ever applied or acked in this session, with its ack revision.
    var opIndex: [NoteOpKey: Int]
    /// The last seq handed to the store.
    var seq: Int64
    /// The last seq the store reported durable.
    var durable: Int64
    /// How many edits that changed nothing were handed to the store (``recordUnchanged(_:)``).
    var writesIssued: Int64 = 0
    /// How many of those the store reported durable (it commits them in order).
    var writesDone: Int64 = 0
    /// Recent event frames for `resume` replay.
    var recent: RecentEvents
    var members: [ConnectionID: SessionMember] = [:]
    /// How many of ``members`` each participant holds, against `max_connections_per_participant`.
    var connectionCap: ConnectionCap
    /// How much note text each participant may still insert (`max_inserted_units_per_second`).
    var insertBudgets: InsertBudgets
    var outbox: [PendingOutput] = []
    var timer: Task<Void, Never>?
    /// Marks the open attendance intervals still open every ``LiveLimits/attendanceMarkSeconds``
    /// while someone is online (``armStillOnlineMarks()``); nil while nobody is.
    var stillOnlineMarks: Task<Void, Never>?
    var armedDeadline: Timestamp?
    /// Set once the session cannot go on (append failed, deleted, or retired): nothing more is
    /// decided. An atomic, so the registry reads it without a hop and never hands out a stopped
    /// actor: the actor's 4004 can reach a client before the registry's task to forget it runs.
    private let stoppedFlag = Atomic<Bool>(false)
    /// Whether the actor stopped (see ``stoppedFlag``); set only by ``markStopped()``.
    nonisolated var stopped: Bool { stoppedFlag.load(ordering: .acquiring) }

    /// Sets ``stopped``, once and for good.
    func markStopped() { stoppedFlag.store(true, ordering: .releasing) }
    /// Set when ``stopped`` because the session was deleted: a request that raced the delete is
    /// then answered as for any deleted session (404), not as a server failure.
    var wasDeleted = false
    /// Set while a DELETE or the retention sweep erases the session (``beginErasing()``): nothing
    /// more is decided, but the connections stay open until the erasure is committed (then 4004)
    /// or fails (then 1001, and the session is loaded afresh on reconnection).
    var erasing = false
    /// Why the store refused the events that stopped the actor, for the call that was waiting on
    /// them (a PATCH answers it: 503 for a full disk, as any store failure).
    var writeFailure: StoreError?
    /// The seq of the snapshot the notes' history in memory starts at (0: the whole history):
    /// the one loaded from, then the latest stored once history was left out of memory
    /// (``forgetHistory(before:)``); every op missing from memory is stored at or before it.
    var historyStartSeq: Int64
    /// The seq of the latest snapshot saved or loaded, and whether one is being saved.
    var snapshotSeq: Int64
    /// Bytes of the events since ``snapshotSeq``, those replayed at load included
    /// (``LiveLimits/snapshotEveryBytes``, ``LiveLimits/snapshotOnUnloadBytes``).
    var eventBytesSinceSnapshot: Int
    /// The snapshot being saved, if any.
    var snapshotSave: Task<Void, Never>?
    /// Older note history being read from the store, by note (so concurrent askers share one read).
    var olderHistoryReads: [String: Task<Void, Never>] = [:]
    /// The fingerprints of the `(author, opId)` of the edits stored before ``historyStartSeq``:
    /// their revs are not in ``opIndex`` until the older history is read back.
    var operationsBeforeSnapshot: OperationFingerprints
    /// The text around the last edit, read for its language hints (one buffer reused for every
    /// edit: a fresh 1–4 KiB array per keystroke cost glibc's large-chunk malloc and free).
    var hintUnits: [UInt16] = []
    /// Whose own participant each facilitator's participant is, by participant id
    /// (``ReviewRoomStore/StoredParticipant/actsFor``): a console joins as it and an API change is
    /// credited to it, never to a co-facilitator who shares the facilitator's name.
    var ownParticipants: [String: FacilitatorID]
    /// The review this session follows when it is a post-review workshop (`followsSession`):
    /// its welcome and its `not_open` say so, so pages call it a workshop, not a review.
    let followsSession: SessionID?

    init(id: SessionID, store: Store, clock: any SessionClock, limits: LiveLimits, logger: Logger,
         metrics: Metrics? = nil, backgroundWrites: BackgroundWriteLog,
         forcedCloses: ThrottledLog<ForcedCloseLogKind>, consoles: ConsoleIndex,
         loaded: LoadedSessionState, onFailure: @escaping @Sendable (SessionID) -> Void) {
        self.id = id
        self.store = store
        self.clock = clock
        self.limits = limits
        self.logger = logger
        self.metrics = metrics
        self.backgroundWrites = backgroundWrites
        self.forcedCloses = forcedCloses
        self.consoles = consoles
        self.onFailure = onFailure
        epoch = loaded.epoch
        state = loaded.state
        notes = loaded.notes
        opIndex = loaded.opIndex
        seq = loaded.seq
        durable = loaded.seq
        recent = loaded.recent
        historyStartSeq = loaded.snapshotSeq
        operationsBeforeSnapshot = loaded.operationsBeforeSnapshot
        snapshotSeq = loaded.snapshotSeq
        eventBytesSinceSnapshot = loaded.replayedBytes
        ownParticipants = loaded.ownParticipants
        followsSession = loaded.followsSession
        connectionCap = ConnectionCap(limit: limits.maxConnectionsPerParticipant)
        insertBudgets = InsertBudgets(limits: limits)
    }

    /// Whether no connection is joined.
    var isIdle: Bool { members.isEmpty }

    /// The number of joined connections.
    var memberCount: Int { members.count }

    /// Who is online now.
    var online: Set<String> { Set(members.values.map(\.participantID)) }

    /// Note snapshots in the session's note order.
    var noteSnapshots: [NoteSnapshot] {
        state.notes.compactMap { notes[$0.id]?.snapshot }
    }

    /// Closes the online intervals a killed daemon left open, logs the invites and revocations
    /// it stored but never logged (`interruptedInvitations`), arms the timer for the loaded
    /// state (a deadline passed while down fires at once), and saves a snapshot if loading replayed `snapshotEveryEvents` events or more, so the next
    /// load does not (a session whose log grew before snapshots existed, or was imported).
    func start(settling interruptedInvitations: [ParticipantChange] = []) {
        closeInterruptedAttendance()
        settle(interruptedInvitations)
        rearm()
        saveSnapshotIfDue()
    }
}
