import Foundation

extension EditTrace {
    /// Reads and decodes the trace at `path`: gzip-compressed if it ends in `.gz`, plain JSON
    /// otherwise. A `.gz` file is decompressed by a `gzip -dc` child process (gzip is on every
    /// Debian machine, so no zlib binding is needed).
    public static func load(path: String) throws -> EditTrace {
        let data: Data
        if path.hasSuffix(".gz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/gzip")
            process.arguments = ["-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw EditTraceError(.gzipFailed, "gzip -dc \(path) failed with status \(process.terminationStatus)")
            }
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: path))
            } catch {
                throw EditTraceError(.unreadable, "\(path) could not be read: \(error)")
            }
        }
        do {
            return try JSONDecoder().decode(EditTrace.self, from: data)
        } catch {
            throw EditTraceError(.notATrace, "\(path) is not an editing trace: \(error)")
        }
    }
}
