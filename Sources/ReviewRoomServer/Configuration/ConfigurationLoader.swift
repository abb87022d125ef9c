import Foundation
import WebSocketTransport

/// Merges the configuration file, command-line flags and `REVIEWROOM_*` variables (in that
/// order of precedence, lowest first) into a ``DaemonConfiguration``, collecting every problem.
public struct ConfigurationLoader: Sendable {
    /// The file's contents, or nil when no file applies (the default file is absent).
    public var file: ConfigurationFile?
    /// Flag values by configuration key, e.g. `["listen": "127.0.0.1:0"]`.
    public var flags: [String: String]
    /// The process environment.
    public var environment: [String: String]
    /// Resolves the host of `listen` and `metrics_listen` (``HostResolution/numericHost(_:)``);
    /// injected for tests.
    public var resolveHost: @Sendable (String) -> Result<String, HostResolutionError>
    /// How much of the configuration the caller needs checked.
    public var scope: ConfigurationScope

    /// Creates a loader; `resolveHost` defaults to asking the system. With the ``ConfigurationScope/full``
    /// scope the files the configuration names (TLS, `web_root`) are checked on the real file
    /// system: the TLS pair is loaded with OpenSSL as `serve` would (``TLSCertificateLoader``).
    public init(file: ConfigurationFile?, flags: [String: String] = [:], environment: [String: String] = [:],
                scope: ConfigurationScope = .full,
                resolveHost: @escaping @Sendable (String) -> Result<String, HostResolutionError> = HostResolution.numericHost) {
        self.file = file; self.flags = flags; self.environment = environment
        self.scope = scope; self.resolveHost = resolveHost
    }

    /// The `REVIEWROOM_*` variables that name no key, sorted: ignored by ``load()``, and said as
    /// warnings by the commands (``unknownVariableWarning(_:)``) so that a misspelt key is seen.
    public var unknownVariables: [String] {
        environment.keys.filter { name in
            name.hasPrefix("REVIEWROOM_") && !ConfigurationKey.all.contains { $0.environmentName == name }
        }.sorted()
    }

    /// What a command says of an unknown `REVIEWROOM_*` variable: ignored, and the key it was
    /// probably meant to be when one is a letter or two away.
    public static func unknownVariableWarning(_ name: String) -> String {
        let meant = EditDistance.closest(to: name, among: ConfigurationKey.all.map(\.environmentName))
        return "\(name) is not a configuration variable and is ignored"
            + (meant.map { " (did you mean \($0)?)" } ?? " (known: REVIEWROOM_ + an upper-case key of reviewroom.conf)")
    }

    /// What a command says of each flag that a `REVIEWROOM_*` variable overrides with another
    /// value: the documented order, but one who typed `--data-dir B` with `REVIEWROOM_DATA_DIR=A`
    /// in the environment got a token written into A without a word.
    public var overriddenFlagWarnings: [String] {
        flags.sorted { $0.key < $1.key }.compactMap { key, text in
            guard let descriptor = ConfigurationKey.named(key), let variable = environment[descriptor.environmentName],
                  variable != text else { return nil }
            let flag = "--" + key.replacingOccurrences(of: "_", with: "-")
            return "\(flag) \(text) is overridden by \(descriptor.environmentName)=\(variable), as variables come after "
                + "flags: unset the variable to use the flag"
        }
    }

    /// The merged configuration, or every problem found.
    public func load() -> Result<DaemonConfiguration, ConfigurationError> {
        var config = DaemonConfiguration()
        config.dataDirectory = DaemonConfiguration.defaultDataDirectory(environment: environment)
        var problems = file?.problems ?? []
        // Where each key's effective value came from, so cross-checks can name it.
        var sources: [String: ConfigurationSource] = [:]
        // Under systemd the default data_dir is $STATE_DIRECTORY: a problem with it names that,
        // not "the default" (/var/lib/reviewroom), which is not the directory in question.
        if config.dataDirectory != DaemonConfiguration.defaultDataDirectory(environment: [:]) {
            sources["data_dir"] = .environment("STATE_DIRECTORY")
        }

        for (key, value) in file?.entries ?? [] {
            let source = ConfigurationSource.file(file?.path ?? "config")
            guard let descriptor = ConfigurationKey.named(key) else {
                problems.append(unknown(key, source: source))
                continue
            }
            if let message = Self.quotedInFile(descriptor, value) {
                problems.append(ConfigurationProblem(code: .badValue, key: key, source: source, message: message))
                continue
            }
            apply(descriptor, value, source: source, to: &config, problems: &problems, sources: &sources)
        }
        for (key, text) in flags.sorted(by: { $0.key < $1.key }) {
            let source = ConfigurationSource.flag("--" + key.replacingOccurrences(of: "_", with: "-"))
            guard let descriptor = ConfigurationKey.named(key) else {
                problems.append(unknown(key, source: source))
                continue
            }
            apply(descriptor, Self.convert(text, to: descriptor.kind), source: source, to: &config,
                  problems: &problems, sources: &sources)
        }
        for (name, text) in environment.sorted(by: { $0.key < $1.key }) where name.hasPrefix("REVIEWROOM_") {
            let source = ConfigurationSource.environment(name)
            // Other REVIEWROOM_* names are ignored (``unknownVariables``): a wrapper or test
            // harness may well set its own, and refusing them stopped every command.
            guard let descriptor = ConfigurationKey.all.first(where: { $0.environmentName == name }) else { continue }
            apply(descriptor, Self.convert(text, to: descriptor.kind), source: source, to: &config,
                  problems: &problems, sources: &sources)
        }
        // The default burst (200) follows a rate raised past it: raising only the rate is a
        // natural request, and refusing it left the daemon unable to start. A burst given
        // explicitly below the rate is still refused by the cross-check.
        if sources["message_burst"] == nil, config.messageBurst < config.messagesPerSecond {
            config.messageBurst = config.messagesPerSecond
        }
        switch scope {
        case .full:
            problems += crossChecks(config, sources: sources)
        case .checkConfig:
            problems += crossChecks(config, sources: sources)
            // A data_dir refused as a value left the default in place, which is not worth checking.
            if !problems.contains(where: { $0.key == "data_dir" }), var problem = config.dataDirectoryProblem {
                problem.source = sources["data_dir"]
                problems.append(problem)
            }
        case .dataDirectory:
            // A key misspelled in the file may be data_dir itself, so unknown keys still count;
            // so do bad values of the keys these commands use (a bad durability silently
            // replaced by "process" would leave a revoked token unsynced under "power").
            let used: Set<String> = ["data_dir", "durability", "language_hints"]
            problems = problems.filter { $0.key.map(used.contains) ?? true || $0.code == .unknownKey }
        }
        return problems.isEmpty ? .success(config) : .failure(ConfigurationError(problems: problems))
    }

    /// Text from a flag or variable as a value of `kind`: lists split on commas, `true`/`false`,
    /// whole numbers; anything else stays a string so the key reports the mismatch.
    static func convert(_ text: String, to kind: ConfigurationKey.Kind) -> ConfigValue {
        switch kind {
        case .string: return .string(text)
        case .integer: return wholeNumber(text.trimmingCharacters(in: .whitespaces)).map(ConfigValue.integer) ?? .string(text)
        case .boolean:
            // Trimmed like numbers: `Environment=REVIEWROOM_X= true` is no different a mistake.
            switch text.trimmingCharacters(in: .whitespaces) {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return .string(text)
            }
        case .stringList:
            // Nothing at all is the empty list; an empty item in a list (`a,` or `a,,b`) is kept,
            // so the key refuses it: a stray comma may stand where an origin was forgotten.
            guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .list([]) }
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            return .list(items.map(ConfigValue.string))
        }
    }

    /// Why `text` (from a flag or variable) is not a whole number, when it looks like one
    /// written the way the file refuses (`010`) or beyond 64 bits; nil otherwise.
    static func wholeNumberFault(_ text: String) -> String? {
        let digits = text.trimmingCharacters(in: .whitespaces).drop { $0 == "+" || $0 == "-" }
        // Only digits, `_` between two of them: `1__000` is malformed, not out of range.
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "_") }),
              digits.first != "_", digits.last != "_", !digits.contains("__") else { return nil }
        if digits.count > 1, digits.first == "0" { return "a whole number cannot start with 0 (octal is written 0o…), as in the file" }
        return "out of range: whole numbers go from -9223372036854775808 to 9223372036854775807"
    }

    /// A whole number as the file writes one, so that a value copied from it into a variable
    /// means the same: decimal with an optional sign, or `0x`/`0o`/`0b` digits, with `_` only
    /// between two digits (`1_000_000`); nil for anything else or beyond 64 bits.
    static func wholeNumber(_ text: String) -> Int? {
        var body = Substring(text)
        var radix = 10
        if body.count > 2, body.hasPrefix("0"), let prefixed = ["x": 16, "o": 8, "b": 2][body.dropFirst().first ?? " "] {
            radix = prefixed
            body = body.dropFirst(2)
        }
        let sign = radix == 10 && (body.first == "-" || body.first == "+") ? String(body.removeFirst()) : ""
        // `010` is refused as the file refuses it: read as 10 here, it meant otherwise there.
        if radix == 10, body.count > 1, body.first == "0" { return nil }
        let parts = body.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.hexDigitValue.map { $0 < radix } == true } }) else {
            return nil
        }
        return Int(sign + parts.joined(), radix: radix)
    }

    /// What is wrong with a number or boolean written in quotes in the file (TOML reads it as a
    /// string), or nil. The key's own message is worded for flags and variables, where all is
    /// text, and would call `"65536"` not a whole number.
    static func quotedInFile(_ key: ConfigurationKey, _ value: ConfigValue) -> String? {
        guard case .string(let text) = value else { return nil }
        let example = "\(key.name) = \(key.render(DaemonConfiguration()) ?? "")"
        switch key.kind {
        case .integer: return "must be a whole number without quotes (\(example)), not the string \(ConfigurationKey.quote(text))"
        case .boolean: return "must be true or false without quotes (\(example)), not the string \(ConfigurationKey.quote(text))"
        case .string, .stringList: return nil
        }
    }

    private func apply(_ key: ConfigurationKey, _ value: ConfigValue, source: ConfigurationSource,
                       to config: inout DaemonConfiguration, problems: inout [ConfigurationProblem],
                       sources: inout [String: ConfigurationSource]) {
        if let message = key.apply(&config, value) {
            problems.append(ConfigurationProblem(code: .badValue, key: key.name, source: source, message: message))
        } else {
            sources[key.name] = source
        }
    }

    private func unknown(_ key: String, source: ConfigurationSource) -> ConfigurationProblem {
        ConfigurationProblem(code: .unknownKey, key: key, source: source,
                             message: "unknown key \"\(key)\""
                                + (EditDistance.closest(to: key, among: ConfigurationKey.all.map(\.name)).map { " (did you mean \($0)?)" } ?? "")
                                + " (the keys are listed in /usr/local/share/reviewroom/reviewroom.conf.example as installed, Deploy/reviewroom.conf in the source)")
    }

    /// ` (in /etc/reviewroom/reviewroom.conf)`, ` (by flag --tls-cert)`, ` (by environment REVIEWROOM_TLS_KEY)`:
    /// where a value was set, for a problem that is reported against another key.
    private static func origin(_ source: ConfigurationSource?) -> String {
        switch source {
        case .file(let path): " (in \(path))"
        case .flag(let name): " (by flag \(name))"
        case .environment(let name): " (by environment \(name))"
        case nil: ""
        }
    }

    /// Where a value of a pair problem came from: ``origin(_:)``, or ` (the default)` when it
    /// was not set, so that an operator sees which of the two to change and where.
    private static func setting(_ source: ConfigurationSource?) -> String {
        source == nil ? " (the default)" : origin(source)
    }

    private func crossChecks(_ config: DaemonConfiguration, sources: [String: ConfigurationSource]) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        switch (config.tlsCertificatePath, config.tlsKeyPath) {
        case (.some(let certificate), nil):
            problems.append(ConfigurationProblem(
                code: .inconsistent, key: "tls_key", source: nil,
                message: "tls_cert is set to \(certificate)\(Self.origin(sources["tls_cert"])) but tls_key is not: set both for TLS, or neither"))
        case (nil, .some(let key)):
            problems.append(ConfigurationProblem(
                code: .inconsistent, key: "tls_cert", source: nil,
                message: "tls_key is set to \(key)\(Self.origin(sources["tls_key"])) but tls_cert is not: set both for TLS, or neither"))
        default: break
        }
        problems += tlsChecks(config, sources: sources)
        if let metrics = config.metricsListen, metrics.port != 0, metrics.port == config.listen.port,
           sameHost(metrics.host, config.listen.host) || HostResolution.isWildcard(metrics.host) || HostResolution.isWildcard(config.listen.host) {
            // libwebsockets then serves both from the one socket: /metrics is not on a listener of its own.
            problems.append(ConfigurationProblem(
                code: .inconsistent, key: "metrics_listen", source: sources["metrics_listen"],
                message: "\(metrics) is the port listen (\(config.listen)\(Self.origin(sources["listen"]))) serves: "
                    + "metrics_listen must be a listener of its own; give it another port (e.g. 127.0.0.1:9100)"))
        }
        if let root = config.webRoot, let problem = Self.pathProblem(root, key: "web_root", source: sources["web_root"],
                                                                     wanted: .directory) {
            problems.append(problem)
        }
        // A typo'd name is a configuration error like any other; serve resolves again when it binds.
        for (key, address) in [("listen", config.listen), ("metrics_listen", config.metricsListen)] {
            if let address, case .failure(let error) = resolveHost(address.host) {
                problems.append(ConfigurationProblem(code: .badValue, key: key, source: sources[key],
                                                     message: "\(address): \(error)"))
            }
        }
        if config.messageBurst < config.messagesPerSecond {
            problems.append(ConfigurationProblem(
                code: .inconsistent, key: "message_burst", source: nil,
                message: "message_burst = \(config.messageBurst)\(Self.setting(sources["message_burst"])) must be at least "
                    + "messages_per_second = \(config.messagesPerSecond)\(Self.setting(sources["messages_per_second"]))"))
        }
        return problems
    }

    /// Whether two hosts are one address as `serve` binds them (`localhost` and `127.0.0.1`):
    /// the text, or else what both resolve to (a host that does not resolve is its own problem).
    private func sameHost(_ one: String, _ other: String) -> Bool {
        if one == other { return true }
        guard case .success(let first) = resolveHost(one), case .success(let second) = resolveHost(other) else { return false }
        return first == second
    }

    /// Each TLS file must be a readable regular file, and the pair must load and match
    /// (OpenSSL, as `serve` loads it), else `serve` would fail with a less helpful 69 later.
    private func tlsChecks(_ config: DaemonConfiguration, sources: [String: ConfigurationSource]) -> [ConfigurationProblem] {
        var problems: [ConfigurationProblem] = []
        for (key, path) in [("tls_cert", config.tlsCertificatePath), ("tls_key", config.tlsKeyPath)] {
            if let path, let problem = Self.pathProblem(path, key: key, source: sources[key], wanted: .regularFile) {
                problems.append(problem)
            }
        }
        // A key that cannot be read still leaves the certificate worth checking on its own.
        if let certificate = config.tlsCertificatePath, !problems.isEmpty, !problems.contains(where: { $0.key == "tls_cert" }),
           let failure = TLSCertificateLoader.validateCertificate(path: certificate) {
            problems.insert(ConfigurationProblem(code: .badValue, key: "tls_cert", source: sources["tls_cert"],
                                                 message: failure.message), at: 0)
        }
        guard problems.isEmpty, let certificate = config.tlsCertificatePath, let key = config.tlsKeyPath,
              let failure = TLSCertificateLoader.validateNamingFile(certificatePath: certificate, keyPath: key) else {
            return problems
        }
        let name = failure.culprit == .certificate ? "tls_cert" : "tls_key"
        return [ConfigurationProblem(code: .badValue, key: name, source: sources[name], message: failure.error.message)]
    }

    /// What is wrong with `path` for `key` (it should be `wanted`), or nil when nothing is.
    private static func pathProblem(_ path: String, key: String, source: ConfigurationSource?, wanted: PathKind) -> ConfigurationProblem? {
        let what = wanted == .directory ? "the folder of the web client" : "a PEM file"
        let message: String
        switch PathKind.of(path) {
        case wanted:
            return nil
        case .missing:
            // systemd's LoadCredential copies exist only inside the running service.
            let credential = path.hasPrefix("/run/credentials/")
                ? " (a systemd credential exists only while the service runs: check the files it is loaded from instead)" : ""
            return ConfigurationProblem(code: .unreadableFile, key: key, source: source,
                                        message: "\(path) does not exist\(credential)")
        case .unreadable:
            return ConfigurationProblem(code: .unreadableFile, key: key, source: source,
                                        message: "cannot read \(path) (no permission)")
        case .directory:
            message = "\(path) is a directory, not \(what)"
        case .regularFile:
            message = "\(path) is a file, not \(what)"
        case .other:
            message = "\(path) is a device, socket or FIFO, not \(what)"
        }
        return ConfigurationProblem(code: .badValue, key: key, source: source, message: message)
    }
}
