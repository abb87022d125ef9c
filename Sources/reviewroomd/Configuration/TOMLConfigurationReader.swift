import Foundation
import ReviewRoomServer
import TOMLKit

/// Reads `reviewroom.conf` (TOML, flat `key = value`) into a ``ConfigurationFile``.
enum TOMLConfigurationReader {
    /// Where the daemon looks when no `--config` is given.
    static let defaultPath = "/etc/reviewroom/reviewroom.conf"

    /// The file to use: `explicitPath` (which must exist), else the default file if it exists
    /// (nil when it does not: all defaults).
    static func read(explicitPath: String?) -> ConfigurationFile? {
        let path = explicitPath ?? defaultPath
        guard FileManager.default.fileExists(atPath: path) else {
            guard explicitPath != nil else { return nil }
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .unreadableFile, key: nil, source: .file(path), message: "the configuration file does not exist")])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .unreadableFile, key: nil, source: .file(path), message: "the configuration file cannot be read (permissions?)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path), message: "the configuration file is not UTF-8 text")])
        }
        return parse(text, path: path)
    }

    /// Parses TOML text; a syntax error or a nested table is a problem.
    static func parse(_ text: String, path: String) -> ConfigurationFile {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path),
                message: "line \(error.source.begin.line), column \(error.source.begin.column): \(error.description)")])
        } catch {
            return ConfigurationFile(path: path, problems: [ConfigurationProblem(
                code: .syntax, key: nil, source: .file(path), message: "not valid TOML: \(error)")])
        }
        var entries: [(key: String, value: ConfigValue)] = []
        for key in table.keys {
            guard let value = table[key] else { continue }
            entries.append((key, convert(value)))
        }
        return ConfigurationFile(path: path, entries: entries)
    }

    private static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
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
