extension RawWebSocketClient {
    /// How a connection the server closed for outbox overflow ended, as PROTOCOL §3.4 allows
    /// it to: with a close frame ("close 4029" — "close" and its code), or dropped before one
    /// could be sent ("closed": the peer ended the TCP stream; "system": a reset).
    public func overflowEnding(timeout: Double = 30) -> String {
        do {
            return "close \(try readUntilClose(timeout: timeout).close.closeCode ?? 0)"
        } catch let error as TestClientError {
            return error.code.rawValue
        } catch {
            return "\(error)"
        }
    }

    /// True for the endings §3.4 allows after an overflow: 4029, or dropped. Never another
    /// close code, and never silence (`timed_out`).
    public static func isOverflowEnding(_ ending: String) -> Bool {
        ending == "close 4029" || (ending != TestClientError.Code.timedOut.rawValue && !ending.hasPrefix("close "))
    }
}
