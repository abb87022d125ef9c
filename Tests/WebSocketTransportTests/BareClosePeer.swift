import Foundation
import Glibc
import ReviewRoomTesting

/// A one-connection WebSocket server that completes the handshake and at once sends a close
/// frame with no status code — something the libwebsockets server never does (it always puts
/// a code in its close frames), but another server may (RFC 6455 §5.5.1 allows an empty body).
final class BareClosePeer: Sendable {
    /// The port the client connects to.
    let port: Int

    /// Listens on a free loopback port and serves its first connection on a thread. With
    /// `resetting`, it does not wait for the client's answer but resets the connection right
    /// after its close frame, as a server does that gave up waiting for the answer.
    init(resetting: Bool = false) throws {
        let (listener, port) = try LoopbackListener.open(for: "bare close peer")
        self.port = port
        Thread { BareClosePeer.serve(listener, resetting: resetting) }.start()
    }

    private static func serve(_ listener: Int32, resetting: Bool) {
        // Bounded, so a test that never connects does not leave this thread behind forever.
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        let client = poll(&waiting, 1, 30_000) == 1 ? accept(listener, nil, nil) : -1
        Glibc.close(listener)
        guard client >= 0 else { return }
        defer { Glibc.close(client) }
        guard let request = readHeaders(client), let key = header("Sec-WebSocket-Key", in: request) else { return }
        let accept = Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
        var response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        response += "Sec-WebSocket-Accept: \(accept)\r\n"
        if let proto = header("Sec-WebSocket-Protocol", in: request) {
            response += "Sec-WebSocket-Protocol: \(proto.split(separator: ",").first.map(String.init) ?? proto)\r\n"
        }
        response += "\r\n"
        let bytes = Array(response.utf8) + [0x88, 0x00]
        guard bytes.withUnsafeBytes({ send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else { return }
        if resetting {
            // A zero linger makes close() send a reset rather than a FIN.
            var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
            setsockopt(client, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
            return
        }
        // Wait for the client's answer and its end of the connection before closing ours.
        var sink = [UInt8](repeating: 0, count: 1024)
        var readable = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
        while poll(&readable, 1, 30_000) == 1, recv(client, &sink, sink.count, 0) > 0 {}
    }

    private static func readHeaders(_ fd: Int32) -> String? {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        var readable = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !received.ends(with: Array("\r\n\r\n".utf8)) {
            guard poll(&readable, 1, 30_000) == 1 else { return nil }
            let count = recv(fd, &chunk, 1, 0)
            guard count > 0 else { return nil }
            received.append(chunk[0])
        }
        return String(decoding: received, as: UTF8.self)
    }

    private static func header(_ name: String, in request: String) -> String? {
        for line in request.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == name.lowercased() {
                return parts[1].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }
}

extension [UInt8] {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}
