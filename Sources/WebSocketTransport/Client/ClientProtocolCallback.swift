import CLibWebSockets

/// C callback of the client protocol: switches on the reason and delegates to
/// ``ClientServiceCore``.
func reviewroomClientProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let core = ClientServiceCore.from(wsi) else { return 0 }
    switch reason {
    case LWS_CALLBACK_EVENT_WAIT_CANCELLED:
        core.drainMailbox()
        return 0
    case LWS_CALLBACK_CLIENT_ESTABLISHED:
        core.established(wsi)
        return 0
    case LWS_CALLBACK_CLIENT_RECEIVE:
        return core.received(wsi, input, length)
    case LWS_CALLBACK_CLIENT_WRITEABLE:
        return core.writeable(wsi)
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        core.peerClosing(wsi, input, length)
        return 0
    case LWS_CALLBACK_CLIENT_CONNECTION_ERROR:
        let message = input.map { String(cString: $0.assumingMemoryBound(to: CChar.self)) } ?? "connection error"
        core.ended(wsi, error: message)
        return 0
    case LWS_CALLBACK_CLIENT_CLOSED:
        core.ended(wsi, error: nil)
        return 0
    default:
        return 0
    }
}
