import Foundation
import ReviewRoomContent
import ReviewRoomCore
import Testing

@Suite("Agenda templates")
struct TemplateTests {
    /// The length each template states in its title, in minutes.
    static let statedMinutes: [String: Int] = [
        "rapid-remote-90": 90,
        "standard-remote-half-day": 210,
        "focus-setting-45": 45,
        "post-review-workshop-60": 60,
        "partially-remote-120": 120,
    ]

    @Test("the five templates of the issue exist, rapid-remote-90 among them")
    func allExist() {
        #expect(BuiltInContent.templates.map(\.id).sorted() == Self.statedMinutes.keys.sorted())
        #expect(BuiltInContent.template("rapid-remote-90")?.title == "Rapid remote review (90 min)")
        #expect(BuiltInContent.template("no-such-template") == nil)
    }

    @Test("each template's phases sum to its stated length", arguments: BuiltInContent.templates)
    func lengths(template: AgendaTemplate) throws {
        let minutes = try #require(Self.statedMinutes[template.id])
        #expect(template.plannedSec == Double(minutes * 60))
        #expect(template.phases.reduce(0) { $0 + $1.durationSec } == Double(minutes * 60))
    }

    @Test("each template is a valid agenda: unique ids, titles, purposes", arguments: BuiltInContent.templates)
    func valid(template: AgendaTemplate) throws {
        try SessionState.validate(agenda: template.phases)
        #expect(Set(template.phases.map(\.id)).count == template.phases.count)
        for phase in template.phases {
            let purpose = try #require(phase.purpose)
            #expect(!purpose.isEmpty && purpose.count <= 140, "purpose of \(phase.id) is one short line")
        }
        #expect(!template.description.isEmpty)
    }

    @Test("each review template follows the cycle: ground rules first, a round for reflections, actions, then a close",
          arguments: BuiltInContent.templates.filter { $0.id != "focus-setting-45" })
    func cycle(template: AgendaTemplate) throws {
        let first = try #require(template.phases.first)
        #expect(first.kind == .briefing)
        #expect(template.phases.contains { $0.kind == .actions })
        #expect(template.phases.contains { $0.turnMode == .round })
        #expect(template.phases.last?.kind == .reflection)
    }

    @Test("the focus-setting meeting opens with a briefing and ends agreeing arrangements")
    func focusSetting() throws {
        let template = try #require(BuiltInContent.template("focus-setting-45"))
        #expect(template.phases.first?.kind == .briefing)
        #expect(template.phases.last?.kind == .actions)
        #expect(template.phases.contains { $0.kind == .enquiry })
    }

    @Test("a phase encodes purpose only when it has one")
    func purposeEncoding() throws {
        let with = try #require(BuiltInContent.template("rapid-remote-90")?.phases.first)
        var without = with
        without.purpose = nil
        let withJSON = String(decoding: try JSONEncoder().encode(with), as: UTF8.self)
        let withoutJSON = String(decoding: try JSONEncoder().encode(without), as: UTF8.self)
        #expect(withJSON.contains("\"purpose\""))
        #expect(!withoutJSON.contains("purpose"))
        #expect(try JSONDecoder().decode(Phase.self, from: Data(withJSON.utf8)) == with)
        #expect(try JSONDecoder().decode(Phase.self, from: Data(withoutJSON.utf8)) == without)
    }

    @Test("templates encode as {id, title, description, phases}")
    func templateShape() throws {
        let data = try JSONEncoder().encode(BuiltInContent.templates)
        let list = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(list.count == BuiltInContent.templates.count)
        for object in list {
            #expect(Set(object.keys) == ["id", "title", "description", "phases"])
        }
    }
}
