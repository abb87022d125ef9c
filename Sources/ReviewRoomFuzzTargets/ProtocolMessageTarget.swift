import ReviewRoomCore
import ReviewRoomProtocol

/// A client message through the decoder the daemon uses (`ConnectionHandler`): as a first
/// message (`hello`, refused with close code 4000 and the message as reason) and as a command
/// (refused with an `error` message). Properties: every refusal has a message, the `error`
/// sent for it is valid JSON, the close reason fits a close frame, and a decoded `note.edit`'s
/// op survives its own wire form.
enum ProtocolMessageTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        let bytes = [UInt8](input)
        do {
            _ = try ClientMessageDecoder.hello(bytes)
        } catch {
            checkRefusal(error)
            let reason = CloseReason.fitting(error.message)
            require(reason.utf8.count <= CloseReason.maxBytes, .protocolMessage, "close reason of \(reason.utf8.count) bytes")
        }
        _ = ClientMessageDecoder.readableID(bytes)
        do {
            switch try ClientMessageDecoder.decode(bytes) {
            case .request(let request):
                if case .noteEdit(let edit) = request.command {
                    let again = try? TextOperation(json: edit.op.json)
                    require(again == edit.op, .protocolMessage, "op \(edit.op.json) does not read back as itself")
                }
            case .malformedFields(_, let error):
                checkRefusal(error)
            }
        } catch {
            checkRefusal(error)
        }
    }

    /// A refusal says why, and the `error` message that carries it is one JSON object.
    private static func checkRefusal(_ error: ProtocolError) {
        require(!error.message.isEmpty, .protocolMessage, "a refusal (\(error.code.rawValue)) without a message")
        let sent = ServerMessages.error(error)
        let parsed = try? JSONParser.parse(sent)
        require(parsed.map { if case .object = $0.kind { true } else { false } } ?? false, .protocolMessage,
                "the error message sent is not a JSON object: \(String(decoding: sent, as: UTF8.self))")
    }
}
