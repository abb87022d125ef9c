import Foundation

extension EditTrace {
    /// Reads and decodes the trace at `path`: gzip-compressed if it ends in `.gz`, plain JSON
    /// otherwise. A `.gz` file is decompressed by a `gzip -dc` child process (gzip is on every
    /// Debian machine, so no zlib binding is needed).
    public static func load(path: String) throws -> EditTrace {
        let data: Data
        if path.hasSuffix(".gz") {
            let (status, output) = try ChildProcess.runBlocking(["/bin/gzip", "-dc", path])
            guard status == 0 else {
                throw EditTraceError(.gzipFailed, "gzip -dc \(path) failed with status \(status)")
            }
            data = output
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
