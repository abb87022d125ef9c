import Foundation

/// A sequential editing trace (the josephg/editing-traces format), read from a `.json.gz`
/// file by a `gzip -dc` child process (gzip is on every Debian machine; no zlib binding needed).
struct EditTraceFile: Decodable {
    /// One `[position, numDeleted, "inserted"]` patch; positions count Unicode code points.
    struct Patch: Decodable {
        var position: Int
        var deleted: Int
        var inserted: String

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            position = try c.decode(Int.self)
            deleted = try c.decode(Int.self)
            inserted = try c.decode(String.self)
        }
    }

    /// One transaction: patches applied in order.
    struct Transaction: Decodable {
        var patches: [Patch]
    }

    var startContent: String?
    var endContent: String
    var txns: [Transaction]

    /// Reads and decodes `path` (gzip-compressed unless it ends in `.json`).
    static func load(path: String) throws -> EditTraceFile {
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
                throw BenchError("gzip -dc \(path) failed with status \(process.terminationStatus)")
            }
        } else {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        }
        do {
            return try JSONDecoder().decode(EditTraceFile.self, from: data)
        } catch {
            throw BenchError("\(path) is not an editing trace: \(error)")
        }
    }
}
