import CLibWebSockets
import Foundation

// Plain HTTP: read the request (and its body), hand it to the responder off the service
// thread, park until the answer arrives through the mailbox, then write it in chunks
// across WRITEABLE callbacks and complete the transaction (keep-alive).
extension ServiceCore {
    /// Bytes of body written per `lws_write`.
    static let httpChunkBytes = 16 * 1024

    /// `LWS_CALLBACK_HTTP`: a request's headers are in; `responder` will answer it. Returns the
    /// callback's result.
    /// The callback reasons of one HTTP exchange, shared by every vhost's HTTP protocol: the
    /// request's start (answered by `responder`), its body, the writes and the close. Nil for
    /// any other reason.
    func httpExchangeCallback(_ wsi: OpaquePointer, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
                              _ input: UnsafeMutableRawPointer?, _ length: Int, responder: any HTTPResponder) -> Int32? {
        switch reason {
        case LWS_CALLBACK_HTTP:
            return httpRequestStarted(wsi, responder: responder)
        case LWS_CALLBACK_HTTP_BODY:
            return httpBodyReceived(wsi, input, length)
        case LWS_CALLBACK_HTTP_BODY_COMPLETION:
            return httpBodyCompleted(wsi)
        case LWS_CALLBACK_HTTP_WRITEABLE:
            return httpWriteable(wsi)
        case LWS_CALLBACK_CLOSED_HTTP:
            httpClosed(wsi)
            return lws_callback_http_dummy(wsi, reason, user, input, length)
        default:
            return nil
        }
    }

    func httpRequestStarted(_ wsi: OpaquePointer, responder: any HTTPResponder) -> Int32 {
        assertOnServiceThread()
        guard let (method, token) = HTTPRequestReader.method(wsi) else {
            return refuse(wsi, HTTPRefusal(status: 405, detail: "the request method is not one this server serves"))
        }
        let headers = HTTPRequestReader.headers(wsi, custom: configuration.customRequestHeaders)
        if let refusal = HostRequirement.refusal(version: HTTPRequestReader.header(wsi, WSI_TOKEN_HTTP), host: headers["host"]) {
            return refuse(wsi, refusal, isHead: method == "HEAD")
        }
        let request = HTTPRequest(
            method: method, path: HTTPRequestReader.header(wsi, token) ?? "/",
            queryArguments: HTTPRequestReader.queryArguments(wsi), headers: headers, body: [],
            remoteAddress: HTTPRequestReader.remoteAddress(wsi))

        let declared = headers["content-length"].map(Self.contentLength)
        if let refusal = Self.transferEncodingRefusal(method: method, headers: headers) {
            return refuse(wsi, refusal, isHead: method == "HEAD")
        }
        let bodyMethods: Set<String> = ["POST", "PUT", "PATCH"]
        var expected = 0
        var closesAfterResponse = false
        var refusalAfterBody: HTTPRefusal?
        switch declared {
        case .none:
            if bodyMethods.contains(method) {
                // RFC 9112 §6.3: no Content-Length and no Transfer-Encoding is an empty body. lws
                // still waits for up to 100 MB of one and would read the next request as body, so
                // the answer closes the connection.
                closesAfterResponse = true
            }
        case .some(.none), .some(.some(..<0)):
            return refuse(wsi, HTTPRefusal(status: 400, detail: "the Content-Length header is not a non-negative integer"),
                          isHead: method == "HEAD")
        case .some(.some(let length)):
            if length > configuration.maxRequestBodyBytes {
                // Read first when it is small enough and the client did not offer to wait for
                // the verdict (`Expect: 100-continue`): see ``HTTPExchange/refusalAfterBody``.
                guard method != "HEAD", length <= configuration.maxDiscardedBodyBytes, headers["expect"] == nil else {
                    return refuse(wsi, tooLarge(length), isHead: method == "HEAD")
                }
                refusalAfterBody = tooLarge(length)
            }
            expected = length
        }

        let exchange = HTTPExchange(id: nextExchangeNumber, wsi: wsi, responder: responder, request: request, expectedBodyBytes: expected,
                                     startedAt: readingClock.now)
        exchange.closesAfterResponse = closesAfterResponse
        exchange.refusalAfterBody = refusalAfterBody
        nextExchangeNumber += 1
        if let previous = exchangesByWSI[wsi] { exchangesByID[previous.id] = nil }
        exchangesByWSI[wsi] = exchange
        exchangesByID[exchange.id] = exchange
        // lws announces the body with HTTP_BODY…/HTTP_BODY_COMPLETION when there is one, and
        // (for POST only) also when content-length is an explicit 0.
        if expected > 0 || (method == "POST" && declared != nil) {
            if expected > 0, headers["expect"]?.lowercased() == "100-continue", !sendContinue(wsi) { return -1 }
            return 0
        }
        dispatch(exchange)
        return 0
    }

    /// A `Content-Length` value as a number: digits only (RFC 9110 §8.6), surrounding spaces
    /// allowed; nil for anything else. (Swift's `Int("+93")` is 93, and a length a proxy in
    /// front reads otherwise is how requests are smuggled.)
    static func contentLength(_ text: String) -> Int? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return Int(digits)
    }

    /// A `CONNECT` request: libwebsockets 4.1.6 turns its connection into a raw socket of the
    /// vhost's first protocol (`lws_http_to_fallback`), where it waited unanswered for ever. It is
    /// answered 405 like any method no route serves, and closed. Returns the callback's result.
    func refuseConnect(_ wsi: OpaquePointer) -> Int32 {
        refuse(wsi, HTTPRefusal(status: 405, detail: "CONNECT is not served: this is not a proxy", headers: ["Allow": Self.servedMethods]))
    }

    /// The methods some route serves, for a 405's `Allow` when the request names none.
    static let servedMethods = "GET, HEAD, POST, PATCH, DELETE"

    /// The refusal of a request with `Transfer-Encoding`, whatever its method: lws 4.1.6 does
    /// not decode a chunked (or any Transfer-Encoding) request body, so answering it and keeping
    /// the connection would read that body as the next request. Without `Content-Length` it is
    /// 411; with one too, 400 (RFC 9112 §6.1: the two disagree on where the body ends, the way
    /// requests are smuggled past a proxy). Either refusal closes the connection.
    static func transferEncodingRefusal(method: String, headers: [String: String]) -> HTTPRefusal? {
        guard headers["transfer-encoding"] != nil else { return nil }
        if headers["content-length"] != nil {
            return HTTPRefusal(status: 400, detail: "a request must not carry both Content-Length and Transfer-Encoding")
        }
        return HTTPRefusal(status: 411, detail: "a \(method) request with a body needs a Content-Length header: "
            + "Transfer-Encoding bodies are not accepted")
    }

    /// `LWS_CALLBACK_HTTP_BODY`: a piece of the body.
    func httpBodyReceived(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        // Bytes after a request without a length are not its body (it has none), and a body
        // refused for its size is read only to be dropped.
        guard let exchange = exchangesByWSI[wsi], !exchange.closesAfterResponse, exchange.refusalAfterBody == nil else { return 0 }
        guard length > 0, let input else { return 0 }
        guard exchange.request.body.count + length <= configuration.maxRequestBodyBytes else {
            forget(exchange)
            return refuse(wsi, tooLarge(exchange.request.body.count + length))
        }
        exchange.request.body.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        return 0
    }

    /// `LWS_CALLBACK_HTTP_BODY_COMPLETION`: the whole body is in.
    func httpBodyCompleted(_ wsi: OpaquePointer) -> Int32 {
        guard let exchange = exchangesByWSI[wsi], !exchange.dispatched else { return 0 }
        if let refusal = exchange.refusalAfterBody {
            forget(exchange)
            return refuse(wsi, refusal)
        }
        dispatch(exchange)
        return 0
    }

    /// `LWS_CALLBACK_HTTP_WRITEABLE`: write what there is of the parked answer.
    func httpWriteable(_ wsi: OpaquePointer) -> Int32 {
        guard let exchange = exchangesByWSI[wsi], let response = exchange.response else { return 0 }
        if !exchange.headersWritten {
            var response = response
            if exchange.closesAfterResponse {
                response.headers.removeAll { $0.0.lowercased() == "connection" }
                response.headers.append(("Connection", "close"))
            }
            guard writeHeaders(wsi, response: response, isHead: exchange.request.method == "HEAD") else { return -1 }
            exchange.headersWritten = true
        }
        let body = exchange.request.method == "HEAD" ? [] : response.body
        if exchange.bodyOffset < body.count {
            guard let more = writeBodyChunks(wsi, body: body, exchange: exchange) else { return -1 }
            if more {
                lws_callback_on_writable(wsi)
                return 0
            }
        }
        forget(exchange)
        // Closing (-1) flushes what is still buffered first (lws' LRS_FLUSHING_BEFORE_CLOSE).
        if exchange.closesAfterResponse { return -1 }
        return lws_http_transaction_completed(wsi) != 0 ? -1 : 0
    }

    /// `LWS_CALLBACK_CLOSED_HTTP`: the connection went away; a late answer is dropped.
    func httpClosed(_ wsi: OpaquePointer) {
        if let exchange = exchangesByWSI[wsi] { forget(exchange) }
    }

    /// The responder's answer arrived (mailbox).
    func deliver(_ response: HTTPResponse, to exchangeID: UInt64) {
        guard let exchange = exchangesByID[exchangeID] else { return }
        exchange.response = response
        lws_callback_on_writable(exchange.wsi)
    }

    private func dispatch(_ exchange: HTTPExchange) {
        exchange.dispatched = true
        let request = exchange.request
        let id = exchange.id
        let responder = exchange.responder
        let mailbox = self.mailbox
        Task {
            let response = await responder.respond(to: request)
            mailbox.post(.httpReply(exchange: id, response: response))
        }
    }

    /// Answers `Expect: 100-continue` (lws 4.1.6 does not), so clients such as curl send the
    /// body at once instead of after their own timeout. HTTP/1.1 only: h1 writes are raw.
    private func sendContinue(_ wsi: OpaquePointer) -> Bool {
        var bytes = [UInt8](repeating: 0, count: reviewroom_lws_pre) + Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
        let length = bytes.count - reviewroom_lws_pre
        return bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return lws_write(wsi, base + reviewroom_lws_pre, length, LWS_WRITE_HTTP_HEADERS) == length
        }
    }

    func forget(_ exchange: HTTPExchange) {
        exchangesByWSI[exchange.wsi] = nil
        exchangesByID[exchange.id] = nil
    }

    private func tooLarge(_ bytes: Int) -> HTTPRefusal {
        HTTPRefusal(status: 413, detail: "the request body has \(bytes) bytes or more; at most \(configuration.maxRequestBodyBytes) are accepted")
    }

    /// Answers a request the transport refuses itself and closes the connection (an unread
    /// body is dropped). Returns the callback's result.
    func refuse(_ wsi: OpaquePointer, _ refusal: HTTPRefusal, isHead: Bool = false) -> Int32 {
        if !writeRefusal(wsi, refusal, isHead: isHead) {
            logger.debug("could not write a refusal", metadata: ["status": "\(refusal.status)"])
        }
        return -1
    }

    /// Writes the responder's answer to `refusal` (``HTTPResponder/refusal(_:)``) at once, with
    /// the same headers as every response (the canned ones too, which lws adds only with a status
    /// line it writes itself) plus `Connection: close`: status line, headers and
    /// body go out in one write, as lws' own status page would (the connection is closed after,
    /// so nothing may wait for `WRITEABLE`). Usable before the headers of an upgrade are answered.
    func writeRefusal(_ wsi: OpaquePointer, _ refusal: HTTPRefusal, isHead: Bool) -> Bool {
        var response = responder.refusal(refusal)
        let canned = Set(configuration.responseHeaders.map { $0.0.lowercased() })
        response.headers.removeAll { $0.0.lowercased() == "connection" || canned.contains($0.0.lowercased()) }
        response.headers.append(("Connection", "close"))
        response.headers += refusal.headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        response.headers += configuration.responseHeaders
        let body = isHead ? [] : response.body
        let headerBytes = response.headers.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 }
        let capacity = reviewroom_lws_pre + 1024 + headerBytes + body.count
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let start = buffer + reviewroom_lws_pre
        let end = buffer + capacity
        var cursor: UnsafeMutablePointer<UInt8>? = start
        // The status line by hand: before an upgrade is answered lws has not noted the request's
        // HTTP version, and lws_add_http_header_status would write "HTTP/1.0". (h1 writes a
        // header without a name as the bare line.)
        var statusLine = Array("HTTP/1.1 \(response.status) \(refusal.title)".utf8)
        guard lws_add_http_header_by_name(wsi, nil, &statusLine, Int32(statusLine.count), &cursor, end) == 0,
              addHeaders(wsi, response: response, cursor: &cursor, end: end, keepCanned: true) else { return false }
        // By token, not lws_add_http_header_content_length: that one makes lws count the body
        // bytes of later HTTP writes, and these go out together with the headers.
        var length = Array(String(response.body.count).utf8)
        guard lws_add_http_header_by_token(wsi, WSI_TOKEN_HTTP_CONTENT_LENGTH, &length, Int32(length.count), &cursor, end) == 0,
              lws_finalize_http_header(wsi, &cursor, end) == 0, var position = cursor else { return false }
        guard end - position >= body.count else { return false }
        body.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            position.update(from: base, count: all.count)
        }
        position += body.count
        let total = position - start
        return lws_write(wsi, start, total, LWS_WRITE_HTTP) == total
    }

    /// Adds the status line and `response`'s headers (all but `content-length`).
    private func addStatusAndHeaders(_ wsi: OpaquePointer, response: HTTPResponse,
                                     cursor: inout UnsafeMutablePointer<UInt8>?, end: UnsafeMutablePointer<UInt8>) -> Bool {
        guard let line = cursor, lws_add_http_header_status(wsi, UInt32(clamping: response.status), &cursor, end) == 0,
              ReasonPhrase.fill(status: response.status, line: line, cursor: &cursor, end: end) else { return false }
        return addHeaders(wsi, response: response, cursor: &cursor, end: end)
    }

    /// Adds `response`'s headers (all but `content-length`). Unless `keepCanned`, those named
    /// like a canned header are left out: lws adds the canned value with the status line, and a
    /// response carries each exactly once.
    private func addHeaders(_ wsi: OpaquePointer, response: HTTPResponse, cursor: inout UnsafeMutablePointer<UInt8>?,
                            end: UnsafeMutablePointer<UInt8>, keepCanned: Bool = false) -> Bool {
        let canned = keepCanned ? [] : Set(configuration.responseHeaders.map { $0.0.lowercased() })
        for (name, value) in response.headers {
            let key = name.lowercased()
            if key == "content-length" || canned.contains(key) { continue }
            var keyBytes = Array((key + ":").utf8) + [0]
            var valueBytes = Array(value.utf8)
            let added = lws_add_http_header_by_name(wsi, &keyBytes, &valueBytes, Int32(valueBytes.count), &cursor, end)
            guard added == 0 else { return false }
        }
        return true
    }

    private func writeHeaders(_ wsi: OpaquePointer, response: HTTPResponse, isHead: Bool) -> Bool {
        // lws adds the canned headers too.
        let headerBytes = (response.headers + configuration.responseHeaders).reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 }
        let capacity = reviewroom_lws_pre + 1024 + headerBytes
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let start = buffer + reviewroom_lws_pre
        let end = buffer + capacity
        var cursor: UnsafeMutablePointer<UInt8>? = start

        guard addStatusAndHeaders(wsi, response: response, cursor: &cursor, end: end) else { return false }
        let bodyless = response.status < 200 || response.status == 204 || response.status == 304
        if !bodyless {
            guard lws_add_http_header_content_length(wsi, lws_filepos_t(response.body.count), &cursor, end) == 0 else {
                return false
            }
        }
        return lws_finalize_write_http_header(wsi, start, &cursor, end) == 0
    }

    /// Writes body chunks while the socket takes them; true when more remains, nil on failure.
    private func writeBodyChunks(_ wsi: OpaquePointer, body: [UInt8], exchange: HTTPExchange) -> Bool? {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: reviewroom_lws_pre + Self.httpChunkBytes)
        defer { scratch.deallocate() }
        let payload = scratch + reviewroom_lws_pre
        while exchange.bodyOffset < body.count {
            if lws_send_pipe_choked(wsi) != 0 { return true }
            let count = min(Self.httpChunkBytes, body.count - exchange.bodyOffset)
            body.withUnsafeBufferPointer { all in
                guard let base = all.baseAddress else { return }
                payload.update(from: base + exchange.bodyOffset, count: count)
            }
            let isLast = exchange.bodyOffset + count == body.count
            let written = lws_write(wsi, payload, count, isLast ? LWS_WRITE_HTTP_FINAL : LWS_WRITE_HTTP)
            guard written >= count else { return nil }
            exchange.bodyOffset += count
        }
        return false
    }
}
