import Foundation

/// A tiny HTTP/1.1 client over one kept-alive TCP connection, for tests.
public final class RawHTTPClient: Sendable {
    /// The underlying socket (for raw writes or closing mid-request).
    public let socket: RawSocket
    private let host: String
    private let port: Int

    /// Connects to `host:port`.
    public init(host: String = "127.0.0.1", port: Int) throws {
        self.host = host
        self.port = port
        socket = try RawSocket(host: host, port: port)
    }

    /// Sends a request and reads its response; `content-length` is added when there is a body
    /// (or for POST/PUT/PATCH) unless `headers` already name it.
    public func request(_ method: String, _ target: String, headers: [(String, String)] = [],
                        body: [UInt8] = [], timeout: Double = 30) throws -> RawHTTPResponse {
        try send(method, target, headers: headers, body: body)
        return try readResponse(timeout: timeout, headRequest: method == "HEAD")
    }

    /// Sends a request without reading the answer.
    public func send(_ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8] = []) throws {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let named = headers.contains { $0.0.lowercased() == "content-length" }
        if !named, !body.isEmpty || ["POST", "PUT", "PATCH"].contains(method) {
            head += "Content-Length: \(body.count)\r\n"
        }
        head += "\r\n"
        try socket.write(Array(head.utf8) + body)
    }

    /// Reads one response: head, then a `content-length` body, or a chunked body, or (with
    /// neither) everything until the server closes.
    public func readResponse(timeout: Double = 30, headRequest: Bool = false) throws -> RawHTTPResponse {
        let headBytes = try socket.read(through: Array("\r\n\r\n".utf8), timeout: timeout)
        let (status, headers) = try RawHTTPResponse.parseHead(Array(headBytes.dropLast(4)))
        if headRequest || status == 204 || status == 304 || status < 200 {
            return RawHTTPResponse(status: status, headers: headers, body: [])
        }
        if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText) else { throw TestClientError(.malformed, "bad content-length \(lengthText)") }
            return RawHTTPResponse(status: status, headers: headers, body: try socket.read(exactly: length, timeout: timeout))
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            return RawHTTPResponse(status: status, headers: headers, body: try readChunked(timeout: timeout))
        }
        return RawHTTPResponse(status: status, headers: headers, body: try socket.readToEnd(timeout: timeout))
    }

    /// Closes the connection.
    public func close() { socket.close() }

    private func readChunked(timeout: Double) throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let line = try socket.read(through: Array("\r\n".utf8), timeout: timeout)
            let sizeText = String(decoding: line.dropLast(2), as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else {
                throw TestClientError(.malformed, "bad chunk size line")
            }
            if size == 0 {
                _ = try socket.read(through: Array("\r\n".utf8), timeout: timeout)
                return body
            }
            body += try socket.read(exactly: size, timeout: timeout)
            _ = try socket.read(exactly: 2, timeout: timeout)
        }
    }
}
