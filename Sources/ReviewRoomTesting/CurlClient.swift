import Foundation

/// HTTP(S) requests through the real `curl` command, for end-to-end checks of status, headers
/// and bodies (`--path-as-is`, so traversal attempts reach the server unchanged).
public enum CurlClient {
    /// One response.
    public struct Response: Sendable {
        /// Status code.
        public var status: Int
        /// Headers of the final response, names lower-cased (last value wins).
        public var headers: [String: String]
        /// The body.
        public var body: [UInt8]
        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Performs `method url`, with `extraArguments` (e.g. `--cacert FILE`, `-H …`) and an optional body file.
    public static func request(_ method: String = "GET", _ url: String, bodyFile: URL? = nil,
                               extraArguments: [String] = []) async throws -> Response {
        let directory = try TemporaryDirectory.make(prefix: "curl")
        defer { try? FileManager.default.removeItem(at: directory) }
        let headerFile = directory.appendingPathComponent("headers")
        let bodyOut = directory.appendingPathComponent("body")
        var arguments = ["curl", "-sS", "--path-as-is", "--max-time", "20", "-D", headerFile.path, "-o", bodyOut.path]
        if method == "HEAD" { arguments.append("-I") } else { arguments += ["-X", method] }
        if let bodyFile { arguments += ["--data-binary", "@\(bodyFile.path)", "-H", "Content-Type: application/json"] }
        arguments += extraArguments + [url]
        let result = try await ChildProcess.run(arguments)
        guard result.status == 0 else {
            throw DaemonProcessError(message: "curl \(url) failed (exit \(result.status)): \(result.stderr)")
        }
        let headerText = (try? String(contentsOf: headerFile, encoding: .utf8)) ?? ""
        // With redirects or 100-continue there are several blocks; the last is the response.
        let block = headerText.components(separatedBy: "\r\n\r\n").filter { !$0.isEmpty }.last ?? ""
        var lines = block.components(separatedBy: "\r\n")
        let statusLine = lines.isEmpty ? "" : lines.removeFirst()
        let statusParts = statusLine.split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw DaemonProcessError(message: "curl \(url): no status line in \(headerText)")
        }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = (try? Data(contentsOf: bodyOut)).map { [UInt8]($0) } ?? []
        if method == "HEAD" {
            // `curl -I` writes the head to the output file too; anything after it would be a body.
            let separator = Array("\r\n\r\n".utf8)
            var index = 0
            while index + separator.count <= body.count, Array(body[index..<index + separator.count]) != separator { index += 1 }
            body = index + separator.count <= body.count ? Array(body[(index + separator.count)...]) : []
        }
        return Response(status: status, headers: headers, body: body)
    }
}
