import Logging
import ReviewRoomServer
import ReviewRoomStore

extension Daemon {
    /// Sessions the sweep before listening erases at most (a few ms each): retention turned on
    /// for a server with years of sessions must not hold its start past systemd's timeout.
    static let sessionsErasedBeforeListening = 100

    /// With `retention_days` set: sweeps once now, before the daemon listens (a daemon started
    /// after months away does not serve a session that is past its time), and returns the
    /// service that sweeps every hour after — at once, when more were due than that first sweep
    /// erases. Nil when sessions are kept.
    static func retentionService(configuration: DaemonConfiguration, store: Store,
                                 registry: SessionRegistry) async -> RetentionService? {
        guard let retention = configuration.retention else { return nil }
        let logger = Logger(label: "reviewroomd.retention")
        let clock = SystemSessionClock()
        let sweep = RetentionSweep(retention: retention, store: store, registry: registry, logger: logger)
        logger.info("sessions are erased after retention_days", metadata: ["retention_days": "\(retention.days)"])
        let moreDue = await RetentionService(sweep: sweep, clock: clock, logger: logger)
            .sweep(at: clock.now(), atMost: sessionsErasedBeforeListening)
        return RetentionService(sweep: sweep, clock: clock, sweepsAtOnce: moreDue, logger: logger)
    }
}
