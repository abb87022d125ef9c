import Foundation

/// The daemon's metrics, shared by the WebSocket side (connections, commands, commits, outbox)
/// and served by `GET /metrics` as Prometheus text (see ``exposition()``).
///
/// One instance per daemon, created at start-up and passed to whoever records. Every member is
/// thread-safe. No metric carries a per-session or per-user label: series stay few, and the
/// page leaks nothing about who is reviewing what.
public final class Metrics: Sendable {
    /// Open WebSocket connections (`reviewroom_connections`).
    public let connections = MetricGauge()
    /// Sessions with a running session actor (`reviewroom_sessions_live`).
    public let sessionsLive = MetricGauge()
    /// Commands handled, by `type` (the command name, or `unknown` for an unreadable one) and
    /// `outcome` (`ok` or the error code) (`reviewroom_commands_total`).
    public let commands = LabeledMetricCounter(labelNames: ["type", "outcome"])
    /// Time from handing events to the store to their being durable, in seconds
    /// (`reviewroom_commit_latency_seconds`).
    public let commitLatency = MetricHistogram(bounds: Metrics.latencyBounds)
    /// Time a connection's oldest unsent frame waited for the transport's service thread to write
    /// it, in seconds (`reviewroom_send_wait_seconds`): the daemon's own send queue.
    public let sendWait = MetricHistogram(bounds: Metrics.waitBounds)
    /// Time from a WebSocket message being read off its socket to the daemon having handled it
    /// (queue, the session's turn, the command itself; not the durable commit), in seconds
    /// (`reviewroom_receive_handling_seconds`).
    public let receiveHandling = MetricHistogram(bounds: Metrics.waitBounds)
    /// Connections closed because their unsent output passed the outbox limit
    /// (`reviewroom_outbox_drops_total`).
    public let outboxDrops = MetricCounter()
    /// `hello`s refused because their participant already held `max_connections_per_participant`
    /// connections in the session (`reviewroom_connection_cap_refusals_total`): every refusal,
    /// not only the first one of a stretch that the log tells.
    public let connectionCapRefusals = MetricCounter()
    /// `hello`s held until their turn because their participant joined more often than
    /// `reconnects_per_minute` (`reviewroom_hellos_held_total`).
    public let hellosHeld = MetricCounter()
    /// Plain HTTP requests to the WebSocket's path, answered 426 (`reviewroom_websocket_upgrade_missing_total`):
    /// a reverse proxy, web filter or proxy on the way dropped the upgrade, so a browser behind it never joins.
    public let webSocketUpgradeMissing = MetricCounter()
    /// API requests answered, by `status` code (`reviewroom_http_requests_total`).
    public let httpRequests = LabeledMetricCounter(labelNames: ["status"])

    /// Bucket bounds of ``commitLatency``: 0.5 ms to 2.5 s.
    public static let latencyBounds: [Double] = [
        0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
    ]

    /// Bucket bounds of ``sendWait`` and ``receiveHandling``: 0.1 ms to 2.5 s (both are well
    /// under a millisecond on a daemon that keeps up).
    public static let waitBounds: [Double] = [0.0001, 0.00025] + latencyBounds

    /// The daemon's version (`reviewroom_build_info{version="…"} 1`): which build a scraper sees.
    public let version: String
    /// When the daemon started, in seconds since 1970 (`process_start_time_seconds`, the
    /// Prometheus convention): a restart shows as a jump, uptime as `time() - it`.
    public let startTime: Double

    /// An empty registry (every value zero) of the daemon `version`, started at `startTime`.
    public init(version: String = ReviewRoomServerModule.version, startTime: Date = Date()) {
        self.version = version
        self.startTime = startTime.timeIntervalSince1970
    }

    /// Records one handled command: `type` is its name, `outcome` `ok` or its error code.
    public func recordCommand(type: String, outcome: String) {
        commands.increment(type, outcome)
    }

    /// The Prometheus text exposition (format 0.0.4) of every metric.
    public func exposition() -> String {
        var text = PrometheusText()
        text.gauge("reviewroom_build_info", help: "The daemon's version (always 1).", labels: [("version", version)], value: 1)
        text.gauge("process_start_time_seconds", help: "Start time of the daemon since the Unix epoch in seconds.",
                   number: startTime)
        text.gauge("reviewroom_connections", help: "Open WebSocket connections.", value: connections.current)
        text.gauge("reviewroom_sessions_live", help: "Sessions with a running session actor.", value: sessionsLive.current)
        text.counterFamily("reviewroom_commands_total", help: "WebSocket commands handled, by type and outcome.",
                           labelNames: commands.labelNames, series: commands.snapshot)
        text.histogram("reviewroom_commit_latency_seconds", help: "Seconds from handing events to the store to their being durable.",
                       snapshot: commitLatency.snapshot)
        text.histogram("reviewroom_send_wait_seconds", help: "Seconds a connection's oldest unsent frame waited for the send thread to write it.",
                       snapshot: sendWait.snapshot)
        text.histogram("reviewroom_receive_handling_seconds", help: "Seconds from reading a WebSocket message to having handled it (not the durable commit).",
                       snapshot: receiveHandling.snapshot)
        text.counter("reviewroom_outbox_drops_total", help: "Connections closed because their unsent output exceeded the outbox limit.",
                     value: outboxDrops.current)
        text.counter("reviewroom_connection_cap_refusals_total",
                     help: "Hellos refused because their participant already held max_connections_per_participant connections.",
                     value: connectionCapRefusals.current)
        text.counter("reviewroom_hellos_held_total",
                     help: "Hellos held until their turn because their participant joined more often than reconnects_per_minute.",
                     value: hellosHeld.current)
        text.counter("reviewroom_websocket_upgrade_missing_total",
                     help: "Plain HTTP requests to /ws answered 426: something between a browser and the daemon dropped the WebSocket upgrade.",
                     value: webSocketUpgradeMissing.current)
        text.counterFamily("reviewroom_http_requests_total", help: "API requests answered, by status code.",
                           labelNames: httpRequests.labelNames, series: httpRequests.snapshot)
        return text.output
    }

    /// The `Content-Type` of ``exposition()``.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
