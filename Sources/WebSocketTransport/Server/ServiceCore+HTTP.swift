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
    func httpRequestStarted(_ wsi: OpaquePointer, responder: any HTTPResponder) -> Int32 {
        assertOnServiceThread()
        guard let (method, token) = HTTPRequestReader.method(wsi) else {
            return refuse(wsi, status: 405)
        }
        let headers = HTTPRequestReader.headers(wsi, custom: configuration.customRequestHeaders)
        let request = HTTPRequest(
            method: method, path: HTTPRequestReader.header(wsi, token) ?? "/",
            query: HTTPRequestReader.query(wsi), headers: headers, body: [],
            remoteAddress: HTTPRequestReader.remoteAddress(wsi))

        let declared = headers["content-length"].map { Int($0.trimmingCharacters(in: .whitespaces)) }
        let bodyMethods: Set<String> = ["POST", "PUT", "PATCH"]
        var expected = 0
        switch declared {
        case .none:
            // lws would wait for up to 100 MB of body for these methods without a length.
            if bodyMethods.contains(method) { return refuse(wsi, status: 411) }
        case .some(.none):
            return refuse(wsi, status: 400)
        case .some(.some(let length)):
            guard length >= 0 else { return refuse(wsi, status: 400) }
            guard length <= configuration.maxRequestBodyBytes else { return refuse(wsi, status: 413) }
            expected = length
        }

        let exchange = HTTPExchange(id: nextExchangeNumber, wsi: wsi, responder: responder, request: request, expectedBodyBytes: expected)
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

    /// `LWS_CALLBACK_HTTP_BODY`: a piece of the body.
    func httpBodyReceived(_ wsi: OpaquePointer, _ input: UnsafeMutableRawPointer?, _ length: Int) -> Int32 {
        guard let exchange = exchangesByWSI[wsi] else { return 0 }
        guard length > 0, let input else { return 0 }
        guard exchange.request.body.count + length <= configuration.maxRequestBodyBytes else {
            forget(exchange)
            return refuse(wsi, status: 413)
        }
        exchange.request.body.append(contentsOf: UnsafeRawBufferPointer(start: input, count: length))
        return 0
    }

    /// `LWS_CALLBACK_HTTP_BODY_COMPLETION`: the whole body is in.
    func httpBodyCompleted(_ wsi: OpaquePointer) -> Int32 {
        guard let exchange = exchangesByWSI[wsi], !exchange.dispatched else { return 0 }
        dispatch(exchange)
        return 0
    }

    /// `LWS_CALLBACK_HTTP_WRITEABLE`: write what there is of the parked answer.
    func httpWriteable(_ wsi: OpaquePointer) -> Int32 {
        guard let exchange = exchangesByWSI[wsi], let response = exchange.response else { return 0 }
        if !exchange.headersWritten {
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

    private func forget(_ exchange: HTTPExchange) {
        exchangesByWSI[exchange.wsi] = nil
        exchangesByID[exchange.id] = nil
    }

    /// Answers with lws' canned status page and closes (the unread body, if any, is dropped).
    private func refuse(_ wsi: OpaquePointer, status: UInt32) -> Int32 {
        _ = lws_return_http_status(wsi, status, nil)
        return -1
    }

    private func writeHeaders(_ wsi: OpaquePointer, response: HTTPResponse, isHead: Bool) -> Bool {
        let headerBytes = response.headers.reduce(0) { $0 + $1.0.utf8.count + $1.1.utf8.count + 4 }
        let capacity = reviewroom_lws_pre + 1024 + headerBytes
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        let start = buffer + reviewroom_lws_pre
        let end = buffer + capacity
        var cursor: UnsafeMutablePointer<UInt8>? = start

        guard lws_add_http_header_status(wsi, UInt32(clamping: response.status), &cursor, end) == 0 else { return false }
        for (name, value) in response.headers {
            let key = name.lowercased()
            if key == "content-length" { continue }
            var keyBytes = Array((key + ":").utf8) + [0]
            var valueBytes = Array(value.utf8)
            let added = lws_add_http_header_by_name(wsi, &keyBytes, &valueBytes, Int32(valueBytes.count), &cursor, end)
            guard added == 0 else { return false }
        }
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
