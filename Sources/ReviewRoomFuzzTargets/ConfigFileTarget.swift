import ReviewRoomConfigFile
import ReviewRoomServer
import TOMLKit

/// A `reviewroom.conf` through the daemon's reader and the loader's checks of every key and
/// across keys, as `serve` runs them; host names are not resolved (the input must not reach the
/// network). Properties: every problem names what is wrong (a message), a file with a NUL byte
/// is refused (not cut short), a file the reader found problems in does not load, and a file it
/// reads without a problem is valid TOML that toml++ (through TOMLKit, the parser the daemon
/// used before its own) reads as the same keys and values.
enum ConfigFileTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        // The reader refuses bytes that are not UTF-8 before parsing (TOMLConfigurationReader.read).
        guard let text = String(validating: input, as: UTF8.self) else { return }
        let file = TOMLConfigurationReader.parse(text, path: "fuzz.conf")
        if text.utf8.contains(0) {
            require(!file.problems.isEmpty, .configFile, "a file with a NUL byte read without a problem")
        }
        for problem in file.problems {
            require(!problem.message.isEmpty, .configFile, "a problem (\(problem.code)) without a message")
        }
        let loaded = ConfigurationLoader(file: file, scope: .full) { .success($0) }.load()
        if case .success = loaded {
            require(file.problems.isEmpty, .configFile, "a file with problems loaded: \(file.problems)")
        }
        // Only a file read without a problem goes to toml++: on some malformed ones it fails an
        // `assert` and aborts, which is why the daemon no longer uses it.
        if file.problems.isEmpty { compareWithTOMLKit(text, file) }
    }

    private static func compareWithTOMLKit(_ text: String, _ file: ConfigurationFile) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            require(false, .configFile, "read without a problem, but toml++ refuses it: \(error)")
            return
        }
        let theirs = Dictionary(table.keys.compactMap { key in table[key].map { (key, convert($0)) } }) { first, _ in first }
        let ours = Dictionary(file.entries.map { ($0.key, $0.value) }) { first, _ in first }
        require(Set(theirs.keys) == Set(ours.keys), .configFile, "keys \(ours.keys.sorted()) but toml++ reads \(theirs.keys.sorted())")
        for (key, value) in ours {
            require(theirs[key].map { value.readsAsTheSame(as: $0) } ?? false, .configFile,
                    "\(key) = \(value), but toml++ reads \(String(describing: theirs[key]))")
        }
    }

    private static func convert(_ value: any TOMLValueConvertible) -> ConfigValue {
        switch value.type {
        case .string: value.string.map(ConfigValue.string) ?? .unsupported("a string")
        case .int: value.int.map(ConfigValue.integer) ?? .unsupported("an integer")
        case .double: value.double.map(ConfigValue.float) ?? .unsupported("a number")
        case .bool: value.bool.map(ConfigValue.boolean) ?? .unsupported("a boolean")
        case .array: value.array.map { .list($0.map { convert($0) }) } ?? .unsupported("a list")
        case .table: .unsupported("a table")
        case .date, .time, .dateTime: .unsupported("a date or time")
        }
    }
}

extension ConfigValue {
    /// Whether `other` is the same reading of a file's value: equal, with NaN equal to NaN (the
    /// comparison with toml++, and the generated files' test, need `nan` to match itself).
    public func readsAsTheSame(as other: ConfigValue) -> Bool {
        switch (self, other) {
        case (.float(let a), .float(let b)): a == b || (a.isNaN && b.isNaN)
        case (.list(let a), .list(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.readsAsTheSame(as: $1) }
        default: self == other
        }
    }
}
