import Foundation
import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("Deploy files")
struct DeployTests {
    private static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../..").standardizedFileURL

    /// The unit's comment promises 1.2 (systemd-analyze's "OK"); a weaker unit fails here.
    @Test func serviceUnitScoresAtMostOnePointTwo() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-analyze") else {
            print("skipped: systemd-analyze is not installed (apt-get install systemd)")
            return
        }
        let unit = Self.root.appendingPathComponent("Deploy/reviewroomd.service").path
        let result = try await ChildProcess.run(["systemd-analyze", "security", "--offline=true", unit])
        let line = try #require(result.stdout.split(separator: "\n").last { $0.contains("Overall exposure level") },
                                "no score in: \(result.stdout) \(result.stderr)")
        let score = try #require(line.split(separator: ":").last?.split(separator: " ").first.flatMap { Double($0) })
        #expect(score <= 1.2, "\(line)")
    }

    @Test func installIntoDestdirIsCompleteAndKeepsAnEditedConfig() async throws {
        let destination = try TemporaryDirectory.make(prefix: "destdir")
        let binDirectory = try BuildProducts.executable(named: "reviewroomd").deletingLastPathComponent().path
        let script = Self.root.appendingPathComponent("Deploy/install.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["DESTDIR"] = destination.path
        let first = try await ChildProcess.run([script, "--bin-dir", binDirectory], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        for path in ["usr/local/bin/reviewroomd", "usr/local/share/reviewroom/web/index.html",
                     "etc/systemd/system/reviewroomd.service", "etc/systemd/system/reviewroomd.socket",
                     "etc/reviewroom/reviewroom.conf"] {
            #expect(FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path), "\(path) missing")
        }
        let config = destination.appendingPathComponent("etc/reviewroom/reviewroom.conf")
        try Data("listen = \"127.0.0.1:9999\"\n".utf8).write(to: config)
        let second = try await ChildProcess.run([script, "--bin-dir", binDirectory], environment: environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try String(contentsOf: config, encoding: .utf8) == "listen = \"127.0.0.1:9999\"\n")

        // The installed binary finds the installed web client (<prefix>/share/reviewroom/web).
        let installed = try await DaemonProcess.start(executable: destination.appendingPathComponent("usr/local/bin/reviewroomd"))
        defer { installed.terminate() }
        let page = try await CurlClient.request("GET", try await installed.listeningURL() + "/")
        #expect(page.status == 200)
        #expect(page.headers["content-type"] == "text/html; charset=utf-8")
    }

    /// Under `sudo` (Debian's secure_path: no Swift toolchain) `--no-build` never calls swift,
    /// and a dry run says it installed nothing.
    @Test func dryRunWithNoBuildNeedsNoSwiftAndChangesNothing() async throws {
        let destination = try TemporaryDirectory.make(prefix: "dry")
        let environment = ["DESTDIR": destination.path, "HOME": "/root",
                           "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
        let script = Self.root.appendingPathComponent("Deploy/install.sh").path
        let result = try await ChildProcess.run(["/bin/bash", script, "--dry-run", "--no-build"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let binary = Self.root.appendingPathComponent(".build/release/reviewroomd").path
        // The binary is stripped of its debug info on the way in where binutils' strip exists.
        let installed = destination.appendingPathComponent("usr/local/bin/reviewroomd").path
        #expect(result.stdout.contains("+ install -m 0755 \(binary) \(installed)\n")
                    || result.stdout.contains("+ strip --strip-debug -o \(installed).new \(binary) && mv "), "\(result.stdout)")
        #expect(!result.stdout.contains("swift"), "\(result.stdout)")
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("dry run: nothing was installed"), "\(last)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    /// As root under sudo, building is refused with the commands to use instead; nothing is installed.
    @Test(.enabled(if: geteuid() == 0, "only root is refused"))
    func buildingAsRootUnderSudoIsRefused() async throws {
        let destination = try TemporaryDirectory.make(prefix: "root-build")
        let script = Self.root.appendingPathComponent("Deploy/install.sh").path
        let result = try await ChildProcess.run(["/bin/bash", script], environment: [
            "DESTDIR": destination.path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "SUDO_USER": "teacher"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not building as root") && result.stderr.contains("sudo Deploy/install.sh --no-build"),
                "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    /// In a plain root shell (a root login or a container: no `SUDO_USER`, root owns the checkout)
    /// building as root is the only option, so it builds, and says so.
    @Test(.enabled(if: geteuid() == 0, "only root can be a plain root shell"))
    func buildingInAPlainRootShellIsAllowed() async throws {
        let destination = try TemporaryDirectory.make(prefix: "root-shell")
        let script = Self.root.appendingPathComponent("Deploy/install.sh").path
        let result = try await ChildProcess.run(["/bin/bash", script, "--dry-run"], environment: [
            "DESTDIR": destination.path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("building as root") && result.stdout.contains("+ swift build -c release --product reviewroomd --static-swift-stdlib\n"),
                "\(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    /// `su` to root from someone's checkout (no `SUDO_USER`): root-owned files would land in their
    /// `.build`, so building is refused, naming the owner; nothing is installed.
    @Test(.enabled(if: geteuid() == 0, "only root can chown the checkout copy"))
    func buildingAsRootInSomeoneElsesCheckoutIsRefused() async throws {
        let checkout = try Self.checkoutCopy(prefix: "their-checkout")
        #expect(chown(checkout.path, 65534, 65534) == 0)
        let destination = try TemporaryDirectory.make(prefix: "their-dest")
        let result = try await ChildProcess.run(["/bin/bash", checkout.appendingPathComponent("Deploy/install.sh").path],
                                                environment: ["DESTDIR": destination.path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("belongs to uid 65534") && result.stderr.contains("--no-build"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: checkout.appendingPathComponent(".build").path))
    }

    /// Without a Swift toolchain on `PATH` the build stops before anything, saying how to fix it.
    @Test(.enabled(if: geteuid() == 0, "the root-shell path is the one that builds here"),
          .enabled(if: !["/usr/bin/swift", "/bin/swift", "/usr/sbin/swift", "/sbin/swift"].contains {
              FileManager.default.isExecutableFile(atPath: $0) }, "Swift is on the minimal PATH here"))
    func buildingWithoutSwiftOnThePathSaysSo() async throws {
        let checkout = try Self.checkoutCopy(prefix: "no-swift")
        let destination = try TemporaryDirectory.make(prefix: "no-swift-dest")
        let result = try await ChildProcess.run(["/bin/bash", checkout.appendingPathComponent("Deploy/install.sh").path],
                                                environment: ["DESTDIR": destination.path, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("swift is not on PATH") && result.stderr.contains("--bin-dir"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path).isEmpty)
    }

    /// A directory holding only `Deploy/install.sh`: the script's idea of the checkout.
    private static func checkoutCopy(prefix: String) throws -> URL {
        let checkout = try TemporaryDirectory.make(prefix: prefix)
        let deploy = checkout.appendingPathComponent("Deploy")
        try FileManager.default.createDirectory(at: deploy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: root.appendingPathComponent("Deploy/install.sh"),
                                         to: deploy.appendingPathComponent("install.sh"))
        return checkout
    }

    /// A usage or configuration error fails the same way on every try, so systemd must not
    /// restart it in a loop; a store that cannot open (73) may be a disk not mounted yet.
    @Test func theUnitDoesNotRestartOnUsageOrConfigurationErrors() throws {
        let unit = try String(contentsOf: Self.root.appendingPathComponent("Deploy/reviewroomd.service"), encoding: .utf8)
        let line = try #require(unit.split(separator: "\n").first { $0.hasPrefix("RestartPreventExitStatus=") })
        let statuses = Set(line.dropFirst("RestartPreventExitStatus=".count).split(separator: " ").map(String.init))
        #expect(statuses == ["64", "78"])
        #expect(unit.contains("\nRestart=on-failure\n"))
    }

    /// systemd makes (and for `RuntimeDirectory=`, empties on every restart) each directory a unit
    /// declares; the daemon uses only its state directory (`$STATE_DIRECTORY`, the default
    /// `data_dir`) and `/etc/reviewroom`, where `ExecStart=` names its configuration.
    @Test func theUnitDeclaresOnlyTheDirectoriesTheDaemonUses() throws {
        let unit = try String(contentsOf: Self.root.appendingPathComponent("Deploy/reviewroomd.service"), encoding: .utf8)
        let kinds = ["RuntimeDirectory", "StateDirectory", "CacheDirectory", "LogsDirectory", "ConfigurationDirectory"]
        let declared = unit.split(separator: "\n").map(String.init).filter { line in
            kinds.contains { line.hasPrefix("\($0)=") }
        }
        #expect(declared == ["StateDirectory=reviewroom", "ConfigurationDirectory=reviewroom"])
        #expect(unit.contains("--config /etc/reviewroom/reviewroom.conf"))
    }

    @Test func shippedConfigDocumentsEveryKey() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Deploy/reviewroom.conf"), encoding: .utf8)
        for key in ConfigurationKey.all {
            #expect(text.contains("#\(key.name) = "), "\(key.name) is not documented")
        }
    }

    /// Every whole-number key's comment gives its largest value ("at most N", or "1 to N"), and
    /// it is the one the daemon takes: N is accepted and N + 1 refused.
    @Test func shippedConfigGivesEachNumbersLargestValue() throws {
        let text = try String(contentsOf: Self.root.appendingPathComponent("Deploy/reviewroom.conf"), encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        for key in ConfigurationKey.all where key.kind == .integer {
            let at = try #require(lines.firstIndex { $0.hasPrefix("#\(key.name) = ") }, "\(key.name) is not documented")
            // The comment above the key, through the keys documented with it in one block.
            let block = lines[..<at].reversed().prefix { !$0.isEmpty }.reversed()
                .map { $0.hasPrefix("# ") ? String($0.dropFirst(2)) : $0 }.joined(separator: " ")
            let stated = block.firstMatch(of: /(?:at most|\b1 to) (\d+)/).flatMap { Int($0.1) }
            let largest = try #require(stated, "\(key.name)'s comment gives no largest value: \(block)")
            let accepted = ConfigurationLoader(file: nil, environment: [key.environmentName: String(largest)]).load()
            // Only its own value is judged: another key's rule it meets (a burst below the rate) is not this one's.
            if case .failure(let refusal) = accepted {
                #expect(!refusal.problems.contains { $0.key == key.name && $0.code != .inconsistent },
                        "\(key.name) = \(largest) is refused: \(refusal.problems)")
            }
            guard case .failure(let refusal) = ConfigurationLoader(file: nil, environment: [key.environmentName: String(largest + 1)]).load() else {
                Issue.record("\(key.name) = \(largest + 1) is accepted: the comment's largest value is wrong")
                continue
            }
            #expect(refusal.problems.map(\.key) == [key.name])
        }
    }
}
