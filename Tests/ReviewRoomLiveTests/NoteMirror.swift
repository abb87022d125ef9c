import Foundation
import ReviewRoomTesting

/// A client's copy of one note, rebuilt only from `note.op` events in seq order (so every
/// client that saw the same events holds the same text).
struct NoteMirror {
    var units: [UInt16] = []
    var rev = 0

    var text: String { String(decoding: units, as: UTF16.self) }

    /// Applies every `note.op` event of `note` after the current rev, in order.
    mutating func catchUp(with events: [ProtocolMessage], note: String) {
        for event in events where event.name == "note.op" {
            let data = event.data
            guard data["note"] as? String == note, let rev = data["rev"] as? Int, rev == self.rev + 1,
                  let op = data["op"] as? [Any] else { continue }
            apply(op)
            self.rev = rev
        }
    }

    private mutating func apply(_ op: [Any]) {
        var out: [UInt16] = []
        var position = 0
        for component in op {
            if let text = component as? String {
                out += Array(text.utf16)
            } else if let n = (component as? NSNumber)?.intValue {
                if n > 0 {
                    out += units[position..<position + n]
                    position += n
                } else {
                    position += -n
                }
            }
        }
        units = out
    }
}
