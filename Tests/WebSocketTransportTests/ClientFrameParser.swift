/// Reads the client's side of a WebSocket connection: skips the upgrade request, then yields
/// each (masked) frame's opcode and close code.
struct ClientFrameParser {
    private var buffer: [UInt8] = []
    private var upgraded = false

    /// Takes more bytes; returns the frames they completed.
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> [WireTap.Observation] {
        buffer += bytes
        if !upgraded {
            guard let end = headEnd() else { return [] }
            buffer.removeFirst(end)
            upgraded = true
        }
        var frames: [WireTap.Observation] = []
        while let frame = nextFrame() { frames.append(frame) }
        return frames
    }

    private func headEnd() -> Int? {
        guard buffer.count >= 4 else { return nil }
        for i in 0 ... buffer.count - 4 where buffer[i ..< i + 4].elementsEqual([13, 10, 13, 10]) { return i + 4 }
        return nil
    }

    private mutating func nextFrame() -> WireTap.Observation? {
        guard buffer.count >= 2 else { return nil }
        var length = Int(buffer[1] & 0x7f)
        var header = 2
        if length == 126 {
            guard buffer.count >= 4 else { return nil }
            length = Int(buffer[2]) << 8 | Int(buffer[3])
            header = 4
        } else if length == 127 {
            guard buffer.count >= 10 else { return nil }
            length = buffer[2 ..< 10].reduce(0) { $0 << 8 | Int($1) }
            header = 10
        }
        let masked = buffer[1] & 0x80 != 0
        let mask = masked ? header : nil
        if masked { header += 4 }
        guard buffer.count >= header + length else { return nil }
        let opcode = buffer[0] & 0x0f
        var closeCode: UInt16?
        if opcode == 0x8, length >= 2 {
            let key = mask.map { Array(buffer[$0 ..< $0 + 4]) } ?? [0, 0, 0, 0]
            let first = buffer[header] ^ key[0], second = buffer[header + 1] ^ key[1]
            closeCode = UInt16(first) << 8 | UInt16(second)
        }
        buffer.removeFirst(header + length)
        return .frame(opcode: opcode, closeCode: closeCode)
    }
}
