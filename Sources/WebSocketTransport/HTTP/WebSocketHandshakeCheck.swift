import Foundation

/// What RFC 6455 §4.2.1 asks of a client's opening handshake that lws 4.1.6 does not check, or
/// checks by hanging up without an answer: it upgrades a request whose `Sec-WebSocket-Version`
/// is missing or not 13 and whose `Sec-WebSocket-Key` is not a 16-byte nonce, and drops one
/// without a key or without `Connection: Upgrade` unanswered. It also tries an `Upgrade: h2c`
/// (curl's `--http2` over plain HTTP) as a WebSocket and names a missing subprotocol. Each of
/// these is now answered with a status and a reason, before lws acts on the upgrade.
enum WebSocketHandshakeCheck {
    /// The refusal of an upgrade to `upgrade` (lws' lower-cased `websocket` or `h2c`) by a
    /// request with `method`, `connection`, `key` and `version` headers, or nil when lws may go
    /// on with it. A 426 is answered with `Sec-WebSocket-Version: 13` (RFC 6455 §4.2.2).
    static func refusal(upgrade: String, method: String?, connection: String?, key: String?,
                        version: String?) -> HTTPRefusal? {
        guard upgrade.lowercased() == "websocket" else {
            return HTTPRefusal(status: 400, detail: "Upgrade: \(upgrade) is not served (no HTTP/2 here); send the "
                               + "request over HTTP/1.1 without an Upgrade header, or upgrade to websocket at the WebSocket path")
        }
        guard method == "GET" else {
            return HTTPRefusal(status: 400, detail: "a WebSocket opening handshake must be a GET request, not \(method ?? "this method") (RFC 6455 §4.1)")
        }
        guard let connection, connection.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces).lowercased() == "upgrade"
        }) else {
            return HTTPRefusal(status: 400, detail: "the Connection header must include the Upgrade option (RFC 6455 §4.1)")
        }
        guard let key, isNonce(key) else {
            return HTTPRefusal(status: 400, detail: "Sec-WebSocket-Key must be a base64-encoded 16-byte value (RFC 6455 §4.1)")
        }
        guard version?.trimmingCharacters(in: .whitespaces) == "13" else {
            return HTTPRefusal(status: 426, detail: "Sec-WebSocket-Version must be 13 (RFC 6455 §4.2.2)",
                               headers: ["Sec-WebSocket-Version": "13"])
        }
        return nil
    }

    /// Whether `key` (spaces around it aside) is base64 for exactly 16 bytes.
    static func isNonce(_ key: String) -> Bool {
        let trimmed = key.trimmingCharacters(in: .whitespaces)
        return trimmed.utf8.count == 24 && Data(base64Encoded: trimmed)?.count == 16
    }
}
