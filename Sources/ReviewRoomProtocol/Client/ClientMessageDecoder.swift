import ReviewRoomCore

/// Decodes client messages (PROTOCOL.md §3.1–3.2) into typed values, or a ``ProtocolError``
/// whose message names the offending field. Pure: bytes in, value or error out.
public enum ClientMessageDecoder {
    /// Parses a message into a JSON object, or the `bad_request` for a message that is not one.
    static func object(_ bytes: [UInt8], maxDepth: Int) throws(ProtocolError) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, maxDepth: maxDepth)
        } catch {
            // A repeated name is refused like malformed JSON, but the `id` is still echoed
            // when the message has exactly one.
            if error.duplicateKey != nil { throw .badRequest(error.message, id: readableID(bytes, maxDepth: maxDepth)) }
            // JSON all the same, only too deep to read: "not valid JSON" would misname it.
            if error.nestsTooDeep { throw .badRequest("the message is not accepted: \(error.message)", id: nil) }
            throw .badRequest("the message is not valid JSON: \(error.message)", id: nil)
        }
        guard case .object = value.kind else {
            throw .badRequest("the message must be a JSON object, got \(value.kindDescription)", id: nil)
        }
        return value
    }

    /// Decodes the first message of a connection. Anything but a well-formed `hello` throws
    /// (the server then closes with 4000).
    public static func hello(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(ProtocolError) -> ClientHello {
        let object = try object(bytes, maxDepth: maxDepth)
        guard case .string("hello")? = object["type"]?.kind else {
            throw .badRequest("the first message must be a hello", id: nil)
        }
        let fields = FieldReader(object: object, command: "hello", id: nil)
        let credential: ClientHello.Credential
        if let token = object["token"], token.kind != .null, let other = object["facilitatorToken"], other.kind != .null {
            // Which one counts would be a guess: a hello names one credential (PROTOCOL §3.1);
            // null counts as absent, as for every optional field.
            throw .badRequest("hello must carry either 'token' or 'facilitatorToken', not both", id: nil)
        }
        if let token = try fields.optionalString("token") {
            credential = .invite(token: token)
        } else if let token = try fields.optionalString("facilitatorToken") {
            credential = .facilitator(token: token, session: try fields.string("session"))
        } else {
            throw .badRequest("hello needs 'token' (an invite token) or 'facilitatorToken' and 'session'", id: nil)
        }
        var resume: ResumeRequest?
        if let value = object["resume"], value.kind != .null {
            guard case .object = value.kind else {
                throw .badRequest("hello needs 'resume' as an object {epoch, after}, got \(value.kindDescription)", id: nil)
            }
            let inner = FieldReader(object: value, command: "hello resume", id: nil)
            resume = ResumeRequest(epoch: try inner.string("epoch"), after: try resumeAfter(value, source: bytes))
        }
        return ClientHello(credential: credential, client: try fields.optionalString("client"), resume: resume)
    }

    /// `resume.after`, read exactly. An integral value too large for any seq is `Int64.max`
    /// ("beyond the current seq": a fresh `welcome`), one too small is `Int64.min` (negative:
    /// nothing to replay from, also a `welcome`); a fraction or a non-number is refused.
    private static func resumeAfter(_ resume: JSONValue, source: [UInt8]) throws(ProtocolError) -> Int64 {
        guard let value = resume["after"], value.kind != .null else {
            throw .badRequest("hello resume needs 'after' (an integer)", id: nil)
        }
        guard case .number = value.kind else {
            throw .badRequest("hello resume needs 'after' as an integer, got \(value.kindDescription)", id: nil)
        }
        let literal = source[value.range]
        switch JSONInteger.read(literal) {
        case .integer(let after): return after
        case .outOfRange(let positive): return positive ? Int64.max : Int64.min
        case .notIntegral: throw .badRequest("hello resume needs 'after' as an integer, got \(shown(literal))", id: nil)
        }
    }

    /// Decodes a command. The error carries the command's `id` whenever it could be read.
    public static func request(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(ProtocolError) -> ClientRequest {
        switch try decode(bytes, maxDepth: maxDepth) {
        case .request(let request): return request
        case .malformedFields(_, let error): throw error
        }
    }

    /// Decodes a command, telling a message whose `type` and `id` could not be read (thrown:
    /// not JSON, not an object, no or unknown `type`, no integer `id`) from a command whose
    /// fields could not (``DecodedCommand/malformedFields(name:error:)``), which the session
    /// answers only after its role and end checks.
    public static func decode(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) throws(ProtocolError) -> DecodedCommand {
        let object = try object(bytes, maxDepth: maxDepth)
        let id = try readID(object, source: bytes)
        guard let typeValue = object["type"] else {
            throw .badRequest("the message has no 'type'", id: id)
        }
        guard case .string(let type) = typeValue.kind else {
            throw .badRequest("'type' must be a string, got \(typeValue.kindDescription)", id: id)
        }
        if type == "hello" {
            throw .badRequest("hello was already accepted on this connection", id: id)
        }
        guard let name = CommandName(rawValue: type) else {
            throw .badRequest("\(QuotedID.quoted(type)) is not a command of protocol v1", id: id)
        }
        guard let id else {
            throw .badRequest("\(type) needs an integer 'id'", id: nil)
        }
        let fields = FieldReader(object: object, command: type, id: id, source: bytes)
        do {
            return .request(ClientRequest(id: id, command: try command(name, fields, source: bytes)))
        } catch {
            return .malformedFields(name: name, error: error)
        }
    }

    /// The `id`, read from its digits (never through a `Double`), so it is echoed exactly.
    private static func readID(_ object: JSONValue, source: [UInt8]) throws(ProtocolError) -> Int64? {
        guard let value = object["id"], value.kind != .null else { return nil }
        guard case .number = value.kind else {
            throw .badRequest("'id' must be an integer, got \(value.kindDescription)", id: nil)
        }
        let literal = source[value.range]
        switch JSONInteger.read(literal) {
        case .integer(let id):
            return id
        case .outOfRange:
            throw .badRequest("'id' must be an integer from \(JSONInteger.rangeDescription), got \(shown(literal))", id: nil)
        case .notIntegral:
            throw .badRequest("'id' must be an integer, got \(shown(literal))", id: nil)
        }
    }

    /// The `id` of a message that was not decoded, if it can be read (nil otherwise): also of
    /// one that repeats a member name, unless the repeated name is the `id` itself.
    public static func readableID(_ bytes: [UInt8], maxDepth: Int = JSONParser.defaultMaxDepth) -> Int64? {
        guard let object = try? JSONParser.parse(bytes, maxDepth: maxDepth, refusingDuplicateKeys: false),
              case .object(let members) = object.kind, members.lazy.filter({ $0.0 == "id" }).count == 1,
              let value = object["id"], case .number = value.kind,
              case .integer(let id) = JSONInteger.read(bytes[value.range]) else { return nil }
        return id
    }

    /// A number's source text for a message, cut to 40 bytes.
    static func shown(_ literal: ArraySlice<UInt8>) -> String {
        let text = String(decoding: literal.prefix(40), as: UTF8.self)
        return literal.count > 40 ? text + "…" : text
    }

    private static func command(_ name: CommandName, _ f: FieldReader, source: [UInt8]) throws(ProtocolError) -> ClientCommand {
        switch name {
        case .ping: return .ping
        case .sessionStart: return .core(.sessionStart)
        case .sessionEnd: return .core(.sessionEnd)
        case .clockPause: return .core(.clockPause)
        case .clockResume: return .core(.clockResume)
        case .clockExtend: return .core(.clockExtend(seconds: try f.number("seconds"), phase: try f.optionalInteger("phase")))
        case .phaseNext: return .core(.phaseNext(from: try f.optionalInteger("phase")))
        case .phasePrev: return .core(.phasePrev(from: try f.optionalInteger("phase")))
        case .phaseGoto: return .core(.phaseGoto(index: try f.integer("index"), from: try f.optionalInteger("phase")))
        case .handRaise:
            let kindText = try f.string("kind")
            guard let kind = HandKind(rawValue: kindText) else {
                throw .badRequest("hand.raise 'kind' must be contribution or response, got \(QuotedID.quoted(kindText))", id: f.id)
            }
            return .core(.handRaise(kind: kind, participant: try f.optionalString("participant")))
        case .handLower: return .core(.handLower(participant: try f.string("participant")))
        case .floorGrant:
            return .core(.floorGrant(participant: try f.string("participant"), turnSec: try f.optionalNumber("turnSec")))
        case .floorNext:
            return .core(.floorNext(turnSec: try f.optionalNumber("turnSec"), speaker: try f.optionalString("speaker"),
                                    next: try f.optionalString("next")))
        case .floorRelease: return .core(.floorRelease(participant: try f.optionalString("participant")))
        case .roundStart:
            return .core(.roundStart(order: try f.optionalStringArray("order"), secondsEach: try f.number("secondsEach")))
        case .roundPass: return .core(.roundPass)
        case .roundStop: return .core(.roundStop)
        case .promptShow: return .core(.promptShow(prompt: try f.string("prompt")))
        case .promptHide: return .core(.promptHide)
        case .promptDiscussed:
            return .core(.promptDiscussed(prompt: try f.string("prompt"), discussed: try f.bool("discussed")))
        case .promptAdd: return .core(.promptAdd(text: try f.string("text"), theme: try f.optionalString("theme")))
        case .noteGet: return .noteGet(note: try f.string("note"))
        case .noteCursor:
            return .noteCursor(NoteCursorRequest(note: try f.string("note"), rev: try f.integer("rev"),
                                                 anchor: try f.integer("anchor"), head: try f.integer("head")))
        case .signal:
            let kindText = try f.string("kind")
            guard let kind = SignalKind(rawValue: kindText) else {
                throw .badRequest("signal 'kind' must be agree, clarify, slower or time, got \(QuotedID.quoted(kindText))", id: f.id)
            }
            return .signal(kind)
        case .noteEdit:
            return .noteEdit(try noteEdit(f, source: source))
        }
    }

    private static func noteEdit(_ f: FieldReader, source: [UInt8]) throws(ProtocolError) -> NoteEditRequest {
        let note = try f.string("note")
        let rev = try f.integer("rev")
        // A lone surrogate is refused by the reader: read as U+FFFD, "\uD800" and "\uDC00" would
        // be taken for one repeated opId and the second edit silently dropped.
        let opId = try f.opId("opId")
        guard let opValue = f.object["op"], opValue.kind != .null else {
            throw .badRequest("note.edit needs 'op' (an array of components)", id: f.id)
        }
        guard case .array = opValue.kind else {
            throw .badRequest("note.edit needs 'op' as an array of components, got \(opValue.kindDescription)", id: f.id)
        }
        // The op's own source text, so lone surrogates reach the notes engine's rules intact.
        let text = String(decoding: source[opValue.range], as: UTF8.self)
        do {
            return NoteEditRequest(note: note, rev: rev, opId: opId, op: try TextOperation(json: text))
        } catch {
            throw ProtocolError(code: .invalidOp, message: error.message, id: f.id)
        }
    }
}
