import Foundation
import ReviewRoomServer
import TOMLKit

extension TOMLConfigurationReader {
    /// One `key = value` statement of the file: its first line (1-based) and its text, the
    /// lines that continue it (a list over several lines) included.
    struct Statement {
        /// The file's line the statement starts on.
        var firstLine: Int
        /// The statement's text.
        var text: String
    }

    /// The file read one statement at a time, after the whole file failed to parse: every
    /// statement that parses gives its entry, every one that does not gives its own syntax
    /// problem, so the loader can still name the unknown keys and bad values of the rest. A
    /// `[table]` line is kept as its entry (refused as a table) and the lines after it, which
    /// TOML would put inside it, are left out.
    static func parseStatements(_ text: String, path: String) -> ConfigurationFile {
        var entries: [(key: String, value: ConfigValue)] = []
        var problems: [ConfigurationProblem] = []
        var firstLineOfKey: [String: Int] = [:]
        for statement in statements(of: text) {
            let refused = preflightProblems(statement.text, path: path, firstLine: statement.firstLine)
            guard refused.isEmpty else {
                problems += refused
                continue
            }
            let table: TOMLTable
            do {
                table = try TOMLTable(string: statement.text)
            } catch let error as TOMLParseError {
                problems.append(syntaxProblem(error, in: statement.text, firstLine: statement.firstLine, path: path))
                continue
            } catch {
                problems.append(ConfigurationProblem(code: .syntax, key: nil, source: .file(path),
                                                     message: "line \(statement.firstLine): not valid TOML: \(error)"))
                continue
            }
            for (key, value) in Self.entries(of: table) {
                if let earlier = firstLineOfKey[key] {
                    problems.append(ConfigurationProblem(
                        code: .syntax, key: key, source: .file(path),
                        message: "line \(statement.firstLine): \(key) is set again (first on line \(earlier)); set each key once"))
                    continue
                }
                firstLineOfKey[key] = statement.firstLine
                entries.append((key, value))
            }
            if statement.text.trimmingCharacters(in: .whitespaces).hasPrefix("[") { break }
        }
        return ConfigurationFile(path: path, entries: entries, problems: problems)
    }

    /// The statements of `text`: a line with a bare `key =` or a `[table]` header starts one;
    /// any other line (a list's next item, a comment, a blank) belongs to the one before.
    static func statements(of text: String) -> [Statement] {
        var statements: [Statement] = []
        for (index, line) in fileLines(text).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let starts = key(ofLine: String(line)) != nil || (trimmed.hasPrefix("[") && trimmed.hasSuffix("]"))
            if starts || statements.isEmpty {
                statements.append(Statement(firstLine: index + 1, text: String(line)))
            } else {
                statements[statements.count - 1].text += "\n" + line
            }
        }
        return statements
    }
}
