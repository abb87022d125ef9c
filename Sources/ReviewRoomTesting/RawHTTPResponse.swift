import Foundation

/// An HTTP response as a raw client read it.
public struct RawHTTPResponse: Sendable, Equatable {
    /// Status code.
    public var status: Int
    /// Headers, names lower-cased (a repeated header keeps the last value).
    public var headers: [String: String]
    /// Body bytes.
    public var body: [UInt8]

    /// The body decoded as UTF-8.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Creates a response.
    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Parses a status line and header block (`\r\n`-separated, ending with an empty line).
    static func parseHead(_ bytes: [UInt8]) throws -> (status: Int, headers: [String: String]) {
        let lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = lines.first else { throw TestClientError(.malformed, "empty response head") }
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw TestClientError(.malformed, "bad status line: \(statusLine)")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":") else {
                throw TestClientError(.malformed, "bad header line: \(line)")
            }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers)
    }
}
