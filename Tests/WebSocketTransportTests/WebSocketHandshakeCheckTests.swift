import Testing
@testable import WebSocketTransport

/// The pure decision behind answering an opening handshake RFC 6455 §4.1 does not allow, which
/// lws 4.1.6 would upgrade anyway or drop without an answer.
@Suite("WebSocket handshake check")
struct WebSocketHandshakeCheckTests {
    private let nonce = "dGhlIHNhbXBsZSBub25jZQ=="

    private func refusal(upgrade: String = "websocket", method: String? = "GET", connection: String? = "Upgrade",
                         key: String? = "dGhlIHNhbXBsZSBub25jZQ==", version: String? = "13") -> HTTPRefusal? {
        WebSocketHandshakeCheck.refusal(upgrade: upgrade, method: method, connection: connection, key: key, version: version)
    }

    @Test func aHandshakeAsBrowsersSendItPasses() {
        #expect(refusal() == nil)
        #expect(refusal(connection: "keep-alive, Upgrade") == nil)
        #expect(refusal(connection: "upgrade") == nil)
        #expect(refusal(upgrade: "WebSocket", key: " \(nonce) ", version: " 13") == nil)
    }

    @Test func anH2cUpgradeIsRefusedNamingIt() {
        let answer = refusal(upgrade: "h2c")
        #expect(answer?.status == 400)
        #expect(answer?.detail.contains("Upgrade: h2c") == true)
    }

    @Test func anythingButGETIs400() {
        for method: String? in ["POST", "PUT", "OPTIONS", nil] {
            #expect(refusal(method: method)?.status == 400, "method \(method ?? "none")")
        }
    }

    @Test func aConnectionHeaderWithoutUpgradeIs400() {
        for connection: String? in [nil, "", "keep-alive", "upgrades", "close"] {
            #expect(refusal(connection: connection)?.detail.contains("Connection") == true, "\(connection ?? "none")")
        }
    }

    @Test func aKeyThatIsNotA16ByteNonceIs400() {
        // 15 and 17 bytes, not base64, missing, and empty.
        for key: String? in ["AAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA=", "short", "!!!!!!!!!!!!!!!!!!!!!!==", nil, ""] {
            #expect(refusal(key: key)?.detail.contains("Sec-WebSocket-Key") == true, "\(key ?? "none")")
        }
    }

    @Test func aVersionOtherThan13Is426() {
        for version: String? in [nil, "", "8", "12", "14", "13, 8"] {
            let answer = refusal(version: version)
            #expect(answer?.status == 426 && answer?.title == "Upgrade Required", "\(version ?? "none")")
            #expect(answer?.headers == ["Sec-WebSocket-Version": "13"], "\(version ?? "none")")
        }
    }
}
