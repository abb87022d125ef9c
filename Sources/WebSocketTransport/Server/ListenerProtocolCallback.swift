import CLibWebSockets

/// C callback of the internal raw protocol that watches the listening socket (the transport's own or systemd's).
func reviewroomListenerProtocolCallback(
    _ wsi: OpaquePointer?, _ reason: lws_callback_reasons, _ user: UnsafeMutableRawPointer?,
    _ input: UnsafeMutableRawPointer?, _ length: Int
) -> Int32 {
    guard let core = ServiceCore.from(wsi) else { return 0 }
    switch reason {
    case LWS_CALLBACK_RAW_RX_FILE:
        core.acceptPendingConnections()
    case LWS_CALLBACK_RAW_CLOSE_FILE:
        core.listenerClosed()
    default:
        break
    }
    return 0
}
