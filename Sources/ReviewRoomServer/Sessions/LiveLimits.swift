/// The limits and switches live sessions run with (from the daemon's configuration).
public struct LiveLimits: Sendable {
    /// Most UTF-16 units a note may hold (`max_note_units`).
    public var maxNoteUnits = 1_048_576
    /// Token bucket refill per second (`messages_per_second`).
    public var messagesPerSecond = 50
    /// Token bucket size (`message_burst`).
    public var messageBurst = 200
    /// UTF-16 units of note text one participant may insert per second in one session, with
    /// bursts to twice ``maxNoteUnits`` (`max_inserted_units_per_second`; 0, the default: no limit).
    public var maxInsertedUnitsPerSecond = 0
    /// Whether note edits get `hint` messages (`language_hints`).
    public var languageHints = false
    /// Most events a `resume` replays; a longer backlog gets a fresh `welcome`.
    public var replayLimit = 10_000
    /// Latest events a loaded session keeps framed in memory for `resume`s (between this and
    /// twice this many); a resume from further back, within ``replayLimit``, reads the older
    /// ones from the store. A ring of ``replayLimit`` events held 2.7–5.4 MB per long session.
    /// The ring also keeps at most about ``replayByteLimit`` bytes (twice that before it is
    /// trimmed): a resume never replays more.
    public var replayRingEvents = 1_000
    /// Most bytes a `resume` replays (it must fit the connection's outbox at once); a larger
    /// backlog gets a fresh `welcome`.
    public var replayByteLimit = 2 * 1024 * 1024
    /// Events after which a live session stores a snapshot (`snapshot_every_events`).
    public var snapshotEveryEvents = 2_000
    /// Revisions of each note a loaded session keeps in memory before its latest stored
    /// snapshot; older ones are read back from the store when an edit on an older revision
    /// (or the record) needs them. Without this bound a session's history grew by an op per
    /// keystroke for as long as it stayed loaded (about 320 bytes an edit with its op-id entry).
    public var historyKeptRevisions = 1_000
    /// UTF-16 units the ops a note keeps in memory before its latest snapshot may insert in
    /// all; older ones leave memory too. A thousand edits that each replace a 60,000-character
    /// note held some 60 MB.
    public var historyKeptUnits = 1_048_576
    /// Bytes of events after which a live session stores a snapshot even before
    /// ``snapshotEveryEvents`` events (so large edits leave memory sooner; see ``historyKeptUnits``).
    public var snapshotEveryBytes = 16 * 1_048_576
    /// Bytes of events since the latest snapshot above which a session stores one before it
    /// unloads (nobody joined, no timer pending), so that loading it again — each API call on
    /// a session nobody is in loads it — replays at most about this much.
    public var snapshotOnUnloadBytes = 256 * 1024
    /// Bits of each fingerprint kept for the `(author, opId)` of edits whose ops left memory
    /// (``ReviewRoomCore/OperationFingerprints``): 64 in the daemon, 8 bytes an edit. Tests
    /// keep fewer, so that an edit's fingerprint matches an older one and the edit must still be
    /// applied once the store shows it was never stored.
    public var operationFingerprintBits = 64
    /// Most connections one participant may hold in one session (`max_connections_per_participant`;
    /// 0: no limit). A `hello` beyond it is refused; open connections are never closed for it.
    public var maxConnectionsPerParticipant = 32
    /// Joins one participant may make at once, and then per minute, in one session
    /// (`reconnects_per_minute`; 0: no limit). A `hello` beyond it waits for its turn (``JoinPacing``).
    public var reconnectsPerMinute = 300
    /// Nesting depth a client message may have.
    public var maxJSONDepth = 32
    /// How often a session with someone online marks its open attendance intervals as still
    /// open (one small write per session, never per edit): after `kill -9` an interval is
    /// closed at the later of the last stored event and the last mark, so at most this much of
    /// a quiet stretch is lost.
    public var attendanceMarkSeconds: Double = 60

    /// Defaults (hints off).
    public init() {}
}
