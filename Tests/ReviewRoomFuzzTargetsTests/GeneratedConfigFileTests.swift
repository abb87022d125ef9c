import ReviewRoomConfigFile
import ReviewRoomFuzzTargets
import ReviewRoomServer
import ReviewRoomTesting
import Testing

/// Valid flat TOML files written by a seeded generator that knows what each value means: the
/// daemon's parser must read every one without a problem and as written (it must not be stricter
/// than TOML, or a school's working file would stop loading), and toml++ must read it the same
/// (the `config-file` fuzz target's comparison).
@Suite("reviewroom.conf: generated valid files")
struct GeneratedConfigFileTests {
    @Test func everyGeneratedFileReadsAsWrittenAndAsToml() {
        var generator = TOMLFileGenerator(seed: 20_261_201)
        for _ in 0..<2_000 {
            let (text, expected) = generator.file()
            let file = TOMLConfigurationReader.parse(text, path: "g.conf")
            #expect(file.problems.isEmpty, "\(text.debugDescription): \(file.problems)")
            #expect(file.entries.map(\.key) == expected.map(\.key), "\(text.debugDescription)")
            for (entry, want) in zip(file.entries, expected) {
                #expect(entry.value.readsAsTheSame(as: want.value), "\(entry.key): \(entry.value) ≠ \(want.value) in \(text.debugDescription)")
            }
            FuzzTarget.configFile.run(Array(text.utf8))
        }
    }
}

/// Writes random valid TOML `key = value` files, each with the values it means.
struct TOMLFileGenerator {
    private var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    private mutating func below(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    private mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    private mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// A whole file and its entries.
    mutating func file() -> (String, [(key: String, value: ConfigValue)]) {
        let newline = chance(30) ? "\r\n" : "\n"
        var text = chance(5) ? "\u{FEFF}" : ""
        var entries: [(key: String, value: ConfigValue)] = []
        for index in 0..<(1 + below(6)) {
            if chance(30) { text += pick(["", "  ", "\t"]) + "# " + pick(["note", "é 😀", "a # b"]) + newline }
            if chance(20) { text += newline }
            let name = "k\(index)" + pick(["", "_x", "-y"])
            let key = chance(20) ? "\"\(name)\"" : name
            let (written, value) = self.value(depth: 0, newline: newline)
            text += pick(["", " ", "\t"]) + key + pick(["=", " = ", "\t=  "]) + written
            if chance(25) { text += pick([" ", "\t"]) + "# after" }
            text += newline
            entries.append((name, value))
        }
        // One Character, "\r\n" included.
        if chance(50) { text.removeLast() }
        return (text, entries)
    }

    private mutating func value(depth: Int, newline: String) -> (String, ConfigValue) {
        switch below(depth < 2 ? 9 : 8) {
        case 0: return basicString()
        case 1: return literalString()
        case 2: return multiLineString(newline: newline)
        case 3: return integer()
        case 4: return float()
        case 5: return chance(50) ? ("true", .boolean(true)) : ("false", .boolean(false))
        case 6: return (pick(["1979-05-27", "07:32:00", "1979-05-27T07:32:00.999Z", "1979-05-27 07:32:00-07:00", "2000-02-29t23:59:59z"]),
                        .unsupported("a date or time"))
        case 7: return basicString()
        default: return list(depth: depth, newline: newline)
        }
    }

    private static let characters: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "\t", "é", "😀", "\u{A0}", "#", "=", "'", "[", "}"]

    private mutating func text(maxLength: Int, excluding: Set<Unicode.Scalar> = []) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<below(maxLength + 1) {
            let scalar = pick(Self.characters)
            if !excluding.contains(scalar) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    private mutating func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += chance(50) ? "\\t" : "\t"
            default:
                if chance(10) {
                    let hex = String(scalar.value, radix: 16, uppercase: chance(50))
                    out += scalar.value > 0xFFFF ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                        : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    private mutating func basicString() -> (String, ConfigValue) {
        let value = text(maxLength: 12)
        return ("\"" + escaped(value) + "\"", .string(value))
    }

    private mutating func literalString() -> (String, ConfigValue) {
        let value = text(maxLength: 12, excluding: ["'"])
        return ("'" + value + "'", .string(value))
    }

    private mutating func multiLineString(newline: String) -> (String, ConfigValue) {
        var lines: [String] = []
        for _ in 0..<(1 + below(3)) { lines.append(text(maxLength: 8, excluding: ["'", "\"", "\\"])) }
        let value = lines.joined(separator: "\n")
        let body = lines.joined(separator: newline)
        // A line end right after the opening quotes is dropped: one must come first when the text starts with one.
        let leadingNewline = chance(50) || lines[0].isEmpty ? newline : ""
        return chance(50) ? ("\"\"\"" + leadingNewline + body + "\"\"\"", .string(value))
            : ("'''" + leadingNewline + body + "'''", .string(value))
    }

    private mutating func grouped(_ digits: String) -> String {
        guard digits.count > 1, chance(40) else { return digits }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && chance(30) { out += "_" }
            out.append(digit)
        }
        return out
    }

    private mutating func integer() -> (String, ConfigValue) {
        let value = pick([0, 1, 7, 42, 65_536, Int.max, Int.min, -1]) &+ (chance(50) ? below(1_000_000) : 0)
        guard value >= 0, chance(40) else {
            let sign = value < 0 ? "-" : (chance(20) ? "+" : "")
            return (sign + grouped(String(value.magnitude)), .integer(value))
        }
        let (prefix, radix) = pick([("0x", 16), ("0o", 8), ("0b", 2)])
        let digits = String(repeating: "0", count: below(3)) + String(value, radix: radix, uppercase: chance(50))
        return (prefix + grouped(digits), .integer(value))
    }

    private mutating func float() -> (String, ConfigValue) {
        if chance(10) {
            let (written, value) = pick([("inf", Double.infinity), ("+inf", .infinity), ("-inf", -.infinity), ("nan", .nan), ("-nan", .nan)])
            return (written, .float(value))
        }
        let whole = below(100_000), fraction = below(1_000)
        let exponent = chance(40) ? below(40) - 20 : 0
        let sign = pick(["", "-", "+"])
        var written = sign + grouped(String(whole)) + "." + String(fraction)
        if exponent != 0 || chance(10) { written += pick(["e", "E"]) + (exponent >= 0 && chance(50) ? "+" : "") + String(exponent) }
        let value = Double(sign + "\(whole).\(fraction)e\(exponent)") ?? .nan
        return (written, .float(value))
    }

    private mutating func list(depth: Int, newline: String) -> (String, ConfigValue) {
        var written = "["
        var items: [ConfigValue] = []
        for index in 0..<below(4) {
            if index > 0 { written += "," }
            written += pick(["", " ", newline + "  ", " # c" + newline])
            let (item, value) = self.value(depth: depth + 1, newline: newline)
            written += item
            items.append(value)
        }
        if !items.isEmpty && chance(30) { written += "," }
        written += pick(["", " ", newline]) + "]"
        return (written, .list(items))
    }
}
