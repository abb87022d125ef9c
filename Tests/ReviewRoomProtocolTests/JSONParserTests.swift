import ReviewRoomProtocol
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    @Test func parsesObjectsWithRanges() throws {
        let text = #"{"a": [1, "x"], "b": null}"#
        let bytes = Array(text.utf8)
        let value = try JSONParser.parse(bytes)
        let a = try #require(value["a"])
        #expect(String(decoding: bytes[a.range], as: UTF8.self) == #"[1, "x"]"#)
        #expect(value["b"]?.kind == .null)
    }

    @Test func typedAccessorsReadOnlyTheirOwnKind() throws {
        let value = try JSONParser.parse(Array(#"{"s":"x","i":42,"f":1.5,"n":-7,"big":1e300,"a":[1,"y"],"o":{"k":true}}"#.utf8))
        #expect(value["s"]?.string == "x")
        #expect(value["i"]?.int == 42)
        #expect(value["n"]?.int == -7)
        #expect(value["f"]?.int == nil)
        #expect(value["big"]?.int == nil)
        #expect(value["s"]?.int == nil)
        #expect(value["i"]?.string == nil)
        #expect(value["a"]?.array?.map(\.kindDescription) == ["a number", "a string"])
        #expect(value["o"]?.array == nil)
        #expect(value["o"]?["k"]?.kind == .bool(true))
    }

    @Test("whole numbers summed digit by digit equal what strtod reads, at the 15/16-digit edge too",
          arguments: ["0", "-0", "7", "-42", "999999999999999", "-999999999999999", "1000000000000000",
                      "9007199254740993", "12345678901234567890", "1.5", "-2e3", "0.0", "1E2"])
    func numbersMatchStrtod(text: String) throws {
        let value = try JSONParser.parse(Array(text.utf8))
        guard case .number(let number?) = value.kind else { Issue.record("\(text) is not a finite number"); return }
        let expected = try #require(Double(text))
        #expect(number == expected)
        #expect(number.sign == expected.sign, "the sign of \(text)")
        #expect(value.range == 0..<text.utf8.count)
    }

    @Test func capsNestingDepth() {
        let deep = Array((String(repeating: "[", count: 40) + String(repeating: "]", count: 40)).utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep, maxDepth: 32) }
        let ok = Array((String(repeating: "[", count: 10) + String(repeating: "]", count: 10)).utf8)
        #expect((try? JSONParser.parse(ok, maxDepth: 32)) != nil)
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", "01", "tru", #""\x""#, "{} x", "1.", "-"])
    func rejectsMalformedJSON(text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func hugeNumbersParseAsNotFinite() throws {
        let value = try JSONParser.parse(Array("1e999".utf8))
        #expect(value.kind == .number(nil))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(Array(#""a\n\u00e9\ud83d\ude00""#.utf8))
        #expect(value.kind == .string("a\né😀"))
    }
}
