import Foundation
import ReviewRoomStore

/// What `serve --demo` prints: the demo facilitator's token and console, and every join link.
/// Saved as `demo.json` in the data directory so a restart prints the same links (made with the
/// origin of that run, since `--listen HOST:0` may pick another port).
public struct DemoLinks: Codable, Sendable, Equatable {
    /// One invitee.
    public struct Link: Codable, Sendable, Equatable {
        /// The participant's name.
        public var name: String
        /// Their role.
        public var role: String
        /// Their invite token.
        public var token: String
    }

    /// The demo session's id.
    public var sessionID: String
    /// The demo facilitator's API token (sign in to the console with it).
    public var facilitatorToken: String
    /// Every invitee, the facilitator first.
    public var links: [Link]
    /// Every id and token the demo was (or is to be) made with, written before the store commits
    /// it, so a crash in between makes this same demo at the next start. Nil in a file written
    /// before the plan was kept.
    public var plan: SessionPlan?

    /// The lines to print after `Listening on`, with links under `origin` (no trailing `/`).
    public func lines(origin: String) -> [String] {
        var lines = ["Demo session \(sessionID):",
                     "  Facilitator console: \(origin)/console (sign in with token \(facilitatorToken))"]
        for link in links {
            let page = link.role == "display" ? "display" : "join"
            let who = link.role == "facilitator" ? "Facilitator" : "\(link.role.capitalized) \(link.name)"
            lines.append("  \(who) link: \(origin)/\(page)#\(link.token)")
        }
        return lines
    }
}
