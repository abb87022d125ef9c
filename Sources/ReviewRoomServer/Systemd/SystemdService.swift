import Logging
import ServiceLifecycle

/// Talks to systemd while the daemon runs: `READY=1` at start, `STATUS=` and (with
/// `WATCHDOG_USEC`) `WATCHDOG=1` on every tick while every part of the ``WatchdogProbe`` answers, and
/// `STOPPING=1` at graceful shutdown. Does nothing but wait when `NOTIFY_SOCKET` is unset.
public struct SystemdService: Service {
    private let notifier: SystemdNotifier?
    private let watchdogInterval: Duration?
    private let statusInterval: Duration
    private let probe: WatchdogProbe
    private let status: @Sendable () -> String
    private let logger: Logger

    /// Creates the service; `status` produces the `STATUS=` text (connections, sessions).
    public init(notifier: SystemdNotifier?, watchdogInterval: Duration?, statusInterval: Duration = .seconds(30),
                probe: WatchdogProbe, status: @escaping @Sendable () -> String, logger: Logger) {
        self.notifier = notifier; self.watchdogInterval = watchdogInterval; self.statusInterval = statusInterval
        self.probe = probe; self.status = status; self.logger = logger
    }

    /// Sends `READY=1`, ticks until graceful shutdown, then sends `STOPPING=1`.
    public func run() async throws {
        guard let notifier else {
            try? await gracefulShutdown()
            return
        }
        notify(notifier, "READY=1\nSTATUS=\(status())")
        let interval = watchdogInterval ?? statusInterval
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do { try await Task.sleep(for: interval) } catch { return }
                guard let watchdogInterval else {
                    notify(notifier, "STATUS=\(status())")
                    continue
                }
                // No WATCHDOG=1 while any part is stuck: systemd then restarts us.
                let seconds = Double(watchdogInterval.components.seconds) + Double(watchdogInterval.components.attoseconds) / 1e18
                let silent = await probe.silentParts(timeoutSeconds: max(0.05, seconds / 4))
                if silent.isEmpty {
                    notify(notifier, "WATCHDOG=1\nSTATUS=\(status())")
                } else {
                    logger.error("watchdog: no answer from \(silent.joined(separator: ", ")); withholding WATCHDOG=1")
                }
            }
        }
        notify(notifier, "STOPPING=1\nSTATUS=shutting down")
    }

    private func notify(_ notifier: SystemdNotifier, _ state: String) {
        do {
            try notifier.send(state)
        } catch {
            logger.warning("systemd notify failed: \(error)")
        }
    }
}
