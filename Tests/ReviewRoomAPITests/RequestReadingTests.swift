import ReviewRoomContent
import ReviewRoomCore
@testable import ReviewRoomServer
import Testing

@Suite("API: reading requests")
struct RequestReadingTests {
    @Test(arguments: [
        (nil, nil, RecordFormat.markdown), ("html", "application/json", .html), (nil, "application/json", .json),
        (nil, "text/html, application/json;q=0.9", .html), (nil, "text/html;q=0.2, application/json;q=0.9", .json),
        (nil, "*/*", .markdown), (nil, "image/png, text/*;q=0.1", .markdown), ("JSON", nil, .json),
        // The most specific range names a format's quality: q=0 refuses it whatever a wildcard says.
        (nil, "text/markdown;q=0, */*", .html), (nil, "text/markdown;q=0, text/html;q=0, */*", .json),
        (nil, "text/*;q=0.5, text/markdown;q=0.1", .html), (nil, "application/json;q=0, */*;q=0.5", .markdown),
    ] as [(String?, String?, RecordFormat)])
    func recordFormatsAreNegotiated(_ query: String?, _ accept: String?, _ expected: RecordFormat) throws {
        #expect(try RecordNegotiation.format(query: query, accept: accept) == expected)
    }

    @Test func unknownFormatsAndUnacceptableTypesAreRefused() {
        #expect(throws: APIError.badRequest("format: 'pdf' is not one of 'md', 'html', 'json'")) {
            try RecordNegotiation.format(query: "pdf", accept: nil)
        }
        #expect { try RecordNegotiation.format(query: nil, accept: "image/png, text/html;q=0") } throws: { error in
            (error as? APIError)?.status == 406
        }
        #expect { try RecordNegotiation.format(query: nil, accept: "text/markdown;q=0, text/html;q=0, application/json;q=0, */*") }
            throws: { error in (error as? APIError)?.status == 406 }
    }

    @Test func patchAgendaKeepsIdsByPositionAndNamesNewOnes() throws {
        let current = [Phase(id: "welcome", title: "Welcome", kind: .briefing, durationSec: 60, turnMode: .open, onTimeUp: .overtime)]
        let body = #"{"agenda": [{"title": "Hi", "kind": "briefing", "durationSec": 30}, {"title": "Talk", "kind": "discussion", "durationSec": 90, "turnMode": "queue", "onTimeUp": "advance"}]}"#
        let request = try SessionRequest(body: Array(body.utf8), currentAgenda: current)
        let agenda = try #require(request.agenda)
        #expect(agenda.map(\.id) == ["welcome", "phase-2"])
        #expect(agenda[1].turnMode == .queue)
        #expect(agenda[1].onTimeUp == .advance)
        #expect(request.title == nil && request.deck == nil && request.startsAt == nil)
    }

    @Test func aTailoredAgendaKeepsItsPurposeLinesAndRefusesBadOnes() throws {
        let body = #"{"agenda": [{"title": "Hi", "kind": "briefing", "durationSec": 30, "purpose": "Agree how we talk"}, {"title": "Q", "kind": "enquiry", "durationSec": 30, "purpose": ""}]}"#
        let agenda = try #require(try SessionRequest(body: Array(body.utf8)).agenda)
        #expect(agenda.map(\.purpose) == ["Agree how we talk", nil])
        let wrongType = #"{"agenda": [{"title": "Hi", "kind": "briefing", "durationSec": 30, "purpose": 7}]}"#
        #expect(throws: APIError.self) { try SessionRequest(body: Array(wrongType.utf8)) }
    }

    @Test func aPhaseMayNameOnlyPromptsOfTheDeckInForce() throws {
        let deck = [Prompt(id: "k1", text: "Why?")]
        let body = #"{"agenda": [{"title": "Q", "kind": "enquiry", "durationSec": 30, "prompts": ["k1"]}]}"#
        #expect(try SessionRequest(body: Array(body.utf8), currentDeck: deck).agenda?.first?.prompts == ["k1"])
        #expect(throws: APIError.self) { try SessionRequest(body: Array(body.utf8)) }
    }

    @Test func bearerTokensAreReadStrictly() throws {
        func request(_ authorization: String?) -> APIRequest {
            var headers: [String: String] = [:]
            headers["authorization"] = authorization
            return APIRequest(http: .init(method: "GET", path: "/api/v1/sessions", headers: headers), parameters: [:])
        }
        #expect(try APIContext.bearerToken(request("Bearer abc")) == "abc")
        #expect(try APIContext.bearerToken(request("bearer  abc ")) == "abc")
        for bad in [nil, "", "Bearer", "Bearer   ", "Token abc"] as [String?] {
            #expect(throws: APIError.self, "\(bad ?? "nil")") { try APIContext.bearerToken(request(bad)) }
        }
    }
}
