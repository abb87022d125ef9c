import CLibWebSockets
import Glibc

/// The `lws_protocols` array handed to libwebsockets, with its `strdup`ed names.
///
/// lws keeps pointers into it for the context's whole life, so it is heap-allocated here
/// and freed only after the context is destroyed (a Swift global table would be a Swift 6
/// error and a stack one would dangle).
final class ProtocolTable {
    /// Index of the HTTP protocol (protocols[0]: plain requests and upgrades without a subprotocol).
    static let httpIndex = 0
    /// Index of the WebSocket protocol (`reviewroom.v1`).
    static let webSocketIndex = 1
    /// Name of the raw protocol that watches an inherited listening socket.
    static let listenerName = "reviewroom-listener"

    /// The array, terminated by a zeroed entry.
    let entries: UnsafeMutablePointer<lws_protocols>
    private let names: [UnsafeMutablePointer<CChar>]
    private let count = 4

    /// Builds the table for `subprotocol`: lws hands received data over in chunks of at most
    /// `rxBufferSize` bytes and passes at most `txPacketSize` bytes to one `send`.
    init(subprotocol: String, rxBufferSize: Int, txPacketSize: Int) throws {
        let sources: [String] = ["http", subprotocol, Self.listenerName]
        let copies = sources.map { name in name.withCString { strdup($0) } }
        let pointers = copies.compactMap { $0 }
        guard pointers.count == copies.count else {
            for pointer in pointers { free(pointer) }
            throw TransportError(.startFailed, "out of memory copying the protocol names")
        }
        let (http, ws, listener) = (pointers[0], pointers[1], pointers[2])
        names = pointers
        entries = .allocate(capacity: count)
        entries.initialize(repeating: lws_protocols(), count: count)
        entries[0].name = UnsafePointer(http)
        entries[0].callback = reviewroomHTTPProtocolCallback
        entries[1].name = UnsafePointer(ws)
        entries[1].callback = reviewroomWebSocketProtocolCallback
        entries[1].rx_buffer_size = rxBufferSize
        // Without it lws would also cap each send at rx_buffer_size.
        entries[1].tx_packet_size = txPacketSize
        entries[2].name = UnsafePointer(listener)
        entries[2].callback = reviewroomListenerProtocolCallback
    }

    deinit {
        entries.deinitialize(count: count)
        entries.deallocate()
        for name in names { free(name) }
    }
}
