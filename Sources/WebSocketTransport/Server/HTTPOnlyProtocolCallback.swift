import CLibWebSockets

/// C callback of both protocols of the ``HTTPOnlyListener``'s vhost: plain HTTP answered by that
/// listener's responder; every WebSocket upgrade is refused with 404.
///
/// The cross-thread wake-up (`EVENT_WAIT_CANCELLED`) reaches every protocol of every vhost; the
/// main vhost's HTTP protocol drains the mailbox, so it is ignored here.
func reviewroomHTTPOnlyProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let core = ServiceCore.from(wsi), let listener = core.configuration.httpOnlyListener else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    if let answer = core.httpExchangeCallback(wsi, reason, user, input, length, responder: listener.responder) { return answer }
    switch reason {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        return 0
    case LWS_CALLBACK_RAW_ADOPT:
        // Only a CONNECT request gets here (``ServiceCore/refuseConnect(_:)``).
        return core.refuseConnect(wsi)
    case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
        return core.shuttingDown ? 1 : 0
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        return core.refuseUpgrade(wsi, status: 404, why: "WebSockets are not served on the HTTP-only listener")
    default:
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
}
