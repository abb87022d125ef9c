import Foundation
import ReviewRoomProtocol

/// Any JSON value, decoded loosely so that request bodies can be checked field by field and
/// every error can name the field (``JSONFields``).
enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null; return }
        if let value = try? container.decode(Bool.self) { self = .bool(value); return }
        if let value = try? container.decode(Double.self) { self = .number(value); return }
        if let value = try? container.decode(String.self) { self = .string(value); return }
        if let value = try? container.decode([JSONValue].self) { self = .array(value); return }
        self = .object(try container.decode([String: JSONValue].self))
    }

    /// How deep a body may nest: far more than any request shape needs (an agenda item's
    /// prompts are four levels down), so a deeper one is refused rather than half checked.
    static let maxDepth = 64

    /// The body parsed as JSON, or a 400 that says why it is not JSON (or repeats a name).
    /// The protocol's strict parser judges the syntax first, with the byte at fault: Foundation's
    /// decoder takes a trailing comma (`{"title": "T",}`) and, refusing, says only that it failed.
    /// It also finds an object that names a member twice, at any depth (Foundation's decoder
    /// would keep the last, and a client or proxy may have read the first: I-JSON, RFC 7493,
    /// forbids them), or nesting deeper than ``maxDepth``.
    static func parse(_ body: [UInt8]) throws(APIError) -> JSONValue {
        guard !body.isEmpty else { throw APIError.badRequest("the request body is empty: send a JSON object") }
        let tree: ReviewRoomProtocol.JSONValue
        do {
            tree = try ReviewRoomProtocol.JSONParser.parse(body, maxDepth: maxDepth)
        } catch {
            if error.duplicateKey != nil || error.nestsTooDeep {
                throw APIError.badRequest("the request body is not accepted: \(error.message)")
            }
            throw APIError.badRequest("the request body is not valid JSON (UTF-8 text with one JSON value): \(error.message)")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(body))
        } catch {
            // What the protocol's parser lets through: a number no `Double` holds, bytes that
            // are not UTF-8, a string with a lone surrogate escape.
            let why = firstNumberOutOfRange(in: tree).map { ": the number at byte \($0) is beyond ±1.8e308, the largest this server reads" }
                ?? firstLoneSurrogate(in: tree, path: "", body: body).map {
                    ": \($0.path.isEmpty ? "the body" : $0.path) holds a lone surrogate (\($0.escape)), half of a character: text must be valid Unicode"
                }
            throw APIError.badRequest("the request body is not valid JSON (UTF-8 text with one JSON value)" + (why ?? ""))
        }
    }

    /// The path of the first string value with a lone surrogate escape (`participants[1].name`), and the escape.
    private static func firstLoneSurrogate(in value: ReviewRoomProtocol.JSONValue, path: String, body: [UInt8]) -> (path: String, escape: String)? {
        switch value.kind {
        case .string:
            return JSONText.loneSurrogateEscape(in: body[value.range]).map { (path, $0) }
        case .array(let items):
            return items.enumerated().lazy.compactMap { firstLoneSurrogate(in: $1, path: "\(path)[\($0)]", body: body) }.first
        case .object(let members):
            return members.lazy.compactMap { firstLoneSurrogate(in: $0.1, path: path.isEmpty ? $0.0 : "\(path).\($0.0)", body: body) }.first
        default:
            return nil
        }
    }

    private static func firstNumberOutOfRange(in value: ReviewRoomProtocol.JSONValue) -> Int? {
        switch value.kind {
        case .number(nil): value.range.lowerBound
        case .array(let items): items.lazy.compactMap(firstNumberOutOfRange).first
        case .object(let members): members.lazy.compactMap { firstNumberOutOfRange(in: $0.1) }.first
        default: nil
        }
    }

    /// What kind of value this is, for messages (`a string`, `a number`…).
    var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
