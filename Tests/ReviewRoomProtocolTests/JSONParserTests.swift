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

@Suite("JSON parser: repeated member names")
struct JSONParserDuplicateKeyTests {
    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "a"),
        (#"{"a":1,"\u0061":2}"#, "a"),
        (#"{"x":{"b":[{"c":1,"d":2,"c":3}]}}"#, "c"),
        (#"[{"k":1},{"k":2,"k":3}]"#, "k"),
    ])
    func aNameGivenTwiceIsRefusedNamingIt(text: String, name: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
        do {
            _ = try JSONParser.parse(Array(text.utf8))
        } catch {
            #expect(error.duplicateKey == name)
            #expect(error.message.contains("'\(name)' appears twice"))
        }
    }

    @Test func namesAreComparedCodeUnitByCodeUnitNotByCanonicalEquivalence() throws {
        // "é" precomposed and decomposed: equal as Swift Strings, two names in JSON.
        let value = try JSONParser.parse(Array(#"{"\u00e9":1,"e\u0301":2,"E":3,"e":4}"#.utf8))
        #expect(value["e"]?.int == 4)
    }

    @Test func aLargeObjectIsCheckedPastTheLinearLimitToo() throws {
        let distinct = (0..<5000).map { #""k\#($0)":\#($0)"# }
        let value = try JSONParser.parse(Array(("{" + distinct.joined(separator: ",") + "}").utf8))
        #expect(value["k4999"]?.int == 4999)
        for repeated in [3, 15, 16, 17, 4999] {
            let text = "{" + (distinct + [#""k\#(repeated)":0"#]).joined(separator: ",") + "}"
            #expect(throws: JSONParseError(duplicateKey: "k\(repeated)", at: text.utf8.count - "\"k\(repeated)\":0}".utf8.count)) {
                try JSONParser.parse(Array(text.utf8))
            }
        }
    }

    @Test func readingWhatCanBeReadKeepsBothAndTheLastWinsOnLookup() throws {
        let value = try JSONParser.parse(Array(#"{"a":1,"a":2}"#.utf8), refusingDuplicateKeys: false)
        #expect(value["a"]?.int == 2)
    }
}
