/// Where `--version` may appear: alone. Swift Argument Parser prints the version whenever the
/// flag is anywhere on the line (`reviewroomd --version extra`, `reviewroomd serve --version`)
/// and exits 0, so a script's typo or a misplaced flag would pass silently; every other stray
/// argument is a usage error (exit 64), and so is this.
enum VersionFlagUse {
    /// The usage error for `arguments` (without the program name), or nil when they are not
    /// `--version` with something else. Arguments after a `--` terminator are operands, never
    /// the flag.
    static func misuse(in arguments: [String]) -> String? {
        let options = arguments.prefix { $0 != "--" }
        guard options.contains("--version"), arguments != ["--version"] else { return nil }
        return "--version takes no other arguments: run `reviewroomd --version` alone"
    }
}
