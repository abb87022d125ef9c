/// An HTTP response to write back.
public struct HTTPResponse: Sendable {
    /// Status code.
    public var status: Int
    /// Response headers (the transport adds `content-length`).
    public var headers: [(String, String)]
    /// Response body.
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status; self.headers = headers; self.body = body
    }
}
