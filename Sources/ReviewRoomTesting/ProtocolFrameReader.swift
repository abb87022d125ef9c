import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads server frames straight from a socket descriptor with its own buffer, for
/// ``ProtocolClient``'s reader thread. `RawSocket` holds its lock while it waits for data,
/// which would stall every send behind a read; this reader never takes that lock.
/// Server frames are unmasked; fragments are joined.
struct ProtocolFrameReader {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// A whole message: opcode and payload; nil when the connection ended.
    mutating func next() -> (opcode: UInt8, payload: [UInt8])? {
        var message: (opcode: UInt8, payload: [UInt8])?
        while true {
            guard let frame = nextFrame() else { return nil }
            switch frame.opcode {
            case 0x9, 0xA:
                continue
            case 0x0:
                message?.payload += frame.payload
                if frame.fin, let whole = message { return whole }
            default:
                if frame.fin { return (frame.opcode, frame.payload) }
                message = (frame.opcode, frame.payload)
            }
        }
    }

    private mutating func nextFrame() -> (fin: Bool, opcode: UInt8, payload: [UInt8])? {
        guard fill(2) else { return nil }
        var length = Int(buffer[1] & 0x7f)
        var offset = 2
        if length == 126 {
            guard fill(4) else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            offset = 4
        } else if length == 127 {
            guard fill(10) else { return nil }
            length = buffer[2..<10].reduce(0) { $0 << 8 | Int($1) }
            offset = 10
        }
        guard fill(offset + length) else { return nil }
        let frame = (fin: buffer[0] & 0x80 != 0, opcode: buffer[0] & 0x0f, payload: Array(buffer[offset..<offset + length]))
        buffer.removeFirst(offset + length)
        return frame
    }

    private mutating func fill(_ count: Int) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while buffer.count < count {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            buffer += chunk[0..<n]
        }
        return true
    }
}
