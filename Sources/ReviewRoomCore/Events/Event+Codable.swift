extension Event: Codable {
    enum CodingKeys: String, CodingKey { case at, name, data }

    private enum DataKeys: String, CodingKey {
        case clock, floor, prompts, phase, remainingSec, participant, participants
    }

    /// Decodes `{"at", "name", "data"}`; an unknown name is a `DecodingError`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let at = try c.decode(Timestamp.self, forKey: .at)
        let name = try c.decode(String.self, forKey: .name)
        let body: EventBody
        if name == "session.changed" {
            body = .sessionChanged(try c.decode(SessionChange.self, forKey: .data))
        } else {
            let d = try c.nestedContainer(keyedBy: DataKeys.self, forKey: .data)
            switch name {
            case "clock.changed": body = .clockChanged(try d.decode(Clock.self, forKey: .clock))
            case "floor.changed": body = .floorChanged(try d.decode(Floor.self, forKey: .floor))
            case "prompts.changed": body = .promptsChanged(try d.decode(Prompts.self, forKey: .prompts))
            case "clock.warning":
                body = .clockWarning(phase: try d.decode(Int.self, forKey: .phase),
                                     remainingSec: try d.decode(Double.self, forKey: .remainingSec))
            case "clock.timeUp": body = .clockTimeUp(phase: try d.decode(Int.self, forKey: .phase))
            case "floor.timeUp": body = .floorTimeUp(participant: try d.decode(String.self, forKey: .participant))
            case "participant.changed":
                body = .participantChanged(try d.decode([Participant].self, forKey: .participants))
            default:
                throw DecodingError.dataCorruptedError(
                    forKey: .name, in: c, debugDescription: "'\(name)' is not an event name of protocol v1")
            }
        }
        self.init(at: at, body: body)
    }

    /// Encodes `{"at", "name", "data"}` with `data` exactly as PROTOCOL.md §3.2's table.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(at, forKey: .at)
        try c.encode(name, forKey: .name)
        func data() -> KeyedEncodingContainer<DataKeys> { c.nestedContainer(keyedBy: DataKeys.self, forKey: .data) }
        switch body {
        case .sessionChanged(let change):
            try c.encode(change, forKey: .data)
        case .clockChanged(let clock):
            var d = data()
            try d.encode(clock, forKey: .clock)
        case .floorChanged(let floor):
            var d = data()
            try d.encode(floor, forKey: .floor)
        case .promptsChanged(let prompts):
            var d = data()
            try d.encode(prompts, forKey: .prompts)
        case .clockWarning(let phase, let remainingSec):
            var d = data()
            try d.encode(phase, forKey: .phase)
            try d.encode(remainingSec, forKey: .remainingSec)
        case .clockTimeUp(let phase):
            var d = data()
            try d.encode(phase, forKey: .phase)
        case .floorTimeUp(let participant):
            var d = data()
            try d.encode(participant, forKey: .participant)
        case .participantChanged(let participants):
            var d = data()
            try d.encode(participants, forKey: .participants)
        }
    }
}
