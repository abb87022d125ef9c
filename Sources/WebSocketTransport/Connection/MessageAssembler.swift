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
    }

    private var buffer: [UInt8] = []

    /// Bytes gathered for the message in progress.
    var pendingCount: Int { buffer.count }

    /// Appends a chunk; `isFinal` is true for the last chunk of the last fragment.
    mutating func append(_ chunk: UnsafeRawBufferPointer, isFinal: Bool, limit: Int) -> Step {
        guard buffer.count + chunk.count <= limit else {
            buffer.removeAll()
            return .tooBig(limit: limit)
        }
        buffer.append(contentsOf: chunk)
        guard isFinal else { return .incomplete }
        defer { buffer = [] }
        return .complete(buffer)
    }
}
