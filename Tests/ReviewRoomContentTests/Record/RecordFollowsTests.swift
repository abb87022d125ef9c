import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

/// A post-review workshop's record names the review it follows, in every format.
@Suite("Review record: the review a workshop follows")
struct RecordFollowsTests {
    static func input() throws -> RecordInput {
        var input = try ScriptedReview.played().input(at: 1100)
        // 1 December 2026, 09:30 in London: the record's display zone is the session's own.
        input.follows = .init(id: "s_review", title: "Reading *review*", startsAt: Timestamp(millisecondsSince1970: 1_796_117_400_000))
        return input
    }

    @Test func eachFormatNamesTheReviewAndTheJSONIsValid() throws {
        let input = try Self.input()
        let record = ReviewRecord(input)
        let follows = try #require(record.session.follows)
        #expect(follows.id == "s_review" && follows.title == "Reading *review*")
        #expect(follows.startsAtLocal == record.session.startsAtLocal, "the same instant reads the same in the record")
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.contains("- **Follows:** Reading \\*review\\*, \(follows.startsAtLocal)"), "\(markdown.prefix(600))")
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("<dt>Follows</dt><dd>Reading *review*, \(follows.startsAtLocal)</dd>"))
        let json = Data(RecordRenderer.render(input, as: .json))
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: json).isEmpty)
        #expect(try JSONDecoder().decode(ReviewRecord.self, from: json) == record)
    }

    @Test func aSessionThatFollowsNoneSaysNothingOfIt() throws {
        let input = try ScriptedReview.played().input(at: 1100)
        #expect(ReviewRecord(input).session.follows == nil)
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(!markdown.contains("Follows") && markdown.hasPrefix("# Review record: "))
        #expect(!String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self).contains("Follows"))
        #expect(!String(decoding: RecordRenderer.render(input, as: .json), as: UTF8.self).contains("\"workshop\""))
    }

    /// A workshop's record is called a workshop's, also once the review it followed is deleted
    /// (it then names none), and its JSON says so.
    @Test(arguments: [true, false])
    func aWorkshopsRecordIsCalledAWorkshopRecord(reviewKept: Bool) throws {
        var input = reviewKept ? try Self.input() : try ScriptedReview.played().input(at: 1100)
        input.isWorkshop = true
        let title = ReviewRecord(input).session.title
        let markdown = String(decoding: RecordRenderer.render(input, as: .markdown), as: UTF8.self)
        #expect(markdown.hasPrefix("# Workshop record: "), "\(markdown.prefix(80))")
        let html = String(decoding: RecordRenderer.render(input, as: .html), as: UTF8.self)
        #expect(html.contains("<title>Workshop record: \(title)</title>") && html.contains("<h1>Workshop record: \(title)</h1>"))
        #expect(!markdown.contains("Review record") && !html.contains("Review record"))
        let json = Data(RecordRenderer.render(input, as: .json))
        #expect(try SchemaValidator(json: RecordSchema.json).violations(of: json).isEmpty)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"workshop\" : true"))
        let notAWorkshop = Data(text.replacingOccurrences(of: "\"workshop\" : true", with: "\"workshop\" : false").utf8)
        #expect(try !SchemaValidator(json: RecordSchema.json).violations(of: notAWorkshop).isEmpty, "only true is allowed")
        let decoded = try JSONDecoder().decode(ReviewRecord.self, from: json)
        #expect(decoded.session.workshop == true && decoded == ReviewRecord(input))
    }
}
