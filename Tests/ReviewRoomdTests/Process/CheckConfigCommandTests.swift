import Foundation
import ReviewRoomTesting
import Testing

@Suite("check-config and the command line")
struct CheckConfigCommandTests {
    private func configFile(_ text: String) throws -> URL {
        let url = try TemporaryDirectory.make(prefix: "conf").appendingPathComponent("reviewroom.conf")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func anEmptyFileSucceedsWithDefaults() async throws {
        let result = try await reviewroomd(["check-config", "--config", try configFile("").path])
        #expect(result.status == 0)
        #expect(result.stdout.contains("listen = \"127.0.0.1:8080\""))
        #expect(result.stdout.contains("max_message_bytes = 65536"))
    }

    @Test func theShippedExampleIsAllDefaults() async throws {
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Deploy/reviewroom.conf").standardizedFileURL
        let shipped = try await reviewroomd(["check-config", "--config", example.path])
        let empty = try await reviewroomd(["check-config", "--config", try configFile("").path])
        #expect(shipped.status == 0)
        #expect(shipped.stdout.split(separator: "\n").dropFirst() == empty.stdout.split(separator: "\n").dropFirst())
    }

    @Test func aFullValidFileIsPrintedBack() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let (cert, key) = try await TestCertificate.make(in: directory)
        let text = """
        listen = "0.0.0.0:9000"
        data_dir = "/srv/rr"
        public_url = "https://review.example.org"
        tls_cert = "\(cert.path)"
        tls_key = "\(key.path)"
        allowed_origins = ["https://school.example"]
        metrics_listen = "127.0.0.1:9100"
        durability = "power"
        log_level = "debug"
        max_message_bytes = 32768
        max_note_units = 500000
        messages_per_second = 20
        message_burst = 100
        outbox_limit_bytes = 2000000
        language_hints = false
        max_request_body_bytes = 2048
        web_root = "\(directory.path)"
        """
        let result = try await reviewroomd(["check-config", "--config", try configFile(text).path])
        #expect(result.status == 0, "\(result.stderr)")
        for line in text.split(separator: "\n") {
            #expect(result.stdout.contains(line), "missing \(line)")
        }
    }

    @Test func aBadFileNamesEveryKeyAndFails() async throws {
        let text = """
        listen = "nohost"
        durability = "maybe"
        max_message_bytes = -1
        messages_per_second = 0
        tls_cert = "/nonexistent/cert.pem"
        colour = "blue"
        log_level = 3
        """
        let result = try await reviewroomd(["check-config", "--config", try configFile(text).path])
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty, "nothing is printed as effective on failure")
        for needle in ["listen", "nohost", "durability", "maybe", "max_message_bytes", "messages_per_second",
                       "tls_key", "/nonexistent/cert.pem", "colour", "log_level"] {
            #expect(result.stderr.contains(needle), "stderr does not name \(needle): \(result.stderr)")
        }
    }

    /// TOMLKit, which read the file before the daemon's own parser, took it as a C string: before
    /// the fix everything after a NUL byte was ignored, so a bad value after one passed
    /// check-config (exit 0).
    @Test func aNulByteIsRefusedNotTheRestOfTheFileIgnored() async throws {
        let text = "listen = \"127.0.0.1:0\"\n\u{0}durability = \"bogus\"\n"
        let result = try await reviewroomd(["check-config", "--config", try configFile(text).path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("line 2, column 1: a control character (U+0000)"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    /// Found by `make fuzz` (Tests/fuzz-corpus/config-file/crash-toml-*): toml++, which read the
    /// file until the daemon had its own parser, failed an assertion and aborted the daemon (exit
    /// 134, no message) on each of these lines; both commands name the line and exit 78.
    @Test(arguments: [("check-config", "[\u{16}s]", "line 2, column 2: a control character (U+0016)"),
                      ("serve", "[\u{16}s]", "line 2, column 2: a control character (U+0016)"),
                      ("check-config", "[!sv]", "line 2 (`[!sv]`), column 2: a [table] header must start with a key"),
                      ("serve", "[[ .x]]", "line 2 (`[[ .x]]`), column 4: a [table] header must start with a key"),
                      ("check-config", "[", "line 2 (`[`), column 2: a [table] header must start with a key"),
                      ("serve", "x = 1979-05-27Tp7:32:00Z", "line 2 (`x = 1979-05-27Tp7:32:00Z`), column 5: `1979-05-27Tp7:32:00Z` is not a valid date or time"),
                      ("check-config", "x = 1979-05-27 0", "line 2 (`x = 1979-05-27 0`), column 5: `1979-05-27 0` is not a valid date or time"),
                      ("serve", "listen = 098989-05-27IIKIIrliA,en", "line 2 (`listen = 098989-05-27IIKIIrliA,en`), column 10: `098989-05-27IIKIIrliA` is not a value"),
                      ("check-config", "allowed_origins = [\"a\", }", "line 2 (`allowed_origins = [\"a\", }`), column 25: `}` cannot start a value")])
    func aLineTomlPlusPlusCannotReadIsAProblemNotAnAbort(command: String, line: String, expected: String) async throws {
        let text = "log_level = \"info\"\n\(line)\nlisten = \"127.0.0.1:0\"\n"
        let result = try await reviewroomd([command, "--config", try configFile(text).path])
        #expect(result.status == 78, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    /// Found by `make fuzz` (crash-toml-header-in-statement-read-alone): a `[` inside a multi-line
    /// string that a later fault's recovery once read alone, as a header, where toml++ aborted.
    @Test func aBracketInsideAMultiLineStringIsNoHeader() async throws {
        let text = "0._s= \'\'\'\'\' \"\",\n   w = [\n  rability = \"pnower\"\n [\n (\"\'\'\'\'\'\",\n \'\'\'"
        let result = try await reviewroomd(["check-config", "--config", try configFile(text).path])
        #expect(result.status == 78, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("line 5 (`(\"\'\'\'\'\'\",`), column 9: unexpected `\"` after the value"), "\(result.stderr)")
        #expect(!result.stderr.contains("line 4"), "\(result.stderr)")
    }

    /// The same header first in a file that starts with a byte order mark, which TOML skips.
    @Test func aHeaderAfterAByteOrderMarkIsAProblemNotAnAbort() async throws {
        let result = try await reviewroomd(["check-config", "--config", try configFile("\u{FEFF}[[\t[x]]\n").path])
        #expect(result.status == 78, "\(result.status): \(result.stderr)")
        #expect(result.stderr.contains("a [table] header must start with a key"), "\(result.stderr)")
    }

    /// serve creates only the last directory of data_dir; check-config says so before the
    /// service fails with 73. An existing parent (serve creates the rest) is fine.
    @Test func aDataDirectoryWhoseParentIsMissingIsRefused() async throws {
        let root = try TemporaryDirectory.make(prefix: "dd")
        let typo = root.appendingPathComponent("srv/reviewroom").path
        let result = try await reviewroomd(["check-config", "--config", try configFile("data_dir = \"\(typo)\"\n").path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("data_dir") && result.stderr.contains("neither does its parent \(root.path)/srv"), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        let fresh = root.appendingPathComponent("reviewroom").path
        let fine = try await reviewroomd(["check-config", "--config", try configFile("data_dir = \"\(fresh)\"\n").path])
        #expect(fine.status == 0, "\(fine.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fresh), "check-config creates nothing")
    }

    /// A name over 255 bytes passed check-config, then serve's mkdir failed with "File name
    /// too long" (exit 73; a configuration audit).
    @Test func aDataDirectoryNameTooLongForAnyFileSystemIsRefused() async throws {
        let root = try TemporaryDirectory.make(prefix: "dd-long")
        let long = root.appendingPathComponent(String(repeating: "d", count: 256)).path
        let result = try await reviewroomd(["check-config", "--config", try configFile("data_dir = \"\(long)\"\n").path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("a name of 256 bytes; a directory name takes at most 255"), "\(result.stderr)")
        let fine = try await reviewroomd(["check-config", "--config",
                                          try configFile("data_dir = \"\(root.appendingPathComponent(String(repeating: "d", count: 255)).path)\"\n").path])
        #expect(fine.status == 0, "\(fine.stderr)")
    }

    /// Unset, web_root shows as the folder serve would use (here the build's resource bundle).
    @Test func anUnsetWebRootIsShownAsTheFolderFound() async throws {
        let result = try await reviewroomd(["check-config", "--config", try configFile("").path])
        #expect(result.status == 0)
        let bundle = try BuildProducts.executable(named: "reviewroomd").deletingLastPathComponent()
            .appendingPathComponent("ReviewRoom_ReviewRoomServer.resources/Web").path
        #expect(result.stdout.contains("web_root = \"\(bundle)\" # not set"), "\(result.stdout)")
        #expect(!result.stdout.contains("web_root is not set"))
        #expect(!result.stderr.contains("no web client files found"), "\(result.stderr)")
    }

    /// A binary installed without its web client would serve 404 for every invite link: check-config
    /// says so (a warning: exit 0). It said nothing. Skipped where a web client is installed system-wide.
    @Test func aMissingWebClientIsWarnedOf() async throws {
        let systemWide = ["/usr/share/reviewroom/web", "/usr/local/share/reviewroom/web"]
        guard !systemWide.contains(where: { FileManager.default.fileExists(atPath: $0) }) else { return }
        let alone = try TemporaryDirectory.make(prefix: "binary-alone")
        let copy = alone.appendingPathComponent("bin/reviewroomd")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: try BuildProducts.executable(named: "reviewroomd"), to: copy)
        let result = try await ChildProcess.run([copy.path, "check-config", "--config", try configFile("").path],
                                                environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") })
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: no web client files found"), "\(result.stderr)")
        #expect(result.stderr.contains("every page and invite link will answer 404; set web_root"), "\(result.stderr)")
        #expect(result.stdout.contains("# web_root is not set"), "\(result.stdout)")
        let configured = try await ChildProcess.run(
            [copy.path, "check-config", "--config", try configFile("web_root = \"\(alone.path)\"\n").path],
            environment: ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REVIEWROOM_") })
        #expect(!configured.stderr.contains("no web client files found"), "a set web_root is not searched around: \(configured.stderr)")
        // But a set web_root without the client's pages is said to be the wrong folder: it
        // served 404 for every link, and a private key kept in it to anyone.
        #expect(configured.status == 0, "\(configured.stderr)")
        #expect(configured.stderr.contains("warning: web_root is \(alone.path), which holds no join.html or console.html"),
                "\(configured.stderr)")
        let client = try await reviewroomd(["check-config", "--config", try configFile("web_root = \"\(try Self.webClient())\"\n").path])
        #expect(client.status == 0 && !client.stderr.contains("warning: web_root"), "\(client.stderr)")
    }

    /// The build's web client folder (the resource bundle beside the binary).
    private static func webClient() throws -> String {
        try BuildProducts.executable(named: "reviewroomd").deletingLastPathComponent()
            .appendingPathComponent("ReviewRoom_ReviewRoomServer.resources/Web").path
    }

    @Test func anUnknownKeyNamesTheInstalledExample() async throws {
        let result = try await reviewroomd(["check-config", "--config", try configFile("colour = 1\n").path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("/usr/local/share/reviewroom/reviewroom.conf.example"), "\(result.stderr)")
    }

    @Test func syntaxErrorsNameTheLine() async throws {
        let result = try await reviewroomd(["check-config", "--config", try configFile("listen = \n").path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("line 1"))
    }

    /// A missing closing quote: TOML says "unescaped control characters"; the problem names the
    /// key, quotes the line and shows the form a line takes.
    @Test func syntaxErrorsNameTheKeyAndQuoteTheLine() async throws {
        let text = "durability = \"power\"\n  public_url = \"https://review.example.org\n"
        let result = try await reviewroomd(["check-config", "--config", try configFile(text).path])
        #expect(result.status == 78)
        #expect(result.stderr.contains(#"public_url: line 2 (`public_url = "https://review.example.org`)"#), "\(result.stderr)")
        #expect(result.stderr.contains(#"key = value, strings in double quotes"#), "\(result.stderr)")
        #expect(result.stdout.isEmpty, "nothing is printed as the effective configuration")
    }

    /// A directory, or a file this user may not read, is named as such (not "permissions?").
    @Test func aDirectoryOrAnUnreadableFileSaysWhich() async throws {
        let directory = try TemporaryDirectory.make(prefix: "conf-dir")
        let asDirectory = try await reviewroomd(["check-config", "--config", directory.path])
        #expect(asDirectory.status == 78)
        #expect(asDirectory.stderr.contains("is a directory, not a configuration file"), "\(asDirectory.stderr)")
        let empty = try await reviewroomd(["check-config", "--config", "/dev/null"])
        #expect(empty.status == 0, "/dev/null reads as an empty file: \(empty.stderr)")
        // A file without end is read to a limit, not until memory runs out.
        let endless = try await reviewroomd(["check-config", "--config", "/dev/zero"])
        #expect(endless.status == 78)
        #expect(endless.stderr.contains("/dev/zero: the configuration file is over 1024 KiB"), "\(endless.stderr)")
        let unnamed = try await reviewroomd(["check-config", "--config", ""])
        #expect(unnamed.status == 78)
        #expect(unnamed.stderr.contains("--config: the path is empty"), "\(unnamed.stderr)")
    }

    @Test func aMissingExplicitFileIsAnError() async throws {
        let result = try await reviewroomd(["check-config", "--config", "/nonexistent/reviewroom.conf"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/reviewroom.conf"))
    }

    @Test func environmentVariablesApplyAndAreChecked() async throws {
        let file = try configFile("listen = \"127.0.0.1:1\"\n").path
        let good = try await reviewroomd(["check-config", "--config", file],
                                         environment: ["REVIEWROOM_LISTEN": "127.0.0.1:2", "REVIEWROOM_ALLOWED_ORIGINS": "https://a.example,https://b.example"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("listen = \"127.0.0.1:2\""))
        #expect(good.stdout.contains("allowed_origins = [\"https://a.example\", \"https://b.example\"]"))
        let bad = try await reviewroomd(["check-config", "--config", file],
                                        environment: ["REVIEWROOM_LANGUAGE_HINTS": "yes", "REVIEWROOM_LISTN": "x"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("REVIEWROOM_LANGUAGE_HINTS") && bad.stderr.contains("REVIEWROOM_LISTN"))
    }

    /// A `REVIEWROOM_*` variable that names no key is the wrapper's or the test harness's own
    /// (one set `REVIEWROOM_BIN` for itself): it is ignored with a warning, not a refusal that
    /// stopped every command, and a misspelt key is still named with the key it was meant to be.
    @Test func unknownVariablesAreIgnoredWithAWarningNamingTheLikelyKey() async throws {
        let file = try configFile("").path
        let check = try await reviewroomd(["check-config", "--config", file],
                                          environment: ["REVIEWROOM_LISTN": "127.0.0.1:9", "REVIEWROOM_BIN": "/usr/bin/x"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("listen = \"127.0.0.1:8080\""), "the misspelt variable must not apply: \(check.stdout)")
        #expect(check.stderr.contains("warning: REVIEWROOM_LISTN is not a configuration variable and is ignored (did you mean REVIEWROOM_LISTEN?)"),
                "\(check.stderr)")
        #expect(check.stderr.contains("warning: REVIEWROOM_BIN is not a configuration variable and is ignored (known:"), "\(check.stderr)")
        let directory = try TemporaryDirectory.make(prefix: "unknown-variable")
        let tool = try await reviewroomd(["facilitator", "add", "Ann", "--data-dir", directory.path, "--json"],
                                         environment: ["REVIEWROOM_BIN": "/usr/bin/x"])
        #expect(tool.status == 0, "\(tool.stderr)")
        #expect(tool.stdout.hasPrefix("{") && tool.stderr.contains("REVIEWROOM_BIN"), "stdout \(tool.stdout), stderr \(tool.stderr)")
    }

    /// `serve --help` says where settings come from, in which order, and each flag's key and default.
    @Test func serveHelpNamesTheKeysDefaultsAndOrder() async throws {
        let help = try await reviewroomd(["serve", "--help"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in ["then these flags, then REVIEWROOM_<KEY> environment variables, which win",
                         "key `listen` (default 127.0.0.1:8080)", "key `data_dir` (default /var/lib/reviewroom",
                         "key `public_url`"] {
            #expect(text.contains(expected), "missing \(expected) in \(text)")
        }
        let check = try await reviewroomd(["check-config", "--help"])
        #expect(check.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ").contains("78 lists every problem"))
    }

    @Test func versionAndSubcommands() async throws {
        let version = try await reviewroomd(["--version"])
        #expect(version.status == 0 && version.stdout.hasPrefix("reviewroomd "))
        // facilitator and backup belong to the store; here only that they exist.
        for command in ["serve", "check-config", "facilitator", "export", "backup"] {
            let help = try await reviewroomd([command, "--help"])
            #expect(help.status == 0, "\(command) --help failed: \(help.stderr)")
            #expect(help.stdout.contains(command))
        }
        let empty = try TemporaryDirectory.make(prefix: "d")
        let export = try await reviewroomd(["export", "s1", "--data-dir", empty.path])
        #expect(export.status == 1)
        // An empty directory has no database: export says so (ExportCommandTests covers real exports).
        #expect(export.stderr.contains("no ReviewRoom database"))
        // And changes nothing there: a tools' lock file was left behind (an audit, session 50).
        let backup = try await reviewroomd(["backup", empty.appendingPathComponent("copy.sqlite3").path + "-elsewhere", "--data-dir", empty.path])
        #expect(backup.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: empty.path).isEmpty)
        let unknown = try await reviewroomd(["frobnicate"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("frobnicate"))
    }

    @Test func dataDirectoryOptionRefusesBothAndChecksTheConfiguration() async throws {
        let both = try await reviewroomd(["export", "s1", "--config", "/x.conf", "--data-dir", "/tmp"])
        #expect(both.status == 64)
        #expect(both.stderr.contains("not both"))
        let badFile = try await reviewroomd(["export", "s1", "--config", try configFile("colour = 1\n").path])
        #expect(badFile.status == 78)
        #expect(badFile.stderr.contains("colour"))
        let badFormat = try await reviewroomd(["export", "s1", "--format", "pdf", "--data-dir", "/tmp"])
        #expect(badFormat.status == 64)
        #expect(badFormat.stderr.contains("pdf"))
    }

    @Test func serveRefusesADataDirectoryWhoseParentIsMissingAndCreatesNothing() async throws {
        let root = try TemporaryDirectory.make(prefix: "d")
        let typo = root.appendingPathComponent("typo/deep/data").path
        let result = try await reviewroomd(["serve", "--listen", "127.0.0.1:0", "--data-dir", typo])
        #expect(result.status == 73)
        #expect(result.stderr.contains("typo/deep") && result.stderr.contains("parent"))
        #expect(!result.stdout.contains("Listening on"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
        // Its parent existing, the data directory itself is made, owner-only.
        let fresh = root.appendingPathComponent("data").path
        let daemon = try await DaemonProcess.start(arguments: ["--data-dir", fresh])
        defer { daemon.terminate() }
        _ = try await daemon.port()
        let mode = try FileManager.default.attributesOfItem(atPath: fresh)[.posixPermissions] as? Int
        #expect(mode == 0o700)
    }

    @Test func tlsFilesServeCannotLoadAreConfigurationErrorsForCheckConfigAndServe() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls")
        let first = try await TestCertificate.make(in: directory, prefix: "a-")
        let second = try await TestCertificate.make(in: directory, prefix: "b-")
        let mismatched = ["REVIEWROOM_TLS_CERT": first.cert.path, "REVIEWROOM_TLS_KEY": second.key.path]
        let check = try await reviewroomd(["check-config", "--config", try configFile("").path], environment: mismatched)
        #expect(check.status == 78, "\(check.stdout)")
        #expect(check.stderr.contains("REVIEWROOM_TLS_KEY: tls_key:") && check.stderr.contains("does not match"), "\(check.stderr)")
        let serve = try await reviewroomd(["serve", "--listen", "127.0.0.1:0", "--data-dir", directory.appendingPathComponent("d").path],
                                          environment: mismatched)
        #expect(serve.status == 78, "EX_CONFIG, not 69: \(serve.stderr)")
        #expect(serve.stderr.contains("tls_key") && !serve.stdout.contains("Listening on"))
        let directoryKey = try await reviewroomd(["check-config", "--config", try configFile("").path],
                                                 environment: ["REVIEWROOM_TLS_CERT": first.cert.path, "REVIEWROOM_TLS_KEY": directory.path])
        #expect(directoryKey.status == 78)
        #expect(directoryKey.stderr.contains("tls_key") && directoryKey.stderr.contains("is a directory"), "\(directoryKey.stderr)")
    }

    /// A certificate that has expired, or soon will, breaks every browser's connection with
    /// nothing in the journal: check-config warns (exit 0) when fewer than 14 days are left.
    @Test func aCertificateNearItsEndIsWarnedOf() async throws {
        let directory = try TemporaryDirectory.make(prefix: "tls-expiry")
        let soon = try await TestCertificate.make(in: directory, prefix: "soon-", days: 5)
        let check = try await reviewroomd(["check-config", "--config", try configFile("").path],
                                          environment: ["REVIEWROOM_TLS_CERT": soon.cert.path, "REVIEWROOM_TLS_KEY": soon.key.path])
        #expect(check.status == 0, "\(check.stderr)")
        // 5 days from openssl's second, read a moment later: 4 or 5 whole days left.
        #expect(["4", "5"].contains { check.stderr.contains("warning: tls_cert \(soon.cert.path) expires in \($0) days:") }, "\(check.stderr)")
        let later = try await TestCertificate.make(in: directory, prefix: "later-", days: 30)
        let fine = try await reviewroomd(["check-config", "--config", try configFile("").path],
                                         environment: ["REVIEWROOM_TLS_CERT": later.cert.path, "REVIEWROOM_TLS_KEY": later.key.path])
        #expect(fine.status == 0 && !fine.stderr.contains("tls_cert"), "\(fine.stderr)")
    }

    @Test func aWebRootThatIsAFileIsAConfigurationError() async throws {
        let page = try configFile("")
        let check = try await reviewroomd(["check-config", "--config", try configFile("web_root = \"\(page.path)\"\n").path])
        #expect(check.status == 78)
        #expect(check.stderr.contains("web_root") && check.stderr.contains("is a file, not the folder"), "\(check.stderr)")
        let serve = try await reviewroomd(["serve", "--listen", "127.0.0.1:0", "--data-dir", try TemporaryDirectory.make(prefix: "d").path],
                                          environment: ["REVIEWROOM_WEB_ROOT": page.path])
        #expect(serve.status == 78, "\(serve.stderr)")
        #expect(serve.stderr.contains("REVIEWROOM_WEB_ROOT") && !serve.stdout.contains("Listening on"))
    }

    @Test func aWildcardListenWithoutPublicURLIsAWarningNotAnError() async throws {
        let file = try configFile("").path
        for listen in ["0.0.0.0:8080", "[::]:8080"] {
            let result = try await reviewroomd(["check-config", "--config", file], environment: ["REVIEWROOM_LISTEN": listen])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("listen = \"\(listen)\""))
            let warnings = result.stderr.split(separator: "\n").filter { $0.hasPrefix("reviewroomd: warning:") }
            #expect(warnings.count == 1, "\(listen): \(result.stderr)")
            #expect(warnings.first?.contains("public_url") == true && warnings.first?.contains(listen) == true, "\(result.stderr)")
        }
        for environment in [["REVIEWROOM_LISTEN": "0.0.0.0:8080", "REVIEWROOM_PUBLIC_URL": "http://review.lan:8080"],
                            ["REVIEWROOM_LISTEN": "127.0.0.1:8080"]] {
            let quiet = try await reviewroomd(["check-config", "--config", file], environment: environment)
            #expect(quiet.status == 0)
            #expect(!quiet.stderr.contains("warning"), "\(environment): \(quiet.stderr)")
        }
    }

    @Test func aPublicURLWithAQueryOrFragmentIsRefused() async throws {
        // Links are the URL plus a path: "https://x/?a=1" would give "https://x/?a=1/join#…".
        for url in ["https://review.example.org/?school=1", "https://review.example.org/#top"] {
            let result = try await reviewroomd(["check-config", "--config", try configFile("public_url = \"\(url)\"\n").path])
            #expect(result.status == 78, "\(url): \(result.stdout)")
            #expect(result.stderr.contains("public_url") && result.stderr.contains(url), "\(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func serveRefusesABadConfigurationBeforeListening() async throws {
        let result = try await reviewroomd(["serve", "--listen", "nohost", "--data-dir", try TemporaryDirectory.make(prefix: "d").path])
        #expect(result.status == 78)
        #expect(result.stderr.contains("--listen") && result.stderr.contains("nohost"))
        #expect(!result.stdout.contains("Listening on"))
    }
}
