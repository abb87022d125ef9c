import ReviewRoomCore

/// Two ops against one note, through what the session does with a `note.edit`: decode the op
/// (`TextOperation(json:)`), check it against the note and apply it (`NoteBuffer.receive`).
///
/// The input is three parts split at the first two line feeds: the note's text (UTF-8, invalid
/// bytes read as U+FFFD), op A's JSON, op B's JSON. Properties:
/// - an op reads back from its own wire form;
/// - a refused edit changes nothing (text and revision), an accepted one gives the text of a
///   plain apply and never leaves a lone surrogate;
/// - A and B made on the same text converge in both orders (TP1: B′ after A equals A′ after
///   B), and a note that receives A then B (made on rev 0) holds exactly that text;
/// - A's inverse undoes it, and A composed with B′ is A then B′.
enum NoteOpTarget {
    private static let at = Timestamp(millisecondsSince1970: 0)
    /// Small, so the fuzzer reaches the size limit.
    private static let maxLength = 256

    static func run(_ input: UnsafeRawBufferPointer) {
        let parts = input.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false).map { [UInt8]($0) }
        let text = String(decoding: parts[0], as: UTF8.self)
        let units = Array(text.utf16)
        guard let a = op(parts.count > 1 ? parts[1] : []) else { return }
        var note = NoteBuffer(id: "n", title: "N", text: text, maxLength: maxLength)
        guard let afterA = receive(a, into: &note, author: "a"), parts.count > 2, let b = op(parts[2]) else { return }
        checkInverse(a, on: units)

        guard b.baseLength == units.count else { return }
        let aPrime: TextOperation, bPrime: TextOperation
        do {
            (aPrime, bPrime) = try TextOperation.transform(a, b)
        } catch {
            fatalError("fuzz target note-op: ops on the same text do not transform: \(error)")
        }
        let afterB = try? b.apply(toUnits: units)
        let viaA = try? bPrime.apply(toUnits: afterA)
        let viaB = afterB.flatMap { try? aPrime.apply(toUnits: $0) }
        require(viaA != nil && viaA == viaB, .noteOp, "A \(a.json) and B \(b.json) do not converge")
        require((try? a.compose(bPrime).apply(toUnits: units)) == viaA, .noteOp, "A∘B′ is not A then B′")

        let before = note.text.units, revision = note.revision
        switch Result(catching: { () throws(NoteError) in
            try note.receive(b, baseRev: 0, author: "b", opId: "1", at: at)
        }) {
        case .success:
            require(note.text.units == viaA, .noteOp, "the note after A then B is not B′ applied after A")
            require(isValidUTF16(note.text.units), .noteOp, "B left a lone surrogate")
        case .failure:
            require(note.text.units == before && note.revision == revision, .noteOp, "a refused B changed the note")
        }
    }

    /// The op `json` holds, or nil when it is refused (with a message).
    private static func op(_ json: [UInt8]) -> TextOperation? {
        do {
            let op = try TextOperation(json: String(decoding: json, as: UTF8.self))
            require((try? TextOperation(json: op.json)) == op, .noteOp, "\(op.json) does not read back as itself")
            return op
        } catch {
            require(!error.message.isEmpty, .noteOp, "a refused op without a message")
            return nil
        }
    }

    /// The note's units after `op` as a first edit, or nil when refused (having checked that
    /// the refusal changed nothing).
    private static func receive(_ op: TextOperation, into note: inout NoteBuffer, author: String) -> [UInt16]? {
        let before = note.snapshot
        do {
            let result = try note.receive(op, baseRev: 0, author: author, opId: "1", at: at)
            let units = note.text.units
            require(isValidUTF16(units), .noteOp, "\(op.json) left a lone surrogate")
            if result.outcome == .applied {
                require((try? op.apply(toUnits: Array(before.text.utf16))) == units, .noteOp,
                        "the note after \(op.json) is not the op applied")
            }
            return units
        } catch {
            require(note.snapshot == before, .noteOp, "a refused \(op.json) (\(error.message)) changed the note")
            return nil
        }
    }

    private static func checkInverse(_ op: TextOperation, on units: [UInt16]) {
        guard let inverse = try? op.inverted(on: Rope(units: units)) else {
            fatalError("fuzz target note-op: \(op.json) spans the text but has no inverse")
        }
        let undone = (try? op.apply(toUnits: units)).flatMap { try? inverse.apply(toUnits: $0) }
        require(undone == units, .noteOp, "the inverse of \(op.json) does not undo it")
    }

    /// True when `units` holds no lone surrogate.
    private static func isValidUTF16(_ units: [UInt16]) -> Bool {
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
