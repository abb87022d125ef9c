import Foundation
import ReviewRoomServer

/// Reads `reviewroom.conf` (TOML, flat `key = value`) into a ``ConfigurationFile``, with the
/// daemon's own parser (``FlatTOMLParser``).
///
/// A library of its own (not part of `reviewroomd`) so that the fuzz target for the file's
/// syntax (`ReviewRoomFuzzTargets`) runs the very parser the daemon does.
public enum TOMLConfigurationReader {
    /// Where the daemon looks when no `--config` is given.
    public static let defaultPath = "/etc/reviewroom/reviewroom.conf"

    /// The file to use: `explicitPath` (which must exist), else the default file if it exists
    /// (nil when it does not: all defaults).
    public static func read(explicitPath: String?) -> ConfigurationFile? {
        let path = explicitPath ?? defaultPath
        guard !path.isEmpty else { return unreadable("--config", "the path is empty: name the configuration file") }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            guard explicitPath != nil else { return nil }
            return unreadable(path, "the configuration file does not exist")
        }
        guard !isDirectory.boolValue else {
            return unreadable(path, "is a directory, not a configuration file: name the file (e.g. \(path)/reviewroom.conf)")
        }
        let data: Data
        do {
            // A file handle also reads what is not a regular file (/dev/null, a pipe), which
            // Data(contentsOf:) refuses.
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            // Read one byte past the limit, never to the end: a path to /dev/zero or a pipe
            // that never closes would otherwise be read until memory runs out.
            data = try handle.read(upToCount: maxFileBytes + 1) ?? Data()
        } catch {
            guard access(path, R_OK) == 0 else {
                return unreadable(path, "the configuration file cannot be read by this user (uid \(getuid())): "
                    + "permission denied (run with sudo, or make it readable)")
            }
            return unreadable(path, "the configuration file cannot be read: \(error.localizedDescription)")
        }
        guard data.count <= maxFileBytes else {
            return unreadable(path, "the configuration file is over \(maxFileBytes / 1024) KiB, far more than any "
                + "configuration needs (a device or the wrong file?)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path), message: "the configuration file is not UTF-8 text")])
        }
        return parse(text, path: path)
    }

    /// The largest file read: a commented configuration is a few KiB.
    public static let maxFileBytes = 1 << 20

    private static func unreadable(_ path: String, _ message: String) -> ConfigurationFile {
        ConfigurationFile(path: path, problems: [ConfigurationProblem(code: .unreadableFile, key: nil, source: .file(path),
                                                                      message: message)])
    }

    /// Parses the file's text (``FlatTOMLParser``). Every problem names its line and column and,
    /// unless the line holds a control character, quotes the line; a syntax problem also names the
    /// key of its statement when the key was read, since TOML's terms rarely say what to fix.
    public static func parse(_ text: String, path: String) -> ConfigurationFile {
        let document = FlatTOMLParser.parse(text)
        let lines = fileLines(text)
        let problems = document.problems.map { problem in
            let line = problem.line <= lines.count ? lines[problem.line - 1] : ""
            let quoted = problem.damaged ? "" : " (`\(line.trimmingCharacters(in: .whitespaces).prefix(120))`)"
            return ConfigurationProblem(code: .syntax, key: problem.key, source: .file(path),
                                        message: "line \(problem.line)\(quoted), column \(problem.column): \(problem.message)")
        }
        return ConfigurationFile(path: path, entries: document.entries.map { ($0.key, $0.value) }, problems: problems)
    }

    /// The lines of `text`, ended by LF or CRLF (one `Character` in Swift, so splitting on
    /// `"\n"` alone would leave a file saved on Windows in one piece).
    static func fileLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }
}
