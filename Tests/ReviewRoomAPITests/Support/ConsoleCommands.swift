import ReviewRoomTesting

/// Commands sent the way the facilitator console sends them: one WebSocket joined with
/// `{"type":"hello","facilitatorToken":…,"session":…}`.
enum ConsoleCommands {
    /// Sends each command in `commands` (numbered from 1) and returns the reply to each, in order.
    static func send(_ commands: [String], port: Int, facilitatorToken token: String, session: String) async throws -> [String] {
        try await RawBlocking.run {
            let console = try RawWebSocketClient.connect(port: port)
            defer { console.disconnect() }
            try console.sendText(#"{"type":"hello","facilitatorToken":"\#(token)","session":"\#(session)"}"#)
            _ = try console.readText()
            var replies: [String] = []
            for (number, command) in commands.enumerated() {
                try console.sendText(#"{"type":"\#(command)","id":\#(number + 1)}"#)
                while true {
                    let text = try console.readText()
                    if text.contains(#""id":\#(number + 1)"#) { replies.append(text); break }
                }
            }
            return replies
        }
    }
}
