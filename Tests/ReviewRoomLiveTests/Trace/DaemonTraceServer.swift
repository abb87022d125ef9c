import Foundation
import Testing
import ReviewRoomTesting
@testable import ReviewRoomCore

/// The server of the live trace replay: the real daemon, reached by two real WebSocket
/// clients (blocking raw clients: the replay runs on its own thread). The network schedule is
/// ``ConcurrentTraceSchedule`` (ReviewRoomTesting), the same as the core tests' in-memory
/// replay; each edit it hands to the server is sent by its agent's connection, the
/// transformed op comes back as that connection's `note.op` event, and the ack as its `ack`.
struct DaemonTraceServer: TraceEditReceiver {
    /// Each agent's connection, already past `hello`.
    let sockets: [RawWebSocketClient]
    /// The server's revision after the last edit it applied.
    private(set) var serverRevision = 0
    private var nextID = 0

    init(sockets: [RawWebSocketClient]) {
        self.sockets = sockets
    }

    mutating func receive(_ edit: NoteOutgoingEdit, author: String, from k: Int) throws -> AppliedTraceEdit {
        nextID += 1
        let id = nextID
        try sockets[k].sendText(#"{"type":"note.edit","id":\#(id),"note":"evidence","rev":\#(edit.baseRev),"opId":"\#(edit.opId)","op":\#(edit.op.json)}"#)
        var applied: (rev: Int, op: TextOperation)?
        while true {
            let message = try Self.object(sockets[k].readText(timeout: 30))
            if message["type"] as? String == "event", let data = message["data"] as? [String: Any],
               data["opId"] as? String == edit.opId, data["by"] as? String == author {
                applied = (try #require(data["rev"] as? Int), try Self.op(of: data))
            }
            if message["type"] as? String == "error" { throw FixtureError(message: "server refused an edit: \(message)") }
            if message["type"] as? String == "ack", (message["id"] as? NSNumber)?.intValue == id { break }
        }
        let result = try #require(applied, "the edit was acked without its note.op: it changed nothing")
        // Keep the other connection drained: it gets the same event.
        while true {
            let message = try Self.object(sockets[1 - k].readText(timeout: 30))
            if message["type"] as? String == "event", (message["data"] as? [String: Any])?["rev"] as? Int == result.rev { break }
        }
        serverRevision = result.rev
        return AppliedTraceEdit(rev: result.rev, op: result.op)
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The op of a `note.op` event's data, decoded from its own JSON text.
    static func op(of data: [String: Any]) throws -> TextOperation {
        let json = try JSONSerialization.data(withJSONObject: try #require(data["op"]))
        return try TextOperation(json: String(decoding: json, as: UTF8.self))
    }
}
