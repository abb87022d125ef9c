import ArgumentParser

/// A command that only groups subcommands, run without one: a usage error like any other
/// missing argument (exit 64, nothing on stdout), so a script that forgot the subcommand fails.
enum MissingSubcommand {
    /// Prints what is missing and the command's help (its own usage line) on stderr, then
    /// exits 64 (`EX_USAGE`).
    static func fail(_ command: any ParsableCommand.Type) throws -> Never {
        let names = command.configuration.subcommands.map { $0._commandName }.joined(separator: ", ")
        CommandOutput.standardError("Error: missing subcommand: give one of \(names)\n\n"
                                    + ReviewRoomd.helpMessage(for: command))
        throw ExitCode.validationFailure
    }
}
