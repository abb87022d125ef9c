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
    private let count: Int

    /// One entry of the table.
    private struct Entry {
        var name: String
        var callback: @convention(c) (OpaquePointer?, lws_callback_reasons, UnsafeMutableRawPointer?,
                                       UnsafeMutableRawPointer?, Int) -> Int32
        var rxBufferSize = 0
        var txPacketSize = 0
    }

    /// Builds the main vhost's table for `subprotocol`: lws hands received data over in chunks
    /// of at most `rxBufferSize` bytes and passes at most `txPacketSize` bytes to one `send`.
    convenience init(subprotocol: String, rxBufferSize: Int, txPacketSize: Int) throws {
        try self.init([
            Entry(name: "http", callback: reviewroomHTTPProtocolCallback),
            // Without tx_packet_size lws would also cap each send at rx_buffer_size.
            Entry(name: subprotocol, callback: reviewroomWebSocketProtocolCallback,
                  rxBufferSize: rxBufferSize, txPacketSize: txPacketSize),
            Entry(name: Self.listenerName, callback: reviewroomListenerProtocolCallback),
        ])
    }

    /// Builds the table of an ``HTTPOnlyListener``'s vhost: HTTP, plus `subprotocol` only so that
    /// an upgrade asking for it is answered with a 404 (lws would just drop an upgrade whose
    /// subprotocol the vhost does not know).
    convenience init(httpOnlySubprotocol subprotocol: String) throws {
        try self.init([
            Entry(name: "http", callback: reviewroomHTTPOnlyProtocolCallback),
            Entry(name: subprotocol, callback: reviewroomHTTPOnlyProtocolCallback),
        ])
    }

    private init(_ sources: [Entry]) throws {
        let copies = sources.map { entry in entry.name.withCString { strdup($0) } }
        let pointers = copies.compactMap { $0 }
        guard pointers.count == copies.count else {
            for pointer in pointers { free(pointer) }
            throw TransportError(.startFailed, "out of memory copying the protocol names")
        }
        names = pointers
        count = sources.count + 1
        entries = .allocate(capacity: count)
        entries.initialize(repeating: lws_protocols(), count: count)
        for (index, entry) in sources.enumerated() {
            entries[index].name = UnsafePointer(pointers[index])
            entries[index].callback = entry.callback
            entries[index].rx_buffer_size = entry.rxBufferSize
            entries[index].tx_packet_size = entry.txPacketSize
        }
    }

    deinit {
        entries.deinitialize(count: count)
        entries.deallocate()
        for name in names { free(name) }
    }
}
