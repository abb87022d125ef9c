import Logging
import ReviewRoomCore

/// Everything `reviewroomd` can be configured with (PROTOCOL.md §1). Every field is also a key
/// of `reviewroom.conf` and a `REVIEWROOM_<KEY>` variable; `Deploy/reviewroom.conf` documents them.
///
/// Build one with ``ConfigurationLoader``, which merges file < flags < environment and reports
/// every problem at once; the defaults here are what an empty file means.
public struct DaemonConfiguration: Sendable, Equatable {
    /// `listen`: address and port for HTTP and WebSocket. Default `127.0.0.1:8080`.
    public var listen = ListenAddress(host: "127.0.0.1", port: 8080)
    /// `data_dir`: where the database lives. Default `$STATE_DIRECTORY` under systemd, else `/var/lib/reviewroom`.
    public var dataDirectory = "/var/lib/reviewroom"
    /// `public_url`: the origin users reach the daemon at (`https://review.example.org`), used in
    /// invite links and accepted as the daemon's own `Origin`. Default: derived from `listen`.
    public var publicURL: String? = nil
    /// `tls_cert`: PEM certificate chain; with ``tlsKeyPath`` the port serves HTTPS/WSS only. Default none.
    public var tlsCertificatePath: String? = nil
    /// `tls_key`: PEM private key for ``tlsCertificatePath``. Default none.
    public var tlsKeyPath: String? = nil
    /// `allowed_origins`: browser origins (`scheme://host[:port]`) allowed besides the daemon's own. Default none.
    public var allowedOrigins: [String] = []
    /// `metrics_listen`: a second address serving only `/metrics`. Default none (loopback clients only).
    public var metricsListen: ListenAddress? = nil
    /// `durability`: `process` survives a crash of the daemon; `power` also a power cut (fsync). Default `process`.
    public var durability: Durability = .process
    /// `log_level`: `trace`, `debug`, `info`, `notice`, `warning`, `error` or `critical`. Default `info`.
    public var logLevel: Logger.Level = .info
    /// `max_message_bytes`: largest WebSocket message after `hello`. Default 65536 (64 KiB).
    public var maxMessageBytes = 64 * 1024
    /// `max_note_units`: largest shared note, in UTF-16 code units. Default 1048576.
    public var maxNoteUnits = 1_048_576
    /// `messages_per_second`: sustained messages per connection (token bucket rate). Default 50.
    public var messagesPerSecond = 50
    /// `message_burst`: messages a connection may send at once (token bucket size). Default 200.
    public var messageBurst = 200
    /// `outbox_limit_bytes`: unsent bytes per connection above which it is closed with 4029. Default 4194304 (4 MiB).
    public var outboxLimitBytes = 4 * 1024 * 1024
    /// `language_hints`: send `hint` messages about wording worth revisiting in notes. Default `true`.
    public var languageHints = true
    /// `max_request_body_bytes`: largest HTTP request body (413 beyond). Default 1048576 (1 MiB).
    public var maxRequestBodyBytes = 1024 * 1024
    /// `snapshot_every_events`: a live session stores a snapshot of its state and notes after
    /// this many events, so loading it replays only the events after the latest one. Default 2000.
    public var snapshotEveryEvents = 2_000
    /// `max_inserted_units_per_second`: UTF-16 units of note text one participant may insert per
    /// second in one session, with bursts to twice `max_note_units`; an edit beyond it is
    /// answered `rate_limited` and not applied. 0: no limit, the default (PROTOCOL.md §3.4 names
    /// no such limit, and a client within its limits must not be refused).
    public var maxInsertedUnitsPerSecond = 0
    /// `max_connections_per_participant`: most connections (tabs, devices) one participant may
    /// hold in one session; a `hello` beyond it is refused, open ones are never closed. 0: no
    /// limit. Default 32.
    public var maxConnectionsPerParticipant = 32
    /// `reconnects_per_minute`: how many times one participant may join a session at once, and
    /// then per minute (one every minute ÷ this); a `hello` beyond it is held until its turn,
    /// never refused, so only a client reconnecting in a loop is slowed. 0: no limit. Default 300.
    public var reconnectsPerMinute = 300
    /// `retention_days`: a session is erased this many days after its last use (the latest of
    /// when it was scheduled, its start and its newest event: for a review that ran, its end),
    /// checked at start-up and hourly. 0: sessions are kept until deleted, the default.
    public var retentionDays = 0
    /// The rule ``retentionDays`` sets, nil while it is 0.
    public var retention: SessionRetention? { SessionRetention(days: retentionDays) }
    /// `web_root`: folder of the browser client's files. Default: the files installed with the binary.
    public var webRoot: String? = nil

    /// All defaults, as with an empty configuration file.
    public init() {}

    /// The default data directory: the first entry of `$STATE_DIRECTORY` (set by systemd's
    /// `StateDirectory=`) when present, else `/var/lib/reviewroom`.
    public static func defaultDataDirectory(environment: [String: String]) -> String {
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !state.isEmpty {
            return String(state)
        }
        return "/var/lib/reviewroom"
    }

    /// The origin clients use: ``publicURL`` when set, else `http(s)://<listen>`.
    public var publicOrigin: String {
        if let publicURL { return publicURL }
        return ListenAddress.origin(scheme: tlsCertificatePath == nil ? "http" : "https", host: listen.host, port: listen.port)
    }
}
