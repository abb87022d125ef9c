/// One HTTP request/response on a connection, from headers to the last body byte written.
/// Lives on the service thread only.
final class HTTPExchange {
    /// Identity used to match the responder's answer to the parked request.
    let id: UInt64
    /// The lws connection handle.
    let wsi: OpaquePointer
    /// Who answers it: the main responder or the HTTP-only listener's.
    let responder: any HTTPResponder
    /// The request as read so far (body grows with `HTTP_BODY`).
    var request: HTTPRequest
    /// Body bytes announced by `content-length`.
    var expectedBodyBytes: Int
    /// When the headers arrived, in the service thread's ``ReadingClock`` time (the body
    /// deadline counts from here).
    let startedAt: UInt64
    /// The answer, once the responder gave it.
    var response: HTTPResponse?
    /// The connection closes after the answer: lws still expects a body that is not coming
    /// (a body method without `Content-Length`), so it cannot carry another request.
    var closesAfterResponse = false
    /// The transport's refusal of a body over the limit that is still read, and dropped, before
    /// the refusal is written and the connection closed: closing with a body unread resets the
    /// connection, and a client still sending it would see a broken pipe instead of the answer.
    var refusalAfterBody: HTTPRefusal?
    /// Handed to the responder already.
    var dispatched = false
    /// Status line and headers were written.
    var headersWritten = false
    /// Body bytes already written.
    var bodyOffset = 0

    /// Starts an exchange for `request` on `wsi`, its headers in at `startedAt`.
    init(id: UInt64, wsi: OpaquePointer, responder: any HTTPResponder, request: HTTPRequest, expectedBodyBytes: Int,
         startedAt: UInt64) {
        self.id = id
        self.startedAt = startedAt
        self.responder = responder
        self.wsi = wsi
        self.request = request
        self.expectedBodyBytes = expectedBodyBytes
    }
}
