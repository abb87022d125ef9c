import ReviewRoomConfigFile
import ReviewRoomServer

/// A `reviewroom.conf` through the daemon's reader (TOMLKit, then the statement-by-statement
/// recovery) and the loader's checks of every key and across keys, as `serve` runs them; host
/// names are not resolved (the input must not reach the network). Properties: every problem
/// names what is wrong (a message), a file with a NUL byte is refused (not cut short), and a
/// file the reader found problems in does not load.
enum ConfigFileTarget {
    static func run(_ input: UnsafeRawBufferPointer) {
        // The reader refuses bytes that are not UTF-8 before parsing (TOMLConfigurationReader.read).
        guard let text = String(validating: input, as: UTF8.self) else { return }
        let file = TOMLConfigurationReader.parse(text, path: "fuzz.conf")
        // toml++ gets a C string: a NUL would silently cut the file short, so it must be refused.
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
    }
}
