import Foundation
import Glibc
import ReviewRoomTesting

/// A TCP relay between one WebSocket client and a server that watches what the client puts on
/// the wire: each frame's opcode (and a close frame's code), then whether the client ended the
/// TCP connection. Lets a test tell a close handshake from a dropped connection, which the
/// libwebsockets server does not report.
final class WireTap: Sendable {
    /// What the client sent, in order.
    enum Observation: Sendable, Equatable {
        /// A frame; `closeCode` is set for a close frame that carries one.
        case frame(opcode: UInt8, closeCode: UInt16?)
        /// The client's side of the TCP connection ended (FIN or reset).
        case clientEnded
    }

    /// The port clients connect to.
    let port: Int
    /// Every observation, in order.
    let observations = AwaitableLog<Observation>(name: "wire tap")

    /// Listens on a free loopback port and relays its first connection to `upstreamPort`.
    init(upstreamPort: Int) throws {
        let (listener, port) = try LoopbackListener.open(for: "wire tap")
        self.port = port
        let observations = observations
        let thread = Thread { WireTap.relay(listener: listener, upstreamPort: upstreamPort, into: observations) }
        thread.start()
    }

    /// The thread's body: accept one client, relay both ways, parse the client's bytes.
    private static func relay(listener: Int32, upstreamPort: Int, into observations: AwaitableLog<Observation>) {
        defer { observations.finish() }
        // Bounded waits, so a test that never connects does not leave this thread behind forever.
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        let ready = poll(&waiting, 1, 30_000)
        let client = ready == 1 ? accept(listener, nil, nil) : -1
        Glibc.close(listener)
        guard client >= 0, let upstream = try? RawSocket(host: "127.0.0.1", port: upstreamPort) else { return }
        defer {
            Glibc.close(client)
            upstream.close()
        }
        var parser = ClientFrameParser()
        var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: upstream.fd, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while poll(&fds, 2, 30_000) > 0 {
            if fds[0].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
                guard n > 0 else {
                    observations.append(.clientEnded)
                    return
                }
                for frame in parser.feed(buffer[0 ..< n]) { observations.append(frame) }
                guard forward(buffer[0 ..< n], to: upstream.fd) else { return }
            }
            if fds[1].revents != 0 {
                let n = buffer.withUnsafeMutableBytes { recv(upstream.fd, $0.baseAddress, $0.count, 0) }
                if n > 0 {
                    guard forward(buffer[0 ..< n], to: client) else { return }
                } else {
                    // The server is done: pass its end on and keep watching the client.
                    shutdown(client, Int32(SHUT_WR))
                    fds[1].fd = -1
                }
            }
        }
    }

    private static func forward(_ bytes: ArraySlice<UInt8>, to fd: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let n = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { return false }
            offset += n
        }
        return true
    }
}
