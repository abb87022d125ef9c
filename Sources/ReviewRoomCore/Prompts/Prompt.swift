/// An enquiry question. Encodes as `{id, text, theme}` (`theme` null when it has none).
public struct Prompt: Equatable, Sendable {
    /// Opaque prompt id.
    public var id: String
    /// The question.
    public var text: String
    /// The theme it belongs to, e.g. `wellbeing`.
    public var theme: String?

    /// Creates a prompt.
    public init(id: String, text: String, theme: String? = nil) {
        self.id = id
        self.text = text
        self.theme = theme
    }
}

extension Prompt: Codable {
    enum CodingKeys: String, CodingKey { case id, text, theme }

    /// Decodes `{id, text, theme?}`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), text: try c.decode(String.self, forKey: .text),
                  theme: try c.decodeIfPresent(String.self, forKey: .theme))
    }

    /// Encodes `{id, text, theme}` with `theme` always present.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(text, forKey: .text)
        try c.encode(theme, forKey: .theme)
    }
}
