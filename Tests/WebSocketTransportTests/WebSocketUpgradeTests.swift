import Foundation
import ReviewRoomTesting
import Testing
import WebSocketTransport

@Suite struct WebSocketUpgradeTests {
    @Test func rightSubprotocolUpgradesAndEchoes() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let (protocolHeader, echoed) = try await RawBlocking.run {
            let client = try RawWebSocketClient.connect(port: port)
            try client.sendText("{\"type\":\"hello\"}")
            return (client.handshake.headers["sec-websocket-protocol"], try client.readText())
        }
        #expect(protocolHeader == "reviewroom.v1")
        #expect(echoed == "{\"type\":\"hello\"}")
        await harness.stop()
    }

    @Test func missingSubprotocolIsRefusedWith400() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let answer = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: nil) }
        expectProblemRefusal(answer, status: 400, detailContains: "no Sec-WebSocket-Protocol header; it must name reviewroom.v1")
        #expect(harness.server.connectionCount == 0)
        await harness.stop()
    }

    @Test func otherSubprotocolIsRefusedWith400() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        // lws itself would drop an upgrade naming only unknown subprotocols, without an answer.
        let answer = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: "other.v1") }
        expectProblemRefusal(answer, status: 400, detailContains: "other.v1")
        #expect(harness.server.connectionCount == 0)
        await harness.stop()
    }

    @Test func foreignOriginIsRefusedWith403() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let answer = try await RawBlocking.run {
            try RawWebSocketClient.attemptUpgrade(port: port, origin: "http://evil.example")
        }
        expectProblemRefusal(answer, status: 403, detailContains: "http://evil.example")
        #expect(harness.server.connectionCount == 0)
        await harness.stop()
    }

    @Test func ourSubprotocolAmongOthersIsChosen() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let answer = try await RawBlocking.run {
            try RawWebSocketClient.attemptUpgrade(port: port, subprotocol: "other.v1, reviewroom.v1")
        }
        #expect(answer?.status == 101)
        #expect(answer?.headers["sec-websocket-protocol"] == "reviewroom.v1")
        await harness.stop()
    }

    @Test func ownAllowedAndAbsentOriginsAreAccepted() async throws {
        let harness = try TransportHarness {
            $0.allowedOrigins = ["https://partner.example"]
            $0.ownOrigins = ["https://review.example"]
        }
        let port = harness.port
        let origins: [String?] = [nil, "http://127.0.0.1:\(port)", "http://localhost:\(port)",
                                  "https://partner.example", "https://review.example"]
        let statuses = try await RawBlocking.run {
            try origins.map { try RawWebSocketClient.attemptUpgrade(port: port, origin: $0)?.status }
        }
        #expect(statuses == [101, 101, 101, 101, 101])
        await harness.stop()
    }

    @Test func theListenHostNameIsAnOwnOriginWithTheBoundPort() async throws {
        let harness = try TransportHarness { $0.hostNames = ["review.lan"] }
        let port = harness.port
        let origins = ["http://review.lan:\(port)", "http://Review.LAN:\(port)/", "http://review.lan:\(port + 1)",
                       "https://review.lan:\(port)", "http://other.lan:\(port)"]
        let statuses = try await RawBlocking.run {
            try origins.map { try RawWebSocketClient.attemptUpgrade(port: port, origin: $0)?.status }
        }
        #expect(statuses[0] == 101 && statuses[1] == 101, "\(statuses)")
        #expect(statuses.dropFirst(2).allSatisfy { $0 != 101 }, "\(statuses)")
        await harness.stop()
    }

    @Test func upgradeOnAnotherPathIsRefused() async throws {
        let harness = try TransportHarness()
        let port = harness.port
        let answer = try await RawBlocking.run { try RawWebSocketClient.attemptUpgrade(port: port, path: "/other") }
        expectProblemRefusal(answer, status: 404, detailContains: "/ws")
        await harness.stop()
    }

    @Test func originIsPassedToTheConnection() async throws {
        let harness = try TransportHarness(echo: false)
        let port = harness.port
        let client = try await RawBlocking.run { try RawWebSocketClient.connect(port: port, origin: "http://localhost:\(port)") }
        let connection = try await harness.nextConnection()
        #expect(connection.origin == "http://localhost:\(port)")
        #expect(harness.server.connectionCount == 1)
        client.disconnect()
        await harness.stop()
    }
}
