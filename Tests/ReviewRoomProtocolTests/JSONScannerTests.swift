import ReviewRoomProtocol
import Testing

@Suite("JSON scanner")
struct JSONScannerTests {
    static let event = Array(#"{"type":"event","seq":58,"at":"2026-11-29T10:00:00.123Z","name":"note.op","data":{"note":"n1","rev":7,"op":[3,"hé\"y",-2,{"x":[1,[2]]}],"by":"p_1","opId":"o-9"}}"#.utf8)

    @Test func readsTheMembersItAsksForAndSkipsTheRest() throws {
        var scanner = JSONScanner(Self.event)
        try scanner.enterObject()
        var seen: [String] = []
        var isEvent = false, note = "", rev: Int?, by = "", opId = "", op: [JSONValue] = []
        while try scanner.nextMember() {
            if scanner.keyIs("type") {
                isEvent = try scanner.stringIs("event")
                seen.append("type")
            } else if scanner.keyIs("data") {
                try scanner.enterObject()
                while try scanner.nextMember() {
                    if scanner.keyIs("note") { note = try scanner.string() }
                    else if scanner.keyIs("rev") { rev = try scanner.int() }
                    else if scanner.keyIs("by") { by = try scanner.string() }
                    else if scanner.keyIs("opId") { opId = try scanner.string() }
                    else if scanner.keyIs("op"), try scanner.enterArray() {
                        while try scanner.nextElement() { op.append(try scanner.value()) }
                    } else { try scanner.skipValue() }
                }
                seen.append("data")
            } else {
                try scanner.skipValue()
            }
        }
        let atEnd = scanner.atEnd()
        #expect(atEnd)
        #expect(isEvent)
        #expect(seen == ["type", "data"])
        #expect(note == "n1" && rev == 7 && by == "p_1" && opId == "o-9")
        let parsed = try JSONParser.parse(Self.event)
        #expect(op.map(\.kind) == parsed["data"]?["op"]?.array?.map(\.kind))
    }

    @Test func stringIsLeavesAMismatchInPlace() throws {
        var scanner = JSONScanner(Array(#"{"type":"ack","id":4}"#.utf8))
        try scanner.enterObject()
        let hasType = try scanner.nextMember()
        let isEvent = try scanner.stringIs("event")
        let isAck = try scanner.stringIs("ack")
        let hasID = try scanner.nextMember()
        let keyIsID = scanner.keyIs("id")
        let id = try scanner.int()
        let more = try scanner.nextMember()
        #expect(hasType && !isEvent && isAck)
        #expect(hasID && keyIsID && id == 4)
        #expect(!more)
    }

    @Test func keysAreComparedAsWritten() throws {
        var scanner = JSONScanner(Array(#"{"\u0074ype":"event"}"#.utf8))
        try scanner.enterObject()
        let hasMember = try scanner.nextMember()
        let matches = scanner.keyIs("type")
        try scanner.skipValue()
        let more = try scanner.nextMember()
        #expect(hasMember && !matches && !more)
    }

    @Test func fractionalAndHugeNumbersAreNotInts() throws {
        var scanner = JSONScanner(Array("[1.5,1e300,-3]".utf8))
        let isArray = try scanner.enterArray()
        var ints: [Int?] = []
        while try scanner.nextElement() { ints.append(try scanner.int()) }
        #expect(isArray)
        #expect(ints == [nil, nil, -3])
    }

    @Test("malformed text is refused while skipping, as the parser refuses it",
          arguments: [#"{"a":"x"#, #"{"a" 1}"#, #"{"a":1 "b":2}"#, #"{"a":[1 2]}"#, "{\"a\":\"\u{01}\"}",
                      #"{"a":tru}"#, #"{"a":"\x"}"#, #"{"a":{"b":}}"#, #"{1:2}"#])
    func malformedIsRefused(text: String) {
        #expect(throws: JSONParseError.self) {
            var scanner = JSONScanner(Array(text.utf8))
            try scanner.enterObject()
            while try scanner.nextMember() { try scanner.skipValue() }
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func nestingDepthIsCappedWhileSkipping() {
        let deep = Array(("{\"a\":" + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "}").utf8)
        #expect(throws: JSONParseError.self) {
            var scanner = JSONScanner(deep)
            try scanner.enterObject()
            while try scanner.nextMember() { try scanner.skipValue() }
        }
    }

    @Test func wrongKindsAreRefused() throws {
        var scanner = JSONScanner(Array(#"{"s":1,"n":"x"}"#.utf8))
        try scanner.enterObject()
        _ = try scanner.nextMember()
        #expect(throws: JSONParseError.self) { var copy = scanner; _ = try copy.string() }
        try scanner.skipValue()
        _ = try scanner.nextMember()
        #expect(throws: JSONParseError.self) { var copy = scanner; _ = try copy.int() }
        #expect(throws: JSONParseError.self) { var notObject = JSONScanner(Array("[1]".utf8)); try notObject.enterObject() }
    }
}
