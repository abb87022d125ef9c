import CLibWebSockets

/// `LWS_PRE` for client frames (the shim's constant, read once).
enum ClientHeadroom {
    /// Bytes of headroom `lws_write` needs in front of a payload.
    static let bytes = reviewroom_lws_pre
}
