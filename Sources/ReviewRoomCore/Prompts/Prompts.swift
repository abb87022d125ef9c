/// The session's question deck, the one on show and the ones discussed.
/// Encodes as `{deck, current, discussed}` (`current` null when none is shown).
public struct Prompts: Equatable, Sendable {
    /// Every prompt, in deck order.
    public var deck: [Prompt]
    /// Id of the prompt shown to everyone, if any.
    public var current: String?
    /// Ids of prompts marked discussed, in the order they were marked.
    public var discussed: [String]

    /// Creates a prompts value.
    public init(deck: [Prompt], current: String? = nil, discussed: [String] = []) {
        self.deck = deck
        self.current = current
        self.discussed = discussed
    }

    /// The prompt with `id`, if the deck has it.
    public func prompt(_ id: String) -> Prompt? { deck.first { $0.id == id } }

    /// An id no prompt in the deck has yet: `q<n>` with the smallest free n above the deck size.
    func freshID() -> String {
        var n = deck.count + 1
        while prompt("q\(n)") != nil { n += 1 }
        return "q\(n)"
    }
}

extension Prompts: Codable {
    enum CodingKeys: String, CodingKey { case deck, current, discussed }

    /// Decodes `{deck, current?, discussed}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(deck: try c.decode([Prompt].self, forKey: .deck),
                  current: try c.decodeIfPresent(String.self, forKey: .current),
                  discussed: try c.decode([String].self, forKey: .discussed))
    }

    /// Encodes `{deck, current, discussed}` with `current` always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(deck, forKey: .deck)
        try c.encode(current, forKey: .current)
        try c.encode(discussed, forKey: .discussed)
    }
}
