import Foundation

/// Writes command-line output (not logging): whole lines, flushed at once, so tests and
/// scripts reading a pipe see them immediately.
enum CommandOutput {
    /// Writes `line` and a newline to stdout and flushes.
    static func standardOutput(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Writes `line` and a newline to stderr.
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
