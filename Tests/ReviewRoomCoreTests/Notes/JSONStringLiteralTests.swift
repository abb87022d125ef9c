import Foundation
import Testing
import ReviewRoomCore
import ReviewRoomTesting

@Suite struct JSONStringLiteralTests {
    @Test func escapesWhatJSONAndJavaScriptNeed() {
        var out = ""
        JSONStringLiteral.append("a\"b\\c\nd\u{1}\u{2028}é😀", to: &out)
        #expect(out == #""a\"b\\c\nd\u0001\u2028é😀""#)
    }

    @Test func plainASCIIIsCopiedWhole() {
        var out = "["
        JSONStringLiteral.append("p_Asha-1", to: &out)
        #expect(out == #"["p_Asha-1""#)
    }

    @Test func randomTextRoundTripsThroughAJSONParser() throws {
        var rng = SplitMix64(seed: 0x15_0A)
        let alphabet: [Unicode.Scalar] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{2028}", "\u{2029}", "😀", "中"]
        for _ in 0..<500 {
            var text = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &rng) {
                text.append(alphabet[Int.random(in: 0..<alphabet.count, using: &rng)])
            }
            let original = String(text)
            var literal = ""
            JSONStringLiteral.append(original, to: &literal)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(decoded == [original], "literal \(literal)")
        }
    }
}
