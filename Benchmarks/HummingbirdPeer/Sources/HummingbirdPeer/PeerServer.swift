import Foundation
import Hummingbird
import HummingbirdWebSocket

/// `HummingbirdPeer [--port N]`: serves the relay on 127.0.0.1 and prints `Listening on URL`.
@main
struct PeerServer {
    static func main() async throws {
        let arguments = CommandLine.arguments
        var port = 0
        if let flag = arguments.firstIndex(of: "--port"), flag + 1 < arguments.count, let value = Int(arguments[flag + 1]) {
            port = value
        }
        let requestedPort = port
        let directory = PeerDirectory()
        let router = Router()
        router.get("/readyz") { _, _ in "ok" }
        router.get("/livez") { _, _ in "ok" }
        router.post("/api/v1/sessions") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            let body = PeerJSON.decode(String(buffer: buffer)) ?? [:]
            let reply = await directory.createSession(body: body)
            return Response(status: .created, headers: [.contentType: "application/json"],
                            body: .init(byteBuffer: ByteBuffer(string: reply)))
        }
        let app = Application(
            router: router,
            server: .http1WebSocketUpgrade { request, _, _ in
                guard request.path == "/ws" else { return .dontUpgrade }
                var headers = HTTPFields()
                headers[.secWebSocketProtocol] = "reviewroom.v1"
                return .upgrade(headers) { inbound, outbound, _ in
                    try await PeerConnection.serve(inbound: inbound, outbound: outbound, directory: directory)
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "peer"),
            onServerRunning: { channel in
                let bound = channel.localAddress?.port ?? requestedPort
                // Unbuffered: the driver waits for this line on a pipe.
                FileHandle.standardOutput.write(Data("Listening on http://127.0.0.1:\(bound)\n".utf8))
            }
        )
        try await app.runService()
    }
}
