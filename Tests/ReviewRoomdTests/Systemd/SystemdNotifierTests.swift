import ReviewRoomServer
import ReviewRoomTesting
import Testing

@Suite("systemd notify and environment")
struct SystemdNotifierTests {
    @Test(arguments: [false, true])
    func sendsDatagramsToPathAndAbstractSockets(abstract: Bool) async throws {
        let listener = try NotifySocketListener(abstract: abstract)
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": listener.notifySocket]))
        try notifier.send("READY=1\nSTATUS=testing")
        let message = try await listener.messages.first(where: { _ in true }, timeout: .seconds(10))
        #expect(message == "READY=1\nSTATUS=testing")
    }

    @Test func noOrBadNotifySocketMeansNoNotifier() {
        #expect(SystemdNotifier(environment: [:]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "relative/path"]) == nil)
        #expect(SystemdNotifier(environment: ["NOTIFY_SOCKET": "@"]) == nil)
    }

    @Test func sendingToAMissingSocketThrowsNamingIt() throws {
        let notifier = try #require(SystemdNotifier(environment: ["NOTIFY_SOCKET": "/nonexistent/notify.sock"]))
        #expect {
            try notifier.send("READY=1")
        } throws: { error in
            (error as? SystemdNotifyError)?.code == .send && "\(error)".contains("/nonexistent/notify.sock")
        }
    }

    @Test func socketActivationNeedsOurPid() {
        #expect(SystemdEnvironment.inheritedListener(environment: ["LISTEN_FDS": "1", "LISTEN_PID": "42"], pid: 42) == 3)
        #expect(SystemdEnvironment.inheritedListener(environment: ["LISTEN_FDS": "1", "LISTEN_PID": "43"], pid: 42) == nil)
        #expect(SystemdEnvironment.inheritedListener(environment: ["LISTEN_FDS": "0", "LISTEN_PID": "42"], pid: 42) == nil)
        #expect(SystemdEnvironment.inheritedListener(environment: ["LISTEN_FDS": "x"], pid: 42) == nil)
        #expect(SystemdEnvironment.inheritedListener(environment: [:], pid: 42) == nil)
    }

    @Test func socketsBeyondTheFirstAreNamedAsNeverAnswered() {
        let two = SystemdEnvironment.unservedListenersWarning(environment: ["LISTEN_FDS": "2", "LISTEN_PID": "42"], pid: 42)
        #expect(two?.contains("LISTEN_FDS=2") == true && two?.contains("the other 1 are never answered") == true)
        #expect(SystemdEnvironment.unservedListenersWarning(environment: ["LISTEN_FDS": "1", "LISTEN_PID": "42"], pid: 42) == nil)
        #expect(SystemdEnvironment.unservedListenersWarning(environment: ["LISTEN_FDS": "2", "LISTEN_PID": "43"], pid: 42) == nil)
        #expect(SystemdEnvironment.unservedListenersWarning(environment: [:], pid: 42) == nil)
    }

    @Test func watchdogIntervalIsHalfTheTimeout() {
        #expect(SystemdEnvironment.watchdogInterval(environment: ["WATCHDOG_USEC": "2000000"], pid: 7) == .seconds(1))
        #expect(SystemdEnvironment.watchdogInterval(environment: ["WATCHDOG_USEC": "2000000", "WATCHDOG_PID": "8"], pid: 7) == nil)
        #expect(SystemdEnvironment.watchdogInterval(environment: ["WATCHDOG_USEC": "0"], pid: 7) == nil)
        // A malformed value turns the watchdog off as systemd's own rule does, and is said (a
        // configuration audit, session 51: `abc`, `2000000 `, `0` and `-5` were silent).
        for bad in ["abc", "2000000 ", "0", "-5", "30s", ""] {
            #expect(SystemdEnvironment.watchdogProblem(environment: ["WATCHDOG_USEC": bad])?.hasPrefix("WATCHDOG_USEC=\(bad) is not") == true, "\(bad)")
        }
        #expect(SystemdEnvironment.watchdogProblem(environment: ["WATCHDOG_USEC": "2000000"]) == nil)
        #expect(SystemdEnvironment.watchdogProblem(environment: [:]) == nil)
        #expect(SystemdEnvironment.watchdogInterval(environment: ["WATCHDOG_USEC": "soon"], pid: 7) == nil)
    }
}
