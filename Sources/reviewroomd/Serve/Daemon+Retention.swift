import Logging
import ReviewRoomServer
import ReviewRoomStore

extension Daemon {
    /// With `retention_days` set: sweeps once now, before the daemon listens (a daemon started
    /// after months away never serves a session that is past its time), and returns the service
    /// that sweeps every hour after. Nil when sessions are kept.
    static func retentionService(configuration: DaemonConfiguration, store: Store,
                                 registry: SessionRegistry) async -> RetentionService? {
        guard let retention = configuration.retention else { return nil }
        let logger = Logger(label: "reviewroomd.retention")
        let clock = SystemSessionClock()
        let service = RetentionService(sweep: RetentionSweep(retention: retention, store: store, registry: registry, logger: logger),
                                       clock: clock, sweepsAtOnce: false, logger: logger)
        logger.info("sessions are erased after retention_days", metadata: ["retention_days": "\(retention.days)"])
        await service.sweep(at: clock.now())
        return service
    }
}
