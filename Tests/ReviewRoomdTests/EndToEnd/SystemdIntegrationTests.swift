import Foundation
import LockedValue
import ReviewRoomTesting
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Daemon under systemd: notify, watchdog, socket activation")
struct SystemdIntegrationTests {
    @Test(arguments: [false, true])
    func notifiesReadyStatusAndStopping(abstract: Bool) async throws {
        let listener = try NotifySocketListener(abstract: abstract)
        let daemon = try await DaemonProcess.start(environment: ["NOTIFY_SOCKET": listener.notifySocket])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let ready = try await listener.messages.first(where: { $0.contains("READY=1") }, timeout: .seconds(15))
        #expect(ready.contains("STATUS="))
        #expect(ready.contains("connections"))
        #expect(!ready.contains("metrics on"), "no metrics_listen, yet STATUS= names one: \(ready)")
        daemon.signal(SIGTERM)
        _ = try await listener.messages.first(where: { $0.contains("STOPPING=1") }, timeout: .seconds(10))
        #expect(try await daemon.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func statusNamesTheMetricsListenerAddress() async throws {
        let listener = try NotifySocketListener()
        let daemon = try await DaemonProcess.start(environment: ["NOTIFY_SOCKET": listener.notifySocket,
                                                           "REVIEWROOM_METRICS_LISTEN": "127.0.0.1:0"])
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let metricsPort = try await daemon.metricsPort()
        let ready = try await listener.messages.first(where: { $0.contains("READY=1") }, timeout: .seconds(15))
        let status = try #require(ready.split(separator: "\n").first { $0.hasPrefix("STATUS=") })
        #expect(status.hasPrefix("STATUS=serving on port \(port) (metrics on 127.0.0.1:\(metricsPort)); "), "\(status)")
        #expect(status.hasSuffix("live sessions"), "\(status)")
    }

    @Test func sendsWatchdogKeepAlives() async throws {
        let listener = try NotifySocketListener()
        // WATCHDOG_PID is the daemon's own, unknown before start: leave it unset (allowed).
        let daemon = try await DaemonProcess.start(environment: ["NOTIFY_SOCKET": listener.notifySocket, "WATCHDOG_USEC": "200000"])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        let keepAlive = try await listener.messages.first(where: { $0.contains("WATCHDOG=1") }, timeout: .seconds(15))
        #expect(keepAlive.contains("STATUS="))
        // Keep-alives keep coming: wait for the third one.
        let seen = Locked(0)
        let third = try await listener.messages.first(where: { message in
            guard message.contains("WATCHDOG=1") else { return false }
            return seen.withLock { count in count += 1; return count >= 3 }
        }, timeout: .seconds(15))
        #expect(third.contains("WATCHDOG=1"))
    }

    @Test func noWatchdogWithoutWatchdogUsec() async throws {
        let listener = try NotifySocketListener()
        let daemon = try await DaemonProcess.start(environment: ["NOTIFY_SOCKET": listener.notifySocket])
        defer { daemon.terminate() }
        _ = try await daemon.listeningURL()
        _ = try await listener.messages.first(where: { $0.contains("READY=1") }, timeout: .seconds(15))
        daemon.signal(SIGTERM)
        _ = try await listener.messages.first(where: { $0.contains("STOPPING=1") }, timeout: .seconds(10))
        #expect(!listener.messages.entries.contains { $0.contains("WATCHDOG=1") })
    }

    @Test func servesOnASocketHandedOverBySystemd() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/systemd-socket-activate") else {
            print("skipped: systemd-socket-activate is not installed (apt-get install systemd)")
            return
        }
        let (daemon, port) = try await Self.socketActivatedDaemon()
        defer { daemon.terminate() }
        let response = try await CurlClient.request("GET", "http://127.0.0.1:\(port)/livez")
        #expect(response.status == 200)
        let url = try await daemon.listeningURL()
        #expect(url == "http://127.0.0.1:\(port)")
        let logLine = try await daemon.stderr.first(where: { $0.contains("socket_activated=") }, timeout: .seconds(10))
        #expect(logLine.contains("socket_activated=true"))
    }

    /// A daemon started by `systemd-socket-activate` on a picked port, once it listens there.
    /// The tool must be told the port, and a server of a test running in parallel may be given
    /// that port by `bind(0)` first: then the tool cannot bind it, and another port is tried.
    private static func socketActivatedDaemon(attempts: Int = 3) async throws -> (DaemonProcess, Int) {
        var attempt = 1
        while true {
            let port = try FreePort.pick()
            let daemon = try await DaemonProcess.start(
                launcher: ["/usr/bin/systemd-socket-activate", "-l", "127.0.0.1:\(port)"], defaultListen: false)
            // systemd-socket-activate listens at once and starts the daemon on the first connection.
            let line = try await daemon.stderr.first(
                where: { $0.contains("Listening on") || $0.contains("Address already in use") }, timeout: .seconds(15))
            if line.contains("Listening on") || attempt == attempts { return (daemon, port) }
            daemon.terminate()
            attempt += 1
        }
    }
}

/// `systemctl status` is where README sends someone asking "is it healthy?": its STATUS= line
/// said "serving on port …" all through a full disk. While commits fail it says so first. A real
/// full disk (a tmpfs filled up once the daemon runs); skipped without the right to mount one.
@Suite("Daemon under systemd: STATUS= while the store fails")
struct SystemdStatusStoreFailureTests {
    @Test(.timeLimit(.minutes(1)))
    func statusSaysTheStoreIsFailing() async throws {
        let root = try TemporaryDirectory.make(prefix: "status-store")
        defer { try? FileManager.default.removeItem(at: root) }
        guard let mount = TmpfsMount.mount(in: root.path, sizeKiB: 4_096) else { return }
        defer { mount.unmount() }
        let listener = try NotifySocketListener()
        let daemon = try await DaemonProcess.start(arguments: ["--demo"],
                                                   environment: ["NOTIFY_SOCKET": listener.notifySocket, "WATCHDOG_USEC": "400000"],
                                                   dataDirectory: URL(fileURLWithPath: mount.path + "/data"))
        defer { daemon.terminate() }
        let port = try await daemon.port()
        let link = try await daemon.stdout.first(where: { $0.contains("Reviewer Asha link:") }, timeout: .seconds(30))
        let token = try #require(link.split(separator: "#").last.map(String.init))
        _ = try await listener.messages.first(where: { $0.contains("READY=1") }, timeout: .seconds(15))
        _ = try mount.fillUp()
        // Joining writes attendance: it cannot be stored.
        let client = try await ProtocolClient.connect(port: port)
        defer { client.disconnect() }
        #expect(try await client.hello(token: token).type == "welcome")
        let failing = try await listener.messages.first(where: { $0.contains("STATUS=STORE COMMITS FAILING (diskFull)") },
                                                        timeout: .seconds(20))
        #expect(failing.contains("nothing is saved; serving on port \(port)"), "\(failing)")
    }
}
