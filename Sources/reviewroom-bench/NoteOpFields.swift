import ReviewRoomCore
import ReviewRoomProtocol

/// The members of a note.op event's `data` the driver uses, read with the scanner.
struct NoteOpFields {
    var note: String?
    var rev: Int?
    var op: TextOperation?
    var by: String?
    var opId: String?

    /// Reads the object at the scanner; nil when a member has an unexpected shape.
    static func read(_ scanner: inout JSONScanner) throws(JSONParseError) -> NoteOpFields? {
        guard scanner.nextByte == UInt8(ascii: "{") else { return nil }
        try scanner.enterObject()
        var fields = NoteOpFields()
        while try scanner.nextMember() {
            if scanner.keyIs("note") || scanner.keyIs("by") || scanner.keyIs("opId") {
                guard scanner.nextByte == UInt8(ascii: "\"") else { return nil }
                let text = try scanner.string()
                if scanner.keyIs("note") { fields.note = text } else if scanner.keyIs("by") { fields.by = text } else { fields.opId = text }
            } else if scanner.keyIs("rev") {
                fields.rev = try scanner.int()
            } else if scanner.keyIs("op") {
                guard try scanner.enterArray() else { return nil }
                var op = TextOperation()
                while try scanner.nextElement() {
                    if scanner.nextByte == UInt8(ascii: "\"") {
                        op.insert(try scanner.string())
                    } else if let count = try scanner.int(), count != 0 {
                        if count > 0 { op.retain(count) } else { op.delete(-count) }
                    } else {
                        return nil
                    }
                }
                fields.op = op
            } else {
                try scanner.skipValue()
            }
        }
        return fields
    }
}
