/// One connection's unsent frames and pending close, guarded by the connection's lock.
struct OutboxState {
    /// Frames not yet handed to `lws_write`, oldest first.
    var frames = FIFO<OutboundFrame>()
    /// Payload bytes in `frames`.
    var queuedBytes = 0
    /// A close requested by the owner (sent after `frames`) or by overflow (sent at once).
    var closeRequest: CloseRequest?
    /// The connection is gone (lws reported it closed).
    var closed = false
    /// How it ended, as first seen by the service thread (nil while open; see ``ending(for:)``).
    var ending: ConnectionEnding?
    /// A wake-up (cancel-service command or writable callback) is already on its way.
    var wakePending = false
    /// When the frame that asked for the pending wake-up was queued (monotonic ns; 0 when not
    /// timed): the oldest of what the next write takes, for ``TransportWaitObserver/sendWaited``.
    var queuedAt: UInt64 = 0

    /// A close frame to send: code and reason.
    struct CloseRequest: Equatable {
        /// Close code (1000, 1001, 4029, …).
        var code: UInt16
        /// Reason text (at most 123 bytes go on the wire).
        var reason: String
        /// Discard queued frames and close now (overflow, shutdown deadline).
        var immediate: Bool
    }

    /// Removes the front frames that fit one packed write (always at least one) and un-counts
    /// their bytes.
    mutating func takeBatch() -> [OutboundFrame] {
        let taken = frames.popPrefix(maxBytes: FrameBatch.byteBudget)
        for frame in taken { queuedBytes -= frame.count }
        return taken
    }

    /// When the oldest frame of the batch being taken was queued, once (0 when not timed).
    mutating func takeQueuedAt() -> UInt64 {
        defer { queuedAt = 0 }
        return queuedAt
    }

    /// Records how the connection is ending unless that is known already: a close the
    /// server sends after its peer's close frame is the answer to it, not a second ending.
    mutating func noteEnding(_ ending: ConnectionEnding) {
        if self.ending == nil { self.ending = ending }
    }

    /// How it ended once closed: what was noted, else a close the owner asked for (a peer that
    /// never read it was dropped after the grace), else a drop.
    var finalEnding: ConnectionEnding {
        ending ?? closeRequest.map { .closedByServer(code: $0.code) } ?? .dropped
    }

    /// Whether new frames are still accepted.
    var acceptsFrames: Bool { !closed && closeRequest == nil }
}
