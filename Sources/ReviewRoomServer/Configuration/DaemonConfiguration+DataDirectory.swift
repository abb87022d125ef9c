extension DaemonConfiguration {
    /// What `check-config` finds wrong with `data_dir` on this machine: a missing directory is
    /// fine (`serve` creates it) only when its parent exists; an existing path must be a
    /// directory. Nil when nothing is. `serve` leaves this to the store, which exits 73.
    public var dataDirectoryProblem: ConfigurationProblem? {
        let directory = dataDirectory
        switch PathKind.of(directory) {
        case .directory, .unreadable:
            // An unreadable one may well be the service's (DynamicUser's /var/lib/private is 0700).
            return nil
        case .regularFile, .other:
            return ConfigurationProblem(code: .badValue, key: "data_dir", source: nil,
                                        message: "\(directory) exists but is not a directory")
        case .missing:
            let parent = Self.parentPath(of: directory)
            // serve's mkdir would fail with "File name too long" (exit 73) after this said all was well.
            if let name = directory.split(separator: "/").last, name.utf8.count > 255 {
                return ConfigurationProblem(code: .badValue, key: "data_dir", source: nil,
                                            message: "\(directory) ends in a name of \(name.utf8.count) bytes; a directory name takes at most 255")
            }
            if PathKind.of(parent) == .directory || PathKind.of(parent) == .unreadable { return nil }
            return ConfigurationProblem(
                code: .badValue, key: "data_dir", source: nil,
                message: "\(directory) does not exist and neither does its parent \(parent): serve creates only the last "
                    + "directory (a typo must not build a tree); create \(parent) or fix data_dir")
        }
    }

    /// `path` without its last component ("/" or "." when there is none).
    static func parentPath(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}
