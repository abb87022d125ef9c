import CLibWebSockets

/// C callback of protocols[0]: plain HTTP, upgrades that do not name our subprotocol (refused),
/// new sockets, the TLS context, and the cross-thread wake-up.
func reviewroomHTTPProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let core = ServiceCore.from(wsi) else {
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
    if let answer = core.httpExchangeCallback(wsi, reason, user, input, length, responder: core.responder) { return answer }
    switch reason {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        core.drainMailbox()
        return 0
    case LWS_CALLBACK_RAW_ADOPT:
        // Only a CONNECT request gets here (``ServiceCore/refuseConnect(_:)``).
        return core.refuseConnect(wsi)
    case LWS_CALLBACK_FILTER_NETWORK_CONNECTION:
        return core.shuttingDown ? 1 : 0
    case LWS_CALLBACK_HTTP_CONFIRM_UPGRADE:
        // Before lws picks a protocol: it would drop an upgrade naming only unknown ones unanswered.
        let upgrade = input.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? ""
        return core.confirmUpgrade(wsi, upgrade: upgrade)
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        // An upgrade without (a known) subprotocol lands on protocols[0]: PROTOCOL §3 requires one.
        return core.refuseUpgrade(wsi, status: 400, why: "the Sec-WebSocket-Protocol header must name \(core.configuration.subprotocol)")
    case LWS_CALLBACK_OPENSSL_LOAD_EXTRA_SERVER_VERIFY_CERTS:
        // `user` is the vhost's SSL_CTX; kept so reloadTLS can load a new certificate into it.
        core.tlsContext = OpaquePointer(user)
        return 0
    default:
        return lws_callback_http_dummy(wsi, reason, user, input, length)
    }
}
