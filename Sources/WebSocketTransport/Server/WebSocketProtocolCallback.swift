import CLibWebSockets

/// C callback of the `reviewroom.v1` WebSocket protocol: switches on the reason and
/// delegates to ``ServiceCore``.
func reviewroomWebSocketProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let wsi, let core = ServiceCore.from(wsi) else { return 0 }
    switch reason {
    case LWS_CALLBACK_FILTER_PROTOCOL_CONNECTION:
        return core.filterUpgrade(wsi)
    case LWS_CALLBACK_ESTABLISHED:
        core.webSocketEstablished(wsi)
        return 0
    case LWS_CALLBACK_RECEIVE:
        return core.webSocketReceived(wsi, input, length)
    case LWS_CALLBACK_WS_PEER_INITIATED_CLOSE:
        return core.peerSentClose(wsi, input, length)
    case LWS_CALLBACK_RECEIVE_PONG:
        core.pongReceived(wsi)
        return 0
    case LWS_CALLBACK_SERVER_WRITEABLE:
        return core.webSocketWriteable(wsi)
    case LWS_CALLBACK_TIMER:
        return core.helloTimerFired(wsi)
    case LWS_CALLBACK_CLOSED:
        core.webSocketClosed(wsi)
        return 0
    default:
        return 0
    }
}
