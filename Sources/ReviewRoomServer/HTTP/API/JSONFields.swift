import Foundation
import ReviewRoomCore

/// Reads the members of one JSON object of a request body, naming each field in errors by its
/// path (`participants[1].role`). Unknown keys are ignored (PROTOCOL.md: clients may send more).
struct JSONFields {
    /// The object's members.
    let members: [String: JSONValue]
    /// The object's own path, empty for the body itself.
    let path: String

    /// The object `value`, or a 400 naming `path` when it is something else.
    init(_ value: JSONValue, path: String = "") throws(APIError) {
        guard case .object(let members) = value else {
            let what = path.isEmpty ? "the request body" : path
            throw APIError.badRequest("\(what) must be a JSON object, not \(value.kindDescription)")
        }
        self.members = members; self.path = path
    }

    /// The full name of member `key`, for messages.
    func name(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// Whether `key` is present (null counts: it is then refused as the wrong type).
    func has(_ key: String) -> Bool { members[key] != nil }

    /// The member `key` if present; nil when absent, or null and `nullable` (null is otherwise a
    /// wrong type, refused by the caller's type check).
    private func member(_ key: String, nullable: Bool) -> JSONValue? {
        guard let value = members[key] else { return nil }
        return nullable && value == .null ? nil : value
    }

    /// A required string.
    func string(_ key: String, maxLength: Int = 10_000) throws(APIError) -> String {
        guard let value = try optionalString(key, maxLength: maxLength) else {
            throw APIError.badRequest("\(name(key)) is missing: it is required (a string)")
        }
        return value
    }

    /// An optional string (absent → nil; null → nil only when `nullable`), at most `maxLength` characters.
    func optionalString(_ key: String, maxLength: Int = 10_000, nullable: Bool = false) throws(APIError) -> String? {
        guard let value = member(key, nullable: nullable) else { return nil }
        guard case .string(let text) = value else {
            throw APIError.badRequest("\(name(key)) must be a string, not \(value.kindDescription)")
        }
        guard TextRules.length(text) <= maxLength else {
            throw APIError.badRequest("\(name(key)) is \(TextRules.length(text)) characters long: at most \(maxLength) are allowed")
        }
        return text
    }

    /// A required string that shows something (not only white space or invisible characters,
    /// `TextRules.showsNothing`), returned trimmed.
    func nonEmptyString(_ key: String, maxLength: Int = 10_000) throws(APIError) -> String {
        let text = try string(key, maxLength: maxLength)
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !TextRules.showsNothing(trimmed) else { throw APIError.badRequest("\(name(key)) is empty: give some text") }
        return trimmed
    }

    /// An optional number.
    func optionalNumber(_ key: String) throws(APIError) -> Double? {
        guard let value = member(key, nullable: false) else { return nil }
        guard case .number(let number) = value, number.isFinite else {
            throw APIError.badRequest("\(name(key)) must be a number, not \(value.kindDescription)")
        }
        return number
    }

    /// An optional whole number within `range`.
    func optionalInteger(_ key: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let number = try optionalNumber(key) else { return nil }
        guard number.rounded() == number, number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw APIError.badRequest("\(name(key)) \(JSONFields.format(number)) is not a whole number between "
                + "\(range.lowerBound) and \(range.upperBound)")
        }
        return Int(number)
    }

    /// An optional boolean.
    func optionalBool(_ key: String) throws(APIError) -> Bool? {
        guard let value = member(key, nullable: false) else { return nil }
        guard case .bool(let flag) = value else {
            throw APIError.badRequest("\(name(key)) must be true or false, not \(value.kindDescription)")
        }
        return flag
    }

    /// An optional array of objects, each read by `read` with its own path (`key[i]`).
    func optionalObjects<T>(_ key: String, maxCount: Int = 200,
                            _ read: (JSONFields, Int) throws(APIError) -> T) throws(APIError) -> [T]? {
        guard let value = member(key, nullable: false) else { return nil }
        guard case .array(let items) = value else {
            throw APIError.badRequest("\(name(key)) must be an array, not \(value.kindDescription)")
        }
        guard items.count <= maxCount else {
            throw APIError.badRequest("\(name(key)) has \(items.count) entries: at most \(maxCount) are allowed")
        }
        var result: [T] = []
        for (index, item) in items.enumerated() {
            result.append(try read(try JSONFields(item, path: "\(name(key))[\(index)]"), index))
        }
        return result
    }

    /// An optional array of strings.
    func optionalStrings(_ key: String, maxCount: Int = 200) throws(APIError) -> [String]? {
        guard let value = member(key, nullable: false) else { return nil }
        guard case .array(let items) = value, items.count <= maxCount else {
            throw APIError.badRequest("\(name(key)) must be an array of at most \(maxCount) strings")
        }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw APIError.badRequest("\(name(key))[\(index)] must be a string, not \(item.kindDescription)")
            }
            result.append(text)
        }
        return result
    }

    /// An optional string that must be one of `Value`'s raw values.
    func optionalEnum<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(APIError) -> Value?
    where Value.RawValue == String {
        guard let text = try optionalString(key, maxLength: 100) else { return nil }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw APIError.badRequest("\(name(key)): '\(text)' is not one of \(allowed)")
        }
        return value
    }

    /// A required string that must be one of `Value`'s raw values.
    func requiredEnum<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(APIError) -> Value
    where Value.RawValue == String {
        guard let value = try optionalEnum(key, type) else {
            let allowed = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            throw APIError.badRequest("\(name(key)) is missing: it is required (one of \(allowed))")
        }
        return value
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
