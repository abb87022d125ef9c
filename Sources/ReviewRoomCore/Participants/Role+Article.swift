extension Role {
    /// The role with its indefinite article, for messages ("an observer", "a reviewer").
    var withArticle: String {
        switch self {
        case .observer: "an observer"
        default: "a \(rawValue)"
        }
    }
}
