/// One WebSocket frame as sent or received by ``RawWebSocketClient``.
public struct RawWebSocketFrame: Sendable, Equatable {
    /// Opcodes (RFC 6455 §5.2).
    public enum Opcode: UInt8, Sendable {
        /// Continuation of a fragmented message.
        case continuation = 0x0
        /// Text frame.
        case text = 0x1
        /// Binary frame.
        case binary = 0x2
        /// Close frame (payload: 2-byte code + reason).
        case close = 0x8
        /// Ping.
        case ping = 0x9
        /// Pong.
        case pong = 0xA
    }

    /// Final fragment flag.
    public var fin: Bool
    /// The opcode.
    public var opcode: Opcode
    /// Unmasked payload.
    public var payload: [UInt8]

    /// Creates a frame.
    public init(fin: Bool = true, opcode: Opcode, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    /// For a close frame: the code (nil when the payload is empty).
    public var closeCode: UInt16? {
        guard opcode == .close, payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }

    /// For a close frame: the reason text.
    public var closeReason: String {
        guard opcode == .close, payload.count > 2 else { return "" }
        return String(decoding: payload[2...], as: UTF8.self)
    }

    /// Encodes the frame; `mask` (4 bytes) masks it as a client must.
    public func encoded(mask: [UInt8]?) -> [UInt8] {
        var out: [UInt8] = [(fin ? 0x80 : 0) | opcode.rawValue]
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        switch payload.count {
        case 0..<126:
            out.append(maskBit | UInt8(payload.count))
        case 126..<65536:
            out.append(maskBit | 126)
            out += [UInt8(payload.count >> 8 & 0xff), UInt8(payload.count & 0xff)]
        default:
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(UInt64(payload.count) >> UInt64(shift) & 0xff)) }
        }
        if let mask {
            out += mask
            out += payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        } else {
            out += payload
        }
        return out
    }
}
