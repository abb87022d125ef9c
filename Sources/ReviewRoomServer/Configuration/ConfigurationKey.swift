import Logging
import ReviewRoomCore

/// One key of `reviewroom.conf`: its name, the kind of value it takes, how it sets a
/// ``DaemonConfiguration`` field and how it prints back.
public struct ConfigurationKey: Sendable {
    /// The kind of value a key takes; text from flags and the environment is converted to it.
    public enum Kind: Sendable {
        /// A string.
        case string
        /// A whole number.
        case integer
        /// `true` or `false`.
        case boolean
        /// A list of strings (comma-separated in the environment).
        case stringList
    }

    /// The key as written in the file, e.g. `max_message_bytes`.
    public let name: String
    /// Its kind.
    public let kind: Kind
    /// Sets the field from a value of the right kind; returns what is wrong with it otherwise.
    let apply: @Sendable (inout DaemonConfiguration, ConfigValue) -> String?
    /// The field's value as a TOML right-hand side, or nil when unset.
    let render: @Sendable (DaemonConfiguration) -> String?

    /// The environment variable that overrides it: `REVIEWROOM_<NAME IN UPPER CASE>`.
    public var environmentName: String { "REVIEWROOM_" + name.uppercased() }

    /// Every key, in the order `check-config` prints them.
    public static let all: [ConfigurationKey] = [
        ConfigurationKey(name: "listen", kind: .string, apply: { config, value in
            guard case .string(let text) = value else { return "must be a string HOST:PORT, not \(value.kindName)" }
            switch ListenAddress.parse(text) {
            case .success(let address): config.listen = address; return nil
            case .failure(let error): return error.description
            }
        }, render: { quote($0.listen.description) }),
        pathKey("data_dir", render: { $0.dataDirectory }, whenEmpty: "must not be empty") { $0.dataDirectory = $1 },
        stringKey("public_url", render: { $0.publicURL }) { config, text in
            guard let origin = OriginText.normalizedURL(text) else {
                return "\"\(text)\" is not an http:// or https:// URL with a host, no ?query or #fragment, and no space or control character"
            }
            config.publicURL = origin; return nil
        },
        pathKey("tls_cert", render: { $0.tlsCertificatePath }, whenEmpty: "must not be empty (leave it out for no TLS)") { $0.tlsCertificatePath = $1 },
        pathKey("tls_key", render: { $0.tlsKeyPath }, whenEmpty: "must not be empty (leave it out for no TLS)") { $0.tlsKeyPath = $1 },
        ConfigurationKey(name: "allowed_origins", kind: .stringList, apply: { config, value in
            guard case .list(let items) = value else { return "must be a list of origins, not \(value.kindName)" }
            // Every bad entry is named at once, so a list is mended in one pass.
            var origins: [String] = []
            var faults: [String] = []
            for item in items {
                guard case .string(let text) = item else { faults.append("an entry is \(item.kindName), not a string"); continue }
                guard !text.isEmpty else { faults.append("an entry is empty (a comma with no origin on one side?)"); continue }
                guard let origin = OriginText.normalizedOrigin(text) else {
                    faults.append("\"\(text)\" is not an origin of the form scheme://host[:port]")
                    continue
                }
                // The same origin twice (perhaps written differently: `HTTPS://A.EXAMPLE`) is one.
                if !origins.contains(origin) { origins.append(origin) }
            }
            guard faults.isEmpty else { return faults.joined(separator: "; ") }
            config.allowedOrigins = origins; return nil
        }, render: { "[" + $0.allowedOrigins.map(quote).joined(separator: ", ") + "]" }),
        stringKey("metrics_listen", render: { $0.metricsListen?.description }) { config, text in
            switch ListenAddress.parse(text) {
            case .success(let address): config.metricsListen = address; return nil
            case .failure(let error): return error.description
            }
        },
        stringKey("durability", render: { $0.durability.rawValue }) { config, text in
            guard let durability = Durability(rawValue: text) else {
                return "\"\(text)\" is not one of: process, power"
            }
            config.durability = durability; return nil
        },
        stringKey("log_level", render: { $0.logLevel.rawValue }) { config, text in
            guard let level = Logger.Level(rawValue: text) else {
                return "\"\(text)\" is not one of: trace, debug, info, notice, warning, error, critical"
            }
            config.logLevel = level; return nil
        },
        positiveKey("max_message_bytes", \.maxMessageBytes, atMost: 64 << 20),
        positiveKey("max_note_units", \.maxNoteUnits, atMost: 64 << 20),
        positiveKey("messages_per_second", \.messagesPerSecond, atMost: 1_000_000),
        positiveKey("message_burst", \.messageBurst, atMost: 1_000_000),
        positiveKey("outbox_limit_bytes", \.outboxLimitBytes, atMost: 4 << 30),
        ConfigurationKey(name: "language_hints", kind: .boolean, apply: { config, value in
            if case .string(let text) = value { return "\"\(text)\" is not true or false" }
            guard case .boolean(let flag) = value else { return "must be true or false, not \(value.kindName)" }
            config.languageHints = flag; return nil
        }, render: { $0.languageHints ? "true" : "false" }),
        positiveKey("max_request_body_bytes", \.maxRequestBodyBytes, atMost: 64 << 20),
        positiveKey("snapshot_every_events", \.snapshotEveryEvents, atMost: 1_000_000),
        wholeNumberKey("max_connections_per_participant", \.maxConnectionsPerParticipant, from: 0, atMost: 1_000_000),
        wholeNumberKey("reconnects_per_minute", \.reconnectsPerMinute, from: 0, atMost: 60_000),
        wholeNumberKey("max_inserted_units_per_second", \.maxInsertedUnitsPerSecond, from: 0, atMost: 64 << 20),
        wholeNumberKey("retention_days", \.retentionDays, from: 0, atMost: SessionRetention.maximumDays),
        pathKey("web_root", render: { $0.webRoot }, whenEmpty: "must not be empty") { $0.webRoot = $1 },
    ]

    /// The key named `name`, if there is one.
    public static func named(_ name: String) -> ConfigurationKey? { all.first { $0.name == name } }

    private static func stringKey(
        _ name: String, render: @escaping @Sendable (DaemonConfiguration) -> String?,
        _ set: @escaping @Sendable (inout DaemonConfiguration, String) -> String?
    ) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .string, apply: { config, value in
            guard case .string(let text) = value else { return "must be a string, not \(value.kindName)" }
            return set(&config, text)
        }, render: { config in render(config).map(quote) })
    }

    /// A file or directory path: not empty, no control character (a newline or NUL), and no
    /// space at either end, which is a slip (`Environment=REVIEWROOM_DATA_DIR=/var/lib/x `) that
    /// would name another directory, with a database of its own, and look the same in every log.
    private static func pathKey(
        _ name: String, render: @escaping @Sendable (DaemonConfiguration) -> String?, whenEmpty: String,
        _ set: @escaping @Sendable (inout DaemonConfiguration, String) -> Void
    ) -> ConfigurationKey {
        stringKey(name, render: render) { config, text in
            guard !text.isEmpty else { return whenEmpty }
            if let bad = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
                return "\(text.debugDescription) holds a control character (U+\(String(bad.value, radix: 16, uppercase: true))), which no path should"
            }
            if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
                return "\(text.debugDescription) starts or ends with a space, which would name another file or directory: remove it"
            }
            set(&config, text); return nil
        }
    }

    /// A whole number from 1 to `largest`: larger values are far beyond any school's use and
    /// would only turn a typo into memory the daemon tries to hold (or arithmetic that overflows).
    private static func positiveKey(
        _ name: String, _ field: WritableKeyPath<DaemonConfiguration, Int> & Sendable, atMost largest: Int
    ) -> ConfigurationKey {
        wholeNumberKey(name, field, from: 1, atMost: largest)
    }

    /// A whole number from `smallest` (1, or 0 where 0 means "no limit") to `largest`.
    private static func wholeNumberKey(
        _ name: String, _ field: WritableKeyPath<DaemonConfiguration, Int> & Sendable, from smallest: Int, atMost largest: Int
    ) -> ConfigurationKey {
        ConfigurationKey(name: name, kind: .integer, apply: { config, value in
            if case .string(let text) = value {
                return "\"\(text)\" is not a whole number" + (ConfigurationLoader.wholeNumberFault(text).map { ": \($0)" } ?? "")
            }
            guard case .integer(let number) = value else { return "must be a whole number, not \(value.kindName)" }
            guard number >= smallest else {
                return smallest == 1 ? "must be a positive whole number, not \(number)"
                    : "must be 0 (no limit) or a positive whole number, not \(number)"
            }
            guard number <= largest else { return "must be at most \(largest), not \(number)" }
            config[keyPath: field] = number; return nil
        }, render: { String($0[keyPath: field]) })
    }

    /// A TOML basic string.
    static func quote(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return "\"" + escaped + "\""
    }
}
