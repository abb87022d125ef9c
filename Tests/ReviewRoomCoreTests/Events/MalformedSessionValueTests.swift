import Foundation
import Testing
@testable import ReviewRoomCore

@Suite struct MalformedSessionValueTests {
    @Test(arguments: [
        #"{"status":"live","phase":0,"durationSec":60,"elapsedSec":1}"#.replacingOccurrences(of: "\"durationSec\":60,", with: ""),
        #"{"status":"running","phase":0,"durationSec":60,"elapsedSec":1,"remainingSec":59}"#,
        #"{"status":"live","phase":"0","durationSec":60,"elapsedSec":1,"remainingSec":59}"#,
        #"{"status":"live","phase":0,"phaseStartedAt":"soon","durationSec":60,"elapsedSec":1,"remainingSec":59}"#,
    ])
    func malformedClocksDoNotDecode(_ text: String) {
        #expect(throws: DecodingError.self) { try EncodedJSON.decode(Clock.self, from: text) }
    }

    @Test(arguments: [
        #"{"mode":"chaos","queue":[],"spokenSec":{}}"#,
        #"{"mode":"open","queue":[{"participant":"r1","kind":"shout","raisedAt":"2026-12-01T09:30:00Z"}],"spokenSec":{}}"#,
        #"{"mode":"open","queue":[],"spokenSec":{"r1":"long"}}"#,
        #"{"mode":"open","spokenSec":{}}"#,
    ])
    func malformedFloorsDoNotDecode(_ text: String) {
        #expect(throws: DecodingError.self) { try EncodedJSON.decode(Floor.self, from: text) }
    }

    @Test func absentOptionalsDecodeAsNull() throws {
        let clock = try EncodedJSON.decode(Clock.self, from: #"{"status":"paused","phase":1,"durationSec":60.5,"elapsedSec":1.25}"#)
        #expect(clock == Clock(status: .paused, phase: 1, phaseStartedAt: nil, durationMs: 60_500, elapsedMs: 1_250, endsAt: nil))
        let floor = try EncodedJSON.decode(Floor.self, from: #"{"mode":"open","queue":[],"spokenSec":{"r1":2.5}}"#)
        #expect(floor == Floor(mode: .open, spokenMs: ["r1": 2_500]))
    }
}
