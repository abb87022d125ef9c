import Foundation

/// What `serve --demo` prints: the demo facilitator's token and console, and every join link.
/// Saved as `demo.json` in the data directory so a restart prints the same links.
public struct DemoLinks: Codable, Sendable, Equatable {
    /// One invite link.
    public struct Link: Codable, Sendable, Equatable {
        /// The participant's name.
        public var name: String
        /// Their role.
        public var role: String
        /// The join link (token in the fragment).
        public var url: String
    }

    /// The demo session's id.
    public var sessionID: String
    /// The demo facilitator's API token (sign in to the console with it).
    public var facilitatorToken: String
    /// Where the facilitator console is.
    public var consoleURL: String
    /// Every participant's link, the facilitator's first.
    public var links: [Link]

    /// The lines to print after `Listening on`.
    public var lines: [String] {
        var lines = ["Demo session \(sessionID):",
                     "  Facilitator console: \(consoleURL) (sign in with token \(facilitatorToken))"]
        for link in links {
            lines.append("  \(link.role == "facilitator" ? "Facilitator" : "\(link.role.capitalized) \(link.name)") link: \(link.url)")
        }
        return lines
    }
}
