import Foundation
import ReviewRoomServer
import TOMLKit

/// Reads `reviewroom.conf` (TOML, flat `key = value`) into a ``ConfigurationFile``.
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
            data = try handle.readToEnd() ?? Data()
        } catch {
            guard access(path, R_OK) == 0 else {
                return unreadable(path, "the configuration file cannot be read by this user (uid \(getuid())): "
                    + "permission denied (run with sudo, or make it readable)")
            }
            return unreadable(path, "the configuration file cannot be read: \(error.localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path), message: "the configuration file is not UTF-8 text")])
        }
        return parse(text, path: path)
    }

    private static func unreadable(_ path: String, _ message: String) -> ConfigurationFile {
        ConfigurationFile(path: path, problems: [ConfigurationProblem(code: .unreadableFile, key: nil, source: .file(path),
                                                                      message: message)])
    }

    /// Parses TOML text; a syntax error or a nested table is a problem. A syntax error names the
    /// key of its line (when the line has one) and quotes the line, since TOML's own wording
    /// ("unescaped control characters" for a missing closing quote) rarely says what to fix.
    public static func parse(_ text: String, path: String) -> ConfigurationFile {
        let refused = preflightProblems(text, path: path)
        guard refused.isEmpty else { return ConfigurationFile(path: path, problems: refused) }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            // One bad line must not hide the problems of the others: check-config names every
            // unknown key and bad value at once, so each statement is read again on its own.
            let recovered = parseStatements(text, path: path)
            guard recovered.problems.isEmpty else { return recovered }
            return ConfigurationFile(path: path, problems: [syntaxProblem(error, in: text, firstLine: 1, path: path)])
        } catch {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path), message: "not valid TOML: \(error)")])
        }
        return ConfigurationFile(path: path, entries: entries(of: table))
    }

    /// The table's keys and values, in its order.
    static func entries(of table: TOMLTable) -> [(key: String, value: ConfigValue)] {
        table.keys.compactMap { key in table[key].map { (key, convert($0)) } }
    }

    /// A syntax error in `text` (which starts at line `firstLine` of the file), naming the key of
    /// its line and quoting the line.
    static func syntaxProblem(_ error: TOMLParseError, in text: String, firstLine: Int, path: String) -> ConfigurationProblem {
        let number = Int(error.source.begin.line)
        let lines = fileLines(text)
        let line = number >= 1 && number <= lines.count ? String(lines[number - 1]) : nil
        let quoted = line.map { " (`\($0.trimmingCharacters(in: .whitespaces).prefix(120))`)" } ?? ""
        return ConfigurationProblem(
            code: .syntax, key: line.flatMap(Self.key(ofLine:)), source: .file(path),
            message: "line \(number + firstLine - 1)\(quoted), column \(error.source.begin.column): \(error.description); "
                + "each line is key = value, strings in double quotes (listen = \"127.0.0.1:8080\")")
    }

    /// The lines of `text`, ended by LF or CRLF (one `Character` in Swift, so splitting on
    /// `"\n"` alone would leave a file saved on Windows in one piece).
    static func fileLines(_ text: String) -> [Substring] {
        text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }

    /// The bare key a `key = value` line starts with, if it has one.
    static func key(ofLine line: String) -> String? {
        guard let equals = line.firstIndex(of: "=") else { return nil }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        let bare = !key.isEmpty && key.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-" }
        return bare ? key : nil
    }

    static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .string: return value.string.map(ConfigValue.string) ?? .unsupported("a string")
        case .int: return value.int.map(ConfigValue.integer) ?? .unsupported("an integer")
        case .double: return value.double.map(ConfigValue.float) ?? .unsupported("a number")
        case .bool: return value.bool.map(ConfigValue.boolean) ?? .unsupported("a boolean")
        case .array:
            guard let array = value.array else { return .unsupported("a list") }
            return .list(array.map { convert($0) })
        case .table: return .unsupported("a table (the file holds flat key = value lines only)")
        case .date, .time, .dateTime: return .unsupported("a date or time")
        }
    }
}
