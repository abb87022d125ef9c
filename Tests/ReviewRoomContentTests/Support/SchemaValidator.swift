import Foundation

/// A small JSON Schema checker for the subset ``RecordSchema`` uses: `type`, `const`, `enum`,
/// `required`, `properties`, `additionalProperties: false`, `items`, `minimum`, `maximum`,
/// `exclusiveMinimum`, `minLength`, `pattern` and local `$ref`s. Returns every violation found.
struct SchemaValidator {
    let root: [String: Any]

    init(json: String) throws {
        root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]
    }

    func violations(of data: Data) throws -> [String] {
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        return check(value, against: root, at: "$")
    }

    private func resolve(_ schema: [String: Any]) -> [String: Any] {
        guard let ref = schema["$ref"] as? String, ref.hasPrefix("#/$defs/") else { return schema }
        let name = String(ref.dropFirst("#/$defs/".count))
        return (root["$defs"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    private func check(_ value: Any, against raw: [String: Any], at path: String) -> [String] {
        let schema = resolve(raw)
        var problems: [String] = []
        if let type = schema["type"] as? String, !Self.matches(value, type) {
            return ["\(path): expected \(type), got \(Swift.type(of: value))"]
        }
        if let constant = schema["const"], !Self.equal(value, constant) { problems.append("\(path): not the constant") }
        if let options = schema["enum"] as? [Any], !options.contains(where: { Self.equal(value, $0) }) {
            problems.append("\(path): \(value) is not one of \(options)")
        }
        if let number = Self.number(value) {
            if let minimum = schema["minimum"] as? Double, number < minimum { problems.append("\(path): below \(minimum)") }
            if let maximum = schema["maximum"] as? Double, number > maximum { problems.append("\(path): above \(maximum)") }
            if let exclusive = schema["exclusiveMinimum"] as? Double, number <= exclusive {
                problems.append("\(path): not above \(exclusive)")
            }
        }
        if let string = value as? String {
            if let minLength = schema["minLength"] as? Int, string.count < minLength { problems.append("\(path): too short") }
            if let pattern = schema["pattern"] as? String,
               string.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): \(string.debugDescription) does not match \(pattern)")
            }
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: Any] ?? [:]
            for key in schema["required"] as? [String] ?? [] where object[key] == nil {
                problems.append("\(path): missing \(key)")
            }
            for (key, child) in object {
                if let sub = properties[key] as? [String: Any] {
                    problems += check(child, against: sub, at: "\(path).\(key)")
                } else if (schema["additionalProperties"] as? Bool) == false {
                    problems.append("\(path): unexpected key \(key)")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, child) in array.enumerated() { problems += check(child, against: items, at: "\(path)[\(index)]") }
        }
        return problems
    }

    private static func isBool(_ value: Any) -> Bool {
        // JSONSerialization gives booleans their own NSNumber subclass (`NSNumber 1` is also `is Bool`).
        String(describing: type(of: value)).contains("Boolean")
    }

    private static func number(_ value: Any) -> Double? {
        guard !isBool(value), let number = value as? NSNumber else { return nil }
        return number.doubleValue
    }

    private static func matches(_ value: Any, _ type: String) -> Bool {
        switch type {
        case "object": value is [String: Any]
        case "array": value is [Any]
        case "string": value is String
        case "boolean": isBool(value)
        case "number": number(value) != nil
        case "integer": number(value).map { $0.rounded() == $0 } ?? false
        default: false
        }
    }

    private static func equal(_ a: Any, _ b: Any) -> Bool {
        if let x = a as? String, let y = b as? String { return x == y }
        if isBool(a) || isBool(b) { return isBool(a) && isBool(b) && (a as? Bool) == (b as? Bool) }
        if let x = number(a), let y = number(b) { return x == y }
        return false
    }
}
