import Foundation
import Logging
import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("Configuration loader")
struct ConfigurationLoaderTests {
    private func file(_ entries: [(String, ConfigValue)]) -> ConfigurationFile {
        ConfigurationFile(path: "/etc/reviewroom/reviewroom.conf", entries: entries.map { (key: $0.0, value: $0.1) })
    }

    private func load(_ loader: ConfigurationLoader) throws -> DaemonConfiguration {
        try loader.load().get()
    }

    private func problems(_ loader: ConfigurationLoader) -> [ConfigurationProblem] {
        guard case .failure(let error) = loader.load() else { return [] }
        return error.problems
    }

    @Test func noFileMeansDocumentedDefaults() throws {
        let config = try load(ConfigurationLoader(file: nil))
        #expect(config.listen == ListenAddress(host: "127.0.0.1", port: 8080))
        #expect(config.dataDirectory == "/var/lib/reviewroom")
        #expect(config.tlsCertificatePath == nil && config.tlsKeyPath == nil)
        #expect(config.maxMessageBytes == 65536)
        #expect(config.maxNoteUnits == 1_048_576)
        #expect(config.messagesPerSecond == 50 && config.messageBurst == 200)
        #expect(config.outboxLimitBytes == 4_194_304)
        #expect(config.durability == .process && config.logLevel == .info && config.languageHints)
    }

    /// The offline commands' scope: files, web_root and host names go unchecked; data_dir,
    /// syntax and unknown keys do not.
    @Test func theDataDirectoryScopeChecksOnlyWhatTheStoreCommandsUse() throws {
        let entries: [(String, ConfigValue)] = [
            ("data_dir", .string("/srv/rr")), ("tls_cert", .string("/run/credentials/x/tls.crt")),
            ("tls_key", .string("/run/credentials/x/tls.key")), ("web_root", .string("/nonexistent/web")),
            ("listen", .string("school-server:8080")), ("log_level", .string("loud")),
        ]
        let unresolvable: @Sendable (String) -> Result<String, HostResolutionError> = { _ in
            .failure(HostResolutionError(host: "school-server", reason: "does not resolve"))
        }
        let full = problems(ConfigurationLoader(file: file(entries), resolveHost: unresolvable))
        #expect(Set(full.compactMap(\.key)).isSuperset(of: ["tls_cert", "tls_key", "web_root", "listen", "log_level"]), "\(full)")
        let offline = try load(ConfigurationLoader(file: file(entries), scope: .dataDirectory, resolveHost: unresolvable))
        #expect(offline.dataDirectory == "/srv/rr")

        let typo = problems(ConfigurationLoader(file: file([("data_dri", .string("/srv/rr"))]), scope: .dataDirectory))
        #expect(typo.map(\.code) == [.unknownKey] && typo.first?.key == "data_dri")
        let badDirectory = problems(ConfigurationLoader(file: file([("data_dir", .integer(3))]), scope: .dataDirectory))
        #expect(badDirectory.map(\.key) == ["data_dir"])
        // The other values they use are checked too: a bad one is not silently the default.
        let badValues = problems(ConfigurationLoader(file: file([("data_dir", .string("/srv/rr")), ("durability", .string("powre")),
                                                                 ("language_hints", .string("no"))]), scope: .dataDirectory))
        #expect(Set(badValues.compactMap(\.key)) == ["durability", "language_hints"], "\(badValues)")
        let syntax = ConfigurationFile(path: "/x.conf", problems: [
            ConfigurationProblem(code: .syntax, key: nil, source: .file("/x.conf"), message: "line 1")])
        #expect(problems(ConfigurationLoader(file: syntax, scope: .dataDirectory)).map(\.code) == [.syntax])
    }

    @Test func stateDirectoryIsTheDefaultDataDirectoryUnderSystemd() throws {
        let config = try load(ConfigurationLoader(file: nil, environment: ["STATE_DIRECTORY": "/var/lib/reviewroom-x:/other"]))
        #expect(config.dataDirectory == "/var/lib/reviewroom-x")
    }

    @Test func environmentOverridesFlagsWhichOverrideTheFile() throws {
        let fileValues = file([("listen", .string("10.0.0.1:1")), ("data_dir", .string("/from/file")),
                               ("public_url", .string("https://file.example"))])
        let flagsOnly = try load(ConfigurationLoader(file: fileValues, flags: ["listen": "10.0.0.2:2", "data_dir": "/from/flag"]))
        #expect(flagsOnly.listen == ListenAddress(host: "10.0.0.2", port: 2))
        #expect(flagsOnly.dataDirectory == "/from/flag")
        #expect(flagsOnly.publicURL == "https://file.example")

        let all = try load(ConfigurationLoader(
            file: fileValues, flags: ["listen": "10.0.0.2:2", "data_dir": "/from/flag"],
            environment: ["REVIEWROOM_LISTEN": "10.0.0.3:3", "STATE_DIRECTORY": "/state"]))
        #expect(all.listen == ListenAddress(host: "10.0.0.3", port: 3))
        #expect(all.dataDirectory == "/from/flag")
    }

    @Test func anOriginListedTwiceIsKeptOnceInItsFirstPlace() throws {
        let config = try load(ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_ALLOWED_ORIGINS": "https://a.example, http://b.example:8080, HTTPS://A.EXAMPLE, https://a.example",
        ]))
        #expect(config.allowedOrigins == ["https://a.example", "http://b.example:8080"])
    }

    @Test func environmentTextIsConvertedByKind() throws {
        let config = try load(ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_ALLOWED_ORIGINS": "https://a.example, http://b.example:8080",
            "REVIEWROOM_LANGUAGE_HINTS": "false",
            "REVIEWROOM_MAX_MESSAGE_BYTES": "1000",
            "REVIEWROOM_DURABILITY": "power",
            "REVIEWROOM_LOG_LEVEL": "debug",
            "REVIEWROOM_SNAPSHOT_EVERY_EVENTS": "500",
            "REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT": "3",
        ]))
        #expect(config.allowedOrigins == ["https://a.example", "http://b.example:8080"])
        #expect(config.languageHints == false)
        #expect(config.maxMessageBytes == 1000)
        #expect(config.durability == .power)
        #expect(config.logLevel == .debug)
        #expect(config.snapshotEveryEvents == 500)
        #expect(LiveLimits(configuration: config).snapshotEveryEvents == 500)
        #expect(LiveLimits(configuration: config).maxConnectionsPerParticipant == 3)
    }

    /// Spaces around a number or a boolean in a variable are not part of it (an
    /// `Environment=` line written `REVIEWROOM_X= false`); inside a word they still are.
    @Test func spacesAroundNumbersAndBooleansAreIgnored() throws {
        let config = try load(ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_LANGUAGE_HINTS": " false ", "REVIEWROOM_MAX_MESSAGE_BYTES": " 1000",
        ]))
        #expect(config.languageHints == false)
        #expect(config.maxMessageBytes == 1000)
        let refused = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_LANGUAGE_HINTS": "fal se"]))
        #expect(refused.map(\.key) == ["language_hints"])
    }

    /// `max_connections_per_participant` is 32 by default, and 0 (no limit) is a value, not an
    /// error; a negative number is refused naming the key and what it may be.
    @Test func theConnectionCapDefaultsTo32AndTakesZeroForNoLimit() throws {
        #expect(try load(ConfigurationLoader(file: nil)).maxConnectionsPerParticipant == 32)
        #expect(LiveLimits().maxConnectionsPerParticipant == 32)
        let unlimited = try load(ConfigurationLoader(file: file([("max_connections_per_participant", .integer(0))])))
        #expect(LiveLimits(configuration: unlimited).maxConnectionsPerParticipant == 0)
        let negative = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_MAX_CONNECTIONS_PER_PARTICIPANT": "-1"]))
        #expect(negative.map(\.key) == ["max_connections_per_participant"], "\(negative)")
        #expect(negative.first?.message.contains("must be 0 (no limit) or a positive whole number, not -1") == true, "\(negative)")
        let words = problems(ConfigurationLoader(file: file([("max_connections_per_participant", .string("32"))])))
        #expect(words.map(\.key) == ["max_connections_per_participant"], "\(words)")
    }

    /// `reconnects_per_minute` is 300 by default and reaches the sessions' limits; 0 (no limit)
    /// is a value; a negative number is refused naming the key.
    @Test func theReconnectPaceDefaultsTo300AndTakesZeroForNoLimit() throws {
        #expect(try load(ConfigurationLoader(file: nil)).reconnectsPerMinute == 300)
        #expect(LiveLimits().reconnectsPerMinute == 300)
        let set = try load(ConfigurationLoader(file: file([("reconnects_per_minute", .integer(12))])))
        #expect(LiveLimits(configuration: set).reconnectsPerMinute == 12)
        let unlimited = try load(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_RECONNECTS_PER_MINUTE": "0"]))
        #expect(LiveLimits(configuration: unlimited).reconnectsPerMinute == 0)
        let negative = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_RECONNECTS_PER_MINUTE": "-3"]))
        #expect(negative.map(\.key) == ["reconnects_per_minute"], "\(negative)")
        #expect(negative.first?.message.contains("not -3") == true, "\(negative)")
    }

    /// `retention_days` is 0 (keep sessions) by default, which makes no rule; a number of days
    /// makes one; a negative number or words are refused naming the key.
    @Test func retentionIsOffByDefaultAndTakesDays() throws {
        let unset = try load(ConfigurationLoader(file: nil))
        #expect(unset.retentionDays == 0 && unset.retention == nil)
        let set = try load(ConfigurationLoader(file: file([("retention_days", .integer(30))])))
        #expect(set.retention?.days == 30)
        let fromEnvironment = try load(ConfigurationLoader(file: file([("retention_days", .integer(30))]), environment: ["REVIEWROOM_RETENTION_DAYS": "0"]))
        #expect(fromEnvironment.retention == nil, "the environment's 0 overrides the file")
        let negative = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_RETENTION_DAYS": "-30"]))
        #expect(negative.map(\.key) == ["retention_days"], "\(negative)")
        #expect(negative.first?.message.contains("not -30") == true, "\(negative)")
        let words = problems(ConfigurationLoader(file: file([("retention_days", .string("30 days"))])))
        #expect(words.map(\.key) == ["retention_days"], "\(words)")
        #expect(words.first?.message.contains("not the string \"30 days\"") == true, "\(words)")
    }

    @Test func unknownVariablesAreIgnoredAndListed() throws {
        let loader = ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_LISTN": "127.0.0.1:9", "REVIEWROOM_BIN": "x", "REVIEWROOM_LISTEN": "127.0.0.1:7", "OTHER": "y"])
        let config = try loader.load().get()
        #expect(config.listen.port == 7)
        #expect(loader.unknownVariables == ["REVIEWROOM_BIN", "REVIEWROOM_LISTN"])
        #expect(ConfigurationLoader.unknownVariableWarning("REVIEWROOM_LISTN").hasSuffix("(did you mean REVIEWROOM_LISTEN?)"))
        #expect(ConfigurationLoader.unknownVariableWarning("REVIEWROOM_DURABLITY").hasSuffix("(did you mean REVIEWROOM_DURABILITY?)"))
        #expect(!ConfigurationLoader.unknownVariableWarning("REVIEWROOM_BIN").contains("did you mean"))
        // Case is not an edit: a key written in the file's lower case is still found.
        #expect(ConfigurationLoader.unknownVariableWarning("REVIEWROOM_listen").hasSuffix("(did you mean REVIEWROOM_LISTEN?)"))
        #expect(ConfigurationLoader.unknownVariableWarning("reviewroom_max_note_unit").hasSuffix("(did you mean REVIEWROOM_MAX_NOTE_UNITS?)"))
    }

    /// A variable set to nothing empties the one list (overriding the file's origins) and is a
    /// bad value naming its key everywhere else: it never silently falls back to the file.
    @Test func anEmptyVariableIsTheEmptyListOrABadValue() throws {
        let origins = try load(ConfigurationLoader(file: file([("allowed_origins", .list([.string("https://a.example")]))]),
                                                   environment: ["REVIEWROOM_ALLOWED_ORIGINS": ""]))
        #expect(origins.allowedOrigins.isEmpty)
        for key in ConfigurationKey.all where key.kind != .stringList {
            let found = problems(ConfigurationLoader(file: nil, environment: [key.environmentName: ""]))
            #expect(found.map(\.key) == [key.name], "\(key.name): \(found)")
        }
    }

    /// A number copied from the file into a variable or flag means the same there: `_` between
    /// digits and `0x`/`0o`/`0b`, as TOML writes them; misplaced `_`, signs on prefixed numbers,
    /// and digits beyond the radix stay bad values naming what was given.
    @Test func aVariableTakesWholeNumbersAsTheFileWritesThem() throws {
        for (text, expected) in [("1_048_576", 1_048_576), ("0x100000", 1_048_576), ("0o4000000", 1_048_576),
                                 ("0b100000000000000000000", 1_048_576), (" 2_000 ", 2000), ("+70_000", 70_000)] {
            let config = try load(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_MAX_NOTE_UNITS": text]))
            #expect(config.maxNoteUnits == expected, "\(text)")
        }
        let byFlag = try load(ConfigurationLoader(file: nil, flags: ["max_note_units": "0x4e20"]))
        #expect(byFlag.maxNoteUnits == 20_000)
        for text in ["1__000", "_1000", "1000_", "0x", "-0x10", "0b102", "1e6", "0x8000000000000000", "1,000"] {
            let found = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_MAX_NOTE_UNITS": text]))
            #expect(found.map(\.key) == ["max_note_units"], "\(text): \(found)")
            #expect(found.first?.message.contains("\"\(text)\" is not a whole number") == true, "\(found)")
            #expect(found.first?.message.contains("out of range") == false, "\(text) is malformed, not too large: \(found)")
        }
        // As the file: `010` is refused (it was read as 10), and a number past 64 bits says so
        // in TOML's words rather than "not a whole number" alone (a configuration audit).
        for (text, why) in [("010", "cannot start with 0 (octal is written 0o…)"), ("-007", "cannot start with 0"),
                            ("99999999999999999999", "out of range: whole numbers go from")] {
            let found = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_MAX_NOTE_UNITS": text]))
            #expect(found.first?.message.contains(why) == true, "\(text): \(found)")
        }
        #expect(try load(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_RETENTION_DAYS": "0"])).retentionDays == 0)
    }

    @Test func aMisspeltKeyInTheFileIsNamedWithTheKeyItWasMeantToBe() {
        let found = problems(ConfigurationLoader(file: file([("data_dri", .string("/srv")), ("colour", .string("blue"))])))
        #expect(found.first { $0.key == "data_dri" }?.message.contains("(did you mean data_dir?)") == true, "\(found)")
        #expect(found.first { $0.key == "colour" }?.message.contains("did you mean") == false, "\(found)")
    }

    @Test func everyProblemIsReportedAtOnceNamingItsKey() {
        let found = problems(ConfigurationLoader(file: file([
            ("listen", .string("nohost")),
            ("durability", .string("maybe")),
            ("max_message_bytes", .integer(-5)),
            ("message_burst", .string("lots")),
            ("snapshot_every_events", .integer(0)),
            ("colour", .string("blue")),
            ("language_hints", .string("yes")),
            ("allowed_origins", .list([.string("https://ok.example"), .string("not an origin"), .string("ftp://x"), .integer(3)])),
        ]), environment: ["REVIEWROOM_OUTBOX_LIMIT_BYTES": "-1", "REVIEWROOM_BOGUS": "1"]))
        let keys = Set(found.compactMap(\.key))
        for key in ["listen", "durability", "max_message_bytes", "message_burst", "colour", "language_hints",
                    "allowed_origins", "outbox_limit_bytes", "snapshot_every_events"] {
            #expect(keys.contains(key), "no problem names \(key): \(found)")
        }
        // An unknown variable is no problem (``unknownVariablesAreIgnoredAndListed``).
        #expect(!found.contains { $0.message.contains("REVIEWROOM_BOGUS") })
        #expect(found.first { $0.key == "listen" }?.message.contains("nohost") == true)
        #expect(found.first { $0.key == "durability" }?.message.contains("maybe") == true)
        #expect(found.first { $0.key == "max_message_bytes" }?.message.contains("-5") == true)
        #expect(found.first { $0.key == "colour" }?.code == .unknownKey)
        // Every bad entry of a list, not only the first.
        let origins = found.first { $0.key == "allowed_origins" }?.message ?? ""
        #expect(origins.contains("\"not an origin\"") && origins.contains("\"ftp://x\"") && origins.contains("an integer"), "\(origins)")
        #expect(!origins.contains("ok.example"), "\(origins)")
    }

    /// Every number has a ceiling far above any school's use: a typo of a few extra digits is
    /// refused with the ceiling in the message, not taken as memory to hold (or, for
    /// `max_message_bytes`, as a limit whose drain allowance overflowed on every frame).
    @Test(arguments: [("max_message_bytes", 64 << 20), ("max_note_units", 64 << 20), ("messages_per_second", 1_000_000),
                      ("message_burst", 1_000_000), ("outbox_limit_bytes", 4 << 30), ("max_request_body_bytes", 64 << 20),
                      ("snapshot_every_events", 1_000_000), ("max_connections_per_participant", 1_000_000),
                      ("reconnects_per_minute", 60_000), ("retention_days", 3_650)])
    func numbersAboveTheirCeilingAreRefusedNamingIt(key: String, ceiling: Int) throws {
        let refused = problems(ConfigurationLoader(file: file([(key, .integer(ceiling + 1))])))
        #expect(refused.count == 1)
        #expect(refused.first?.key == key)
        #expect(refused.first?.message == "must be at most \(ceiling), not \(ceiling + 1)", "\(refused)")
        let huge = problems(ConfigurationLoader(file: file([(key, .integer(1 << 62))])))
        #expect(huge.first?.key == key)
        // The burst may not be below the rate, so a rate at its ceiling comes with a burst as high.
        let atCeiling = [(key, ConfigValue.integer(ceiling))] + (key == "messages_per_second" ? [("message_burst", .integer(ceiling))] : [])
        let loaded = try load(ConfigurationLoader(file: file(atCeiling)))
        let fields: [String: KeyPath<DaemonConfiguration, Int>] = [
            "max_message_bytes": \.maxMessageBytes, "max_note_units": \.maxNoteUnits, "messages_per_second": \.messagesPerSecond,
            "message_burst": \.messageBurst, "outbox_limit_bytes": \.outboxLimitBytes, "max_request_body_bytes": \.maxRequestBodyBytes,
            "snapshot_every_events": \.snapshotEveryEvents, "max_connections_per_participant": \.maxConnectionsPerParticipant,
            "reconnects_per_minute": \.reconnectsPerMinute, "retention_days": \.retentionDays,
        ]
        #expect(try loaded[keyPath: #require(fields[key])] == ceiling, "the ceiling itself is accepted")
    }

    /// A welcome carries every note, and a reply queued behind other messages counts against the
    /// limit: an outbox smaller than one full note is a warning (not an error: small limits are
    /// how slow readers are tested).
    @Test func anOutboxTooSmallForAFullNoteIsAWarning() throws {
        let small = try load(ConfigurationLoader(file: file([("outbox_limit_bytes", .integer(65_536))])))
        #expect(small.outboxLimitBytes == 65_536)
        let warning = try #require(small.warnings.first { $0.contains("outbox_limit_bytes") }, "\(small.warnings)")
        #expect(warning.contains("65536 is less than one full note") && warning.contains("3211264")
                && warning.contains("4029"), "\(warning)")
        // Fewer units per note need less: 3 × 20000 + 65536 = 125536 bytes.
        let fits = try load(ConfigurationLoader(file: file([("outbox_limit_bytes", .integer(125_536)), ("max_note_units", .integer(20_000))])))
        #expect(fits.warnings.isEmpty)
        let short = try load(ConfigurationLoader(file: file([("outbox_limit_bytes", .integer(125_535)), ("max_note_units", .integer(20_000))])))
        #expect(short.warnings.count == 1)
    }

    @Test func tlsNeedsBothFilesAndExistingOnes() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let pair = try await TestCertificate.make(in: directory)
        let certOnly = problems(ConfigurationLoader(file: file([("tls_cert", .string(pair.cert.path))])))
        #expect(certOnly.map(\.code) == [.inconsistent])
        #expect(certOnly.first?.message.contains("tls_key") == true)
        #expect(certOnly.first?.message.hasPrefix("tls_cert is set to \(pair.cert.path) (in /etc/reviewroom/reviewroom.conf) but tls_key is not") == true,
                "\(certOnly)")

        let missing = directory.appendingPathComponent("nope.pem").path
        let unreadable = problems(ConfigurationLoader(file: file([("tls_cert", .string(pair.cert.path)), ("tls_key", .string(missing))])))
        #expect(unreadable.count == 1)
        #expect(unreadable.first?.code == .unreadableFile)
        #expect(unreadable.first?.key == "tls_key")
        #expect(unreadable.first?.message.contains(missing) == true)

        let fine = try load(ConfigurationLoader(file: file([("tls_cert", .string(pair.cert.path)), ("tls_key", .string(pair.key.path))])))
        #expect(fine.tlsCertificatePath == pair.cert.path && fine.tlsKeyPath == pair.key.path)
    }

    /// "Set one but not the other" names the file that is set and where it was set, whichever
    /// of the file, a flag or the environment set it; nothing else is reported.
    @Test func aLoneTLSFileIsNamedWithWhereItWasSet() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let pair = try await TestCertificate.make(in: directory)
        let byFlag = problems(ConfigurationLoader(file: nil, flags: ["tls_key": pair.key.path]))
        #expect(byFlag.map(\.code) == [.inconsistent])
        #expect(byFlag.first?.key == "tls_cert")
        #expect(byFlag.first?.message == "tls_key is set to \(pair.key.path) (by flag --tls-key) but tls_cert is not: set both for TLS, or neither")
        let byEnvironment = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_TLS_CERT": pair.cert.path]))
        #expect(byEnvironment.map(\.code) == [.inconsistent])
        #expect(byEnvironment.first?.key == "tls_key")
        #expect(byEnvironment.first?.message == "tls_cert is set to \(pair.cert.path) (by environment REVIEWROOM_TLS_CERT) but tls_key is not: set both for TLS, or neither")
    }

    /// A burst below the rate names both values and where each came from (or that it is the
    /// default): the problem belongs to neither key alone, so it has no source prefix of its own.
    @Test func aBurstBelowTheRateNamesWhereEachValueWasSet() {
        let lowered = problems(ConfigurationLoader(file: file([("message_burst", .integer(10))])))
        #expect(lowered.map(\.code) == [.inconsistent])
        #expect(lowered.first?.message == "message_burst = 10 (in /etc/reviewroom/reviewroom.conf) must be at least messages_per_second = 50 (the default)")
        let raised = problems(ConfigurationLoader(file: file([("message_burst", .integer(100))]),
                                                  environment: ["REVIEWROOM_MESSAGES_PER_SECOND": "300"]))
        #expect(raised.first?.message == "message_burst = 100 (in /etc/reviewroom/reviewroom.conf) must be at least messages_per_second = 300 (by environment REVIEWROOM_MESSAGES_PER_SECOND)")
        #expect(problems(ConfigurationLoader(file: file([("message_burst", .integer(50))]))).isEmpty)
    }

    /// A data directory problem under systemd names where the directory came from.
    @Test func aStateDirectoryProblemNamesTheVariable() {
        let found = problems(ConfigurationLoader(file: nil, environment: ["STATE_DIRECTORY": "/nonexistent-rr/state"], scope: .checkConfig))
        let problem = found.first { $0.key == "data_dir" }
        #expect(problem?.description.hasPrefix("environment STATE_DIRECTORY: data_dir: ") == true, "\(found)")
    }

    /// Raising only the rate past the default burst (200) raises the burst with it: the daemon
    /// refused to start (exit 78) for a setting PROTOCOL.md calls configurable on its own.
    @Test func aRateRaisedAloneTakesTheDefaultBurstWithIt() throws {
        let raised = try load(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_MESSAGES_PER_SECOND": "500"]))
        #expect(raised.messagesPerSecond == 500 && raised.messageBurst == 500)
        let below = try load(ConfigurationLoader(file: file([("messages_per_second", .integer(150))])))
        #expect(below.messagesPerSecond == 150 && below.messageBurst == 200, "a rate under the default burst keeps it")
        #expect(problems(ConfigurationLoader(file: file([("message_burst", .integer(300))]),
                                             flags: ["messages_per_second": "400"])).map(\.code) == [.inconsistent],
                "a burst given below the rate is still refused")
    }

    @Test func tlsFilesMustLoadAndMatchAsServeLoadsThem() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let first = try await TestCertificate.make(in: directory, prefix: "a-")
        let second = try await TestCertificate.make(in: directory, prefix: "b-")
        let notPEM = directory.appendingPathComponent("notes.txt")
        try Data("not a certificate\n".utf8).write(to: notPEM)
        let cases: [(cert: String, key: String, blamed: String, says: String)] = [
            (first.cert.path, second.key.path, "tls_key", "does not match"),
            (notPEM.path, first.key.path, "tls_cert", "does not load as a PEM chain"),
            (first.cert.path, notPEM.path, "tls_key", "does not load as PEM"),
            (first.cert.path, directory.path, "tls_key", "is a directory"),
            (directory.path, first.key.path, "tls_cert", "is a directory"),
        ]
        for (cert, key, blamed, says) in cases {
            let found = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_TLS_CERT": cert, "REVIEWROOM_TLS_KEY": key]))
            #expect(found.count == 1, "\(cert) + \(key): \(found)")
            #expect(found.first?.key == blamed, "\(cert) + \(key): \(found)")
            #expect(found.first?.message.contains(says) == true, "\(cert) + \(key): \(found)")
            #expect(found.first?.source == .environment(blamed == "tls_cert" ? "REVIEWROOM_TLS_CERT" : "REVIEWROOM_TLS_KEY"))
        }
        // Both wrong at once: both are named.
        let both = problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_TLS_CERT": notPEM.path,
                                                                         "REVIEWROOM_TLS_KEY": directory.path]))
        #expect(both.map(\.key) == ["tls_cert", "tls_key"], "\(both)")
        #expect(both.first?.message.contains("does not load as a PEM chain") == true)
        #expect(both.last?.message.contains("is a directory") == true)
    }

    @Test func webRootMustBeADirectory() throws {
        let directory = try TemporaryDirectory.make(prefix: "web")
        let page = directory.appendingPathComponent("index.html")
        try Data("<p>hi</p>".utf8).write(to: page)
        #expect(try load(ConfigurationLoader(file: file([("web_root", .string(directory.path))]))).webRoot == directory.path)
        let asFile = problems(ConfigurationLoader(file: file([("web_root", .string(page.path))])))
        #expect(asFile.map(\.key) == ["web_root"])
        #expect(asFile.first?.message.contains("is a file, not the folder") == true, "\(asFile)")
        let missing = problems(ConfigurationLoader(file: file([("web_root", .string(directory.path + "/nope"))])))
        #expect(missing.map(\.code) == [.unreadableFile])
    }

    /// metrics_listen on listen's own port is not a listener of its own (libwebsockets serves both
    /// from one socket): a problem naming both, where it was accepted. Another port, or port 0, is fine.
    @Test func metricsListenOnTheListenPortIsAProblem() throws {
        for (listen, metrics) in [("127.0.0.1:8080", "127.0.0.1:8080"), ("127.0.0.1:8080", "0.0.0.0:8080"), ("0.0.0.0:8080", "127.0.0.1:8080"),
                                 ("127.0.0.1:8080", "0:8080"), ("0x0:8080", "127.0.0.1:8080")] {
            let found = problems(ConfigurationLoader(file: file([("listen", .string(listen)), ("metrics_listen", .string(metrics))])))
            #expect(found.map(\.key) == ["metrics_listen"], "\(listen) \(metrics): \(found)")
            #expect(found.first?.message.contains("is the port listen (\(listen) (in /etc/reviewroom/reviewroom.conf)) serves") == true, "\(found)")
        }
        for metrics in ["127.0.0.1:9100", "127.0.0.1:0", "127.0.0.2:8080"] {
            let config = try load(ConfigurationLoader(file: file([("listen", .string("127.0.0.1:8080")), ("metrics_listen", .string(metrics))])))
            #expect(config.metricsListen?.description == metrics)
        }
    }

    /// The same address written two ways (`localhost` for `127.0.0.1`) is the same listener:
    /// `serve` would find the port taken (exit 69), so check-config says so first.
    @Test func metricsListenOnTheListenPortByAnotherNameIsAProblem() throws {
        let resolver: @Sendable (String) -> Result<String, HostResolutionError> = { host in
            .success(host == "localhost" || host == "review.lan" ? "127.0.0.1" : host)
        }
        for (listen, metrics) in [("127.0.0.1:8080", "localhost:8080"), ("localhost:8080", "127.0.0.1:8080"), ("review.lan:8080", "localhost:8080")] {
            let found = problems(ConfigurationLoader(file: file([("listen", .string(listen)), ("metrics_listen", .string(metrics))]),
                                                     resolveHost: resolver))
            #expect(found.map(\.key) == ["metrics_listen"], "\(listen) \(metrics): \(found)")
        }
        let other = try load(ConfigurationLoader(file: file([("listen", .string("localhost:8080")), ("metrics_listen", .string("127.0.0.2:8080"))]),
                                                 resolveHost: resolver))
        #expect(other.metricsListen?.description == "127.0.0.2:8080")
    }

    @Test func aSystemdCredentialPathOutsideTheServiceSaysWhy() {
        let found = problems(ConfigurationLoader(file: file([
            ("tls_cert", .string("/run/credentials/reviewroomd.service/tls.crt")),
            ("tls_key", .string("/run/credentials/reviewroomd.service/tls.key")),
        ])))
        #expect(found.map(\.key) == ["tls_cert", "tls_key"])
        #expect(found.allSatisfy { $0.code == .unreadableFile && $0.message.contains("only while the service runs") })
    }

    @Test func listenHostsThatDoNotResolveAreBadValues() {
        let resolver: @Sendable (String) -> Result<String, HostResolutionError> = { host in
            host == "typo.example" ? .failure(HostResolutionError(host: host, reason: "Name or service not known")) : .success("10.0.0.1")
        }
        let found = problems(ConfigurationLoader(file: file([
            ("listen", .string("typo.example:8080")), ("metrics_listen", .string("typo.example:9100")),
        ]), resolveHost: resolver))
        #expect(found.map(\.key) == ["listen", "metrics_listen"])
        #expect(found.allSatisfy { $0.code == .badValue && $0.message.contains("typo.example") })
        // A name that resolves stays as written: serve resolves it when it binds.
        let fine = try? load(ConfigurationLoader(file: file([("listen", .string("review.lan:8080"))]), resolveHost: resolver))
        #expect(fine?.listen == ListenAddress(host: "review.lan", port: 8080))
    }

    @Test func onlyAWildcardListenWithoutPublicURLWarns() {
        var config = DaemonConfiguration()
        #expect(config.warnings.isEmpty)
        // `0` binds every interface too (serve reads it as getaddrinfo does).
        for host in ["0.0.0.0", "::", "0", "0x0"] {
            config.listen = ListenAddress(host: host, port: 8080)
            config.publicURL = nil
            #expect(config.warnings.count == 1)
            #expect(config.warnings.first?.contains("public_url") == true)
            #expect(config.warnings.first?.contains(ListenAddress.format(host: host, port: 8080)) == true)
            config.publicURL = "https://review.example.org"
            #expect(config.warnings.isEmpty)
        }
        config.listen = ListenAddress(host: "192.168.1.10", port: 8080)
        config.publicURL = nil
        #expect(config.warnings.isEmpty)
    }

    /// A space at either end of a path (a drop-in's `Environment=REVIEWROOM_DATA_DIR=/var/lib/x `)
    /// named another directory, and `serve` made a second, empty database there; a newline made
    /// a directory with one in its name. Both are refused, naming the key; a space inside is a path.
    @Test(arguments: ["data_dir", "tls_cert", "tls_key", "web_root"])
    func aPathWithASpaceAtAnEndOrAControlCharacterIsRefused(key: String) throws {
        let variable = "REVIEWROOM_" + key.uppercased()
        for (path, says) in [("/tmp/x ", "starts or ends with a space"), (" /tmp/x", "starts or ends with a space"),
                             ("/tmp/x\nb", "control character (U+A)"), ("/tmp/x\u{1}y", "control character (U+1)")] {
            let found = problems(ConfigurationLoader(file: nil, environment: [variable: path]))
            #expect(found.map(\.key) == [key], "\(key) \(path.debugDescription): \(found)")
            #expect(found.first?.message.contains(says) == true, "\(found)")
        }
        let spaced = problems(ConfigurationLoader(file: file([(key, .string("/tmp/x\ty"))])))
        #expect(spaced.first?.message.contains("control character (U+9)") == true, "\(spaced)")
        let inner = try load(ConfigurationLoader(file: nil, flags: ["data_dir": "/tmp/review room"]))
        #expect(inner.dataDirectory == "/tmp/review room")
    }

    /// `public_url` with the other scheme on the daemon's own port made links that never open
    /// (a configuration audit: check-config passed `http://` with TLS set); a proxy's port is its own.
    @Test func aPublicURLOfTheOtherSchemeOnTheDaemonsPortIsWarnedOf() {
        var config = DaemonConfiguration()
        config.listen = ListenAddress(host: "0.0.0.0", port: 8443)
        config.tlsCertificatePath = "/etc/reviewroom/tls/cert.pem"
        config.publicURL = "http://review.school.example:8443"
        #expect(config.warnings.contains { $0.hasPrefix("public_url http://review.school.example:8443 is http on port 8443") })
        config.publicURL = "https://review.school.example:8443"
        #expect(config.warnings.isEmpty, "\(config.warnings)")
        config.tlsCertificatePath = nil
        config.listen = ListenAddress(host: "0.0.0.0", port: 443)
        config.publicURL = "https://review.school.example"
        #expect(config.warnings.contains { $0.contains("which this daemon serves with plain HTTP") }, "\(config.warnings)")
        config.listen = ListenAddress(host: "127.0.0.1", port: 8080)
        #expect(config.warnings.isEmpty, "behind a proxy on 443: \(config.warnings)")
    }

    /// `serve` warns of the address it bound: `listen` port 0 picks one, and a systemd socket
    /// unit may bind another host than `listen` names.
    @Test func theWarningsOfTheAddressAsBoundReadItsPortAndHost() {
        var config = DaemonConfiguration()
        config.listen = ListenAddress(host: "127.0.0.1", port: 0)
        config.publicURL = "https://127.0.0.1:8080"
        #expect(config.warnings.isEmpty, "\(config.warnings)")
        #expect(config.warnings(listenHost: "127.0.0.1", port: 8080).contains { $0.hasPrefix("public_url https://127.0.0.1:8080 is https on port 8080") })
        config.publicURL = nil
        #expect(config.warnings(listenHost: "0.0.0.0", port: 8080).contains { $0.hasPrefix("listen is 0.0.0.0:8080 (every interface)") })
    }

    @Test func wrongTypesInTheFileAreBadValues() {
        let found = problems(ConfigurationLoader(file: file([
            ("listen", .integer(8080)), ("max_note_units", .string("12")), ("allowed_origins", .string("https://x.example")),
            ("log_level", .string("loud")), ("public_url", .string("ftp://x")),
        ])))
        #expect(Set(found.map(\.key)) == ["listen", "max_note_units", "allowed_origins", "log_level", "public_url"])
        #expect(found.allSatisfy { $0.code == .badValue })
    }

    @Test func fileProblemsPassThrough() {
        let broken = ConfigurationFile(path: "/x.conf", problems: [
            ConfigurationProblem(code: .syntax, key: nil, source: .file("/x.conf"), message: "line 1, column 3: bad"),
        ])
        let found = problems(ConfigurationLoader(file: broken))
        #expect(found.map(\.code) == [.syntax])
    }

    @Test func effectiveConfigurationPrintsEveryKey() throws {
        var config = try load(ConfigurationLoader(file: file([("allowed_origins", .list([.string("https://a.example")]))])))
        config.publicURL = "https://review.example.org"
        let text = config.effectiveTOML
        for key in ConfigurationKey.all {
            #expect(text.contains(key.name), "\(key.name) missing from the effective configuration")
        }
        #expect(text.contains("allowed_origins = [\"https://a.example\"]"))
        #expect(text.contains("public_url = \"https://review.example.org\""))
        #expect(text.contains("# tls_cert is not set"))
    }

    @Test func publicURLLosesItsTrailingSlashAndGivesTheOrigin() throws {
        let config = try load(ConfigurationLoader(file: nil, flags: ["public_url": "https://Review.example.org/rr/"]))
        #expect(config.publicURL == "https://Review.example.org/rr")
        #expect(ListenAddress.originOfURL(config.publicURL ?? "") == "https://review.example.org")
    }

    /// Invite links are `<public_url>/join#token`: a space or control character in the path
    /// would make links that break when pasted into an e-mail or a chat.
    @Test(arguments: ["https://x.org/a b", "https://x.org/a\tb", "https://x.org/a\u{7F}"])
    func publicURLWithWhitespaceOrAControlCharacterIsRefused(url: String) {
        let found = problems(ConfigurationLoader(file: nil, flags: ["public_url": url]))
        #expect(found.map(\.key) == ["public_url"])
        #expect(found.first?.message.contains("space") == true, "\(found)")
    }
}

@Suite("Configuration origins and URLs")
struct ConfigurationOriginTests {
    private func problems(_ loader: ConfigurationLoader) -> [ConfigurationProblem] {
        guard case .failure(let error) = loader.load() else { return [] }
        return error.problems
    }

    @Test(arguments: ["https://a.example/path", "ftp://a.example", "https://", "https://a.example:99999",
                      "https://user@a.example", "a.example", "https://a.example?x=1"])
    func malformedOriginsAreRefused(origin: String) {
        let result = ConfigurationLoader(file: nil, environment: ["REVIEWROOM_ALLOWED_ORIGINS": origin]).load()
        guard case .failure(let error) = result else {
            Issue.record("\(origin) was accepted")
            return
        }
        #expect(error.problems.first?.key == "allowed_origins")
        #expect(error.problems.first?.message.contains(origin) == true)
    }

    /// A stray comma may stand where an origin was forgotten: refused, not quietly dropped.
    @Test(arguments: ["https://a.example,", ",https://a.example", "https://a.example,,http://b.example", "https://a.example, "])
    func anEmptyEntryInAListOfOriginsIsRefused(origins: String) {
        let result = ConfigurationLoader(file: nil, environment: ["REVIEWROOM_ALLOWED_ORIGINS": origins]).load()
        guard case .failure(let error) = result else {
            Issue.record("\(origins) was accepted")
            return
        }
        #expect(error.problems.map(\.key) == ["allowed_origins"])
        #expect(error.problems.first?.message.contains("an entry is empty") == true, "\(error.problems)")
    }

    @Test func aListOfOnlySpacesIsTheEmptyList() throws {
        let config = try ConfigurationLoader(file: nil, environment: ["REVIEWROOM_ALLOWED_ORIGINS": "  "]).load().get()
        #expect(config.allowedOrigins.isEmpty)
    }

    @Test func originsAreLowerCased() throws {
        let config = try ConfigurationLoader(file: nil, environment: ["REVIEWROOM_ALLOWED_ORIGINS": "https://School.Example:8443"]).load().get()
        #expect(config.allowedOrigins == ["https://school.example:8443"])
    }

    @Test func theSchemesDefaultPortIsDropped() throws {
        let config = try ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_ALLOWED_ORIGINS": "https://a.example:443,http://B.example:80,https://c.example:80,http://[::1]:80",
            "REVIEWROOM_PUBLIC_URL": "https://Review.example.org:443/rr/",
        ]).load().get()
        #expect(config.allowedOrigins == ["https://a.example", "http://b.example", "https://c.example:80", "http://[::1]"])
        #expect(config.publicURL == "https://Review.example.org/rr")
        #expect(ListenAddress.originOfURL(config.publicURL ?? "") == "https://review.example.org")
        let plain = try ConfigurationLoader(file: nil, flags: ["public_url": "http://review.example.org:80"]).load().get()
        #expect(plain.publicURL == "http://review.example.org")
    }

    /// A port is digits, written back as a browser writes it: `08443` kept as written made
    /// invite links and an origin that no browser's `Origin: https://x.org:8443` matched.
    @Test func aPortWithLeadingZerosIsWrittenAsABrowserWritesIt() throws {
        let config = try ConfigurationLoader(file: nil, environment: [
            "REVIEWROOM_ALLOWED_ORIGINS": "https://a.example:08443,https://b.example:0443",
            "REVIEWROOM_PUBLIC_URL": "https://review.example.org:008443/rr",
        ]).load().get()
        #expect(config.allowedOrigins == ["https://a.example:8443", "https://b.example"])
        #expect(config.publicURL == "https://review.example.org:8443/rr")
    }

    @Test(arguments: ["https://a.example:+8443", "https://a.example:-1", "https://a.example: 8443", "https://a.example:",
                      "https://a.example:٨٤٤٣"])
    func aPortThatIsNotDigitsIsRefused(origin: String) {
        #expect(problems(ConfigurationLoader(file: nil, environment: ["REVIEWROOM_ALLOWED_ORIGINS": origin])).map(\.key) == ["allowed_origins"])
        #expect(problems(ConfigurationLoader(file: nil, flags: ["public_url": origin + "/rr"])).map(\.key) == ["public_url"])
    }

    @Test func theDerivedOriginHasNoDefaultPort() {
        #expect(ListenAddress.origin(scheme: "https", host: "review.lan", port: 443) == "https://review.lan")
        #expect(ListenAddress.origin(scheme: "http", host: "::1", port: 80) == "http://[::1]")
        #expect(ListenAddress.origin(scheme: "http", host: "::1", port: 443) == "http://[::1]:443")
        #expect(ListenAddress.origin(scheme: "https", host: "10.0.0.1", port: 8443) == "https://10.0.0.1:8443")
        var config = DaemonConfiguration()
        config.listen = ListenAddress(host: "10.0.0.1", port: 80)
        #expect(config.publicOrigin == "http://10.0.0.1")
    }

    @Test(arguments: ["review.example.org", "ftp://review.example.org", "https://", "https://:80/",
                      "https://review.example.org/rr?x=1", "https://review.example.org/#top", "https://review.example.org/rr#"])
    func malformedPublicURLsAreRefused(url: String) {
        guard case .failure(let error) = ConfigurationLoader(file: nil, flags: ["public_url": url]).load() else {
            Issue.record("\(url) was accepted")
            return
        }
        #expect(error.problems.map(\.key) == ["public_url"])
        #expect(error.problems.first?.source == .flag("--public-url"))
    }
}
