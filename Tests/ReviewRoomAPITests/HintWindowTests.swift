import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

@Suite("Language hints: the text scanned around an edit")
struct HintWindowTests {
    private func scanned(_ text: String, touched: (Int, Int), limit: Int = 512) -> String {
        let rope = Rope(text)
        let range = SessionActor.paragraphs(around: touched, in: rope, limit: limit)
        return String(decoding: rope.units(in: range), as: UTF16.self)
    }

    @Test func theWholeLineAroundTheEditIsScanned() {
        let text = "first line\nthe work was poor here\nlast line"
        let edit = text.utf16.count - "poor here\nlast line".utf16.count
        #expect(scanned(text, touched: (edit, edit + 4)) == "the work was poor here")
        #expect(scanned("no breaks at all", touched: (3, 5)) == "no breaks at all")
    }

    @Test func aLongLineIsCutAtSpacesSoNoWordIsHalved() {
        let words = (0..<400).map { _ in "poorly" }.joined(separator: " ")
        let middle = words.utf16.count / 2
        let text = scanned(words, touched: (middle, middle + 1), limit: 100)
        #expect(text.utf16.count <= 201)
        #expect(text.utf16.count > 150)
        let pieces = text.split(separator: " ")
        // Only the word the edit sits in may be cut; every other piece is a whole word.
        #expect(pieces.dropFirst().dropLast().allSatisfy { $0 == "poorly" })
        #expect(pieces.first == "poorly")
        #expect(pieces.last == "poorly")
    }

    @Test func aLineWithoutSpacesIsScannedFromTheEditOnly() {
        let blob = String(repeating: "x", count: 2_000)
        #expect(scanned(blob, touched: (1_000, 1_001), limit: 100) == "x")
    }
}
