import ServiceLifecycle

extension ShutdownDeadline: Service {
    /// Arms the deadline as soon as graceful shutdown begins (or the group is cancelled), then
    /// returns. Listed last in the service group, so it is the first service shut down.
    public func run() async throws {
        try? await gracefulShutdown()
        arm()
    }
}
