import ArgumentParser
import Foundation
import ReviewRoomContent
import ReviewRoomCore
import ReviewRoomStore

/// `reviewroomd export SESSION_ID [--format md|html|json] [--config FILE | --data-dir DIR]`:
/// prints a session's review record on stdout, rebuilt from the store (definition, participants
/// and the whole event log, which the store never compacts). A draft while the session runs.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Print a session's review record (Markdown, HTML or JSON).")

    /// Record formats. Read in any case (`--format JSON`), as the record route's `?format=` is.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case md, html, json

        init?(argument: String) {
            self.init(rawValue: argument.lowercased())
        }

        /// The content module's format.
        var recordFormat: RecordFormat {
            switch self {
            case .md: .markdown
            case .html: .html
            case .json: .json
            }
        }
    }

    @Argument(help: "The session to export.")
    var sessionID: String

    @Option(help: "md, html or json.")
    var format: Format = .md

    @OptionGroup var location: DataDirectoryOption

    func run() async throws {
        let id = SessionID(sessionID)
        let recordFormat = format.recordFormat
        let now = Timestamp(secondsSince1970: Date().timeIntervalSince1970)
        do {
            try await StoreCommandRunner.run(location, create: false) { store in
                let servedSince = DataDirectoryLock.servedSince(dataDirectory: store.configuration.dataDirectory)
                var input = try await Self.recordInput(of: id, in: store, at: now, servedSince: servedSince)
                // As the daemon's record does: a server that does not flag wording flags none here.
                input.languageHints = try location.configuration().languageHints
                let text = String(decoding: RecordRenderer.render(input, as: recordFormat), as: UTF8.self)
                // The runner prints with a line break of its own.
                return text.hasSuffix("\n") ? String(text.dropLast()) : text
            }
        } catch let failure as ExportFailure {
            CommandOutput.standardError("error: \(failure.message)")
            throw ExitCode.failure
        }
    }
}
