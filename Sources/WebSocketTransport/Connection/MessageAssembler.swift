/// Reassembles WebSocket fragments into whole messages and enforces the size limit.
///
/// Pure: the service thread feeds it each `RECEIVE` chunk with lws' "final" flag.
struct MessageAssembler {
    /// Result of feeding one chunk.
    enum Step: Equatable {
        /// More fragments are expected.
        case incomplete
        /// A whole message.
        case complete([UInt8])
        /// The message grew past `limit` bytes (close 1009).
        case tooBig(limit: Int)
        /// The message grew past `limit` bytes and its rest is being read and dropped, so that
        /// the close (1009) comes at a message boundary; ``tooBig(limit:)`` follows at its end.
        case draining(limit: Int)
    }

    private var buffer: [UInt8] = []
    /// Bytes of a refused message dropped so far, or nil when no message is being drained.
    private var drained: Int?

    /// Bytes gathered for the message in progress.
    var pendingCount: Int { buffer.count }

    /// Appends a chunk; `isFinal` is true for the last chunk of the last fragment.
    ///
    /// With `drainLimit` above 0, a message that grows past `limit` is read to its end (up to
    /// `drainLimit` more bytes, dropped) before ``Step/tooBig(limit:)``: closing in the middle
    /// of a frame leaves lws' UTF-8 check mid-character on the rest of it, and lws then drops
    /// the connection without the close frame — the client never learns why.
    mutating func append(_ chunk: UnsafeRawBufferPointer, isFinal: Bool, limit: Int, drainLimit: Int = 0) -> Step {
        if let dropped = drained {
            let total = dropped + chunk.count
            guard !isFinal, total <= drainLimit else {
                drained = nil
                return .tooBig(limit: limit)
            }
            drained = total
            return .draining(limit: limit)
        }
        guard buffer.count + chunk.count <= limit else {
            buffer.removeAll()
            guard !isFinal, drainLimit > 0 else { return .tooBig(limit: limit) }
            drained = 0
            return .draining(limit: limit)
        }
        buffer.append(contentsOf: chunk)
        guard isFinal else { return .incomplete }
        defer { buffer = [] }
        return .complete(buffer)
    }
}
