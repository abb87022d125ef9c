/// An option given twice (`serve --listen A --listen B`): Swift Argument Parser keeps the last
/// one, so a script or a unit's `ExecStart=` that named a second data directory or address by
/// mistake ran against it without a word. Every option takes one value, so a repeat is a usage
/// error (exit 64), like any other stray argument.
enum RepeatedOption {
    /// The usage error for `arguments` (without the program name), or nil when no long option
    /// appears twice. `--name=value` counts as `--name`; arguments after a `--` terminator are
    /// operands, never options.
    static func misuse(in arguments: [String]) -> String? {
        var seen: Set<Substring> = []
        for argument in arguments.prefix(while: { $0 != "--" }) where argument.hasPrefix("--") && argument.count > 2 {
            let name = argument.prefix { $0 != "=" }
            guard seen.insert(name).inserted else {
                return "\(name) is given twice: give it once (the last one would have been used silently)"
            }
        }
        return nil
    }
}
