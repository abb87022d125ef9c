import ArgumentParser

// Stub: the store helper's real `FacilitatorCommand` replaces this file at merge.
/// `reviewroomd facilitator add|list|revoke …`: manages facilitator API tokens.
struct FacilitatorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facilitator", abstract: "Add, list or revoke facilitators (not yet available).")

    @Argument(parsing: .allUnrecognized, help: .hidden)
    var arguments: [String] = []

    func run() throws {
        CommandOutput.standardError("reviewroomd facilitator: not yet available")
        throw ExitCode.failure
    }
}
