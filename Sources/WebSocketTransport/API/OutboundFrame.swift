import CLibWebSockets

/// A text frame encoded once and shareable by many connections without copying.
///
/// The payload sits behind `LWS_PRE` bytes of headroom in one heap block, so the service
/// thread can hand the same bytes to `lws_write` for every connection it is queued on.
public final class OutboundFrame: @unchecked Sendable {
    // @unchecked Sendable is sound: the payload bytes are written once in `init` and never
    // again. Afterwards only the single lws service thread touches the block: `lws_write`
    // writes the frame header into the headroom in front of the payload (never into the
    // payload, as server frames are unmasked and permessage-deflate is off), and since all
    // those writes happen one after another on that one thread, no two of them overlap.
    private let block: UnsafeMutableRawPointer

    /// Payload length in bytes.
    public let count: Int

    /// Wraps UTF-8 JSON bytes (the transport keeps `LWS_PRE` headroom in front).
    public init(text: [UInt8]) {
        count = text.count
        block = .allocate(byteCount: reviewroom_lws_pre + max(text.count, 1), alignment: 16)
        text.withUnsafeBytes { bytes in
            if let base = bytes.baseAddress {
                (block + reviewroom_lws_pre).copyMemory(from: base, byteCount: bytes.count)
            }
        }
    }

    /// Wraps a UTF-8 string.
    public convenience init(_ text: String) {
        self.init(text: Array(text.utf8))
    }

    deinit { block.deallocate() }

    /// The payload as text (a copy; for tests and diagnostics).
    public var text: String {
        String(decoding: UnsafeBufferPointer(start: payload, count: count), as: UTF8.self)
    }

    /// The payload start, with `LWS_PRE` writable bytes in front (service thread only).
    var payload: UnsafeMutablePointer<UInt8> {
        (block + reviewroom_lws_pre).assumingMemoryBound(to: UInt8.self)
    }
}
