import ArgumentParser
import Foundation
import Logging
import ReviewRoomServer
import ReviewRoomStore
import ServiceLifecycle
import WebSocketTransport

/// One run of `reviewroomd serve`: wires the configuration into the transport, the HTTP
/// surface and the systemd services, and runs them as a `ServiceGroup` until SIGTERM/SIGINT.
struct Daemon {
    let configuration: DaemonConfiguration
    let environment: [String: String]
    /// The configuration file read, or nil when none was (no default file, no `--config`).
    let configFile: String?
    /// The SIGHUPs trapped since `serve` began, each a reload once the daemon serves.
    let reloadSignals: ReloadSignals
    /// Re-reads the configuration sources (SIGHUP).
    let reloadConfiguration: @Sendable () -> Result<DaemonConfiguration, ConfigurationError>

    init(configuration: DaemonConfiguration, environment: [String: String], configFile: String?, reloadSignals: ReloadSignals,
         reloadConfiguration: @escaping @Sendable () -> Result<DaemonConfiguration, ConfigurationError>) {
        self.configuration = configuration; self.environment = environment; self.configFile = configFile
        self.reloadSignals = reloadSignals; self.reloadConfiguration = reloadConfiguration
    }

    func run(demo: Bool) async throws {
        let levels = LogLevelControl(level: configuration.logLevel)
        let journal = environment["JOURNAL_STREAM"] != nil
        LoggingSystem.bootstrap { label in DaemonLogHandler(label: label, journal: journal, control: levels) }
        let logger = Logger(label: "reviewroomd")

        // One serve per data directory, decided before the store is opened: a second one used to
        // take the first for crashed (DataDirectoryLock). A directory not made yet has no daemon.
        // A directory this user cannot write is left to the store, whose refusal names the owner.
        var directoryLock: DataDirectoryLock?
        if FileManager.default.fileExists(atPath: configuration.dataDirectory) {
            directoryLock = try lockDataDirectory(logger: logger, unwritableIsAnError: false)
        }
        if let refusal = listenRefusal(inheritedListener: SystemdEnvironment.inheritedListener(environment: environment, pid: getpid())) {
            logger.critical("\(refusal)")
            throw ExitCode(69)
        }
        // The store creates the data directory (mode 0700, only the daemon's user reads the
        // database) when its parent exists; a missing parent is a typo, not a tree to build.
        let store: Store
        let storeConfiguration = StoreConfiguration(dataDirectory: configuration.dataDirectory, durability: configuration.storeDurability)
        let databaseExisted = FileManager.default.fileExists(atPath: storeConfiguration.databasePath)
        do {
            store = try await Store.open(storeConfiguration, logger: Logger(label: "reviewroomd.store"))
            // Expected at a first start; otherwise how a data_dir moved without its database, or a
            // database removed, shows itself (serve used to say only "store opened").
            if !databaseExisted {
                logger.notice("created a new, empty database in \(configuration.dataDirectory): no facilitators or sessions yet; if this server had some, data_dir points at the wrong directory or the database was moved", metadata: ["path": "\(storeConfiguration.databasePath)"])
            }
        } catch {
            logger.critical("cannot open the store in \(configuration.dataDirectory): \(error)")
            throw ExitCode(73)
        }
        let lock: DataDirectoryLock
        do {
            // Past the store, an unwritable directory is an error: the lock never comes back nil.
            guard let taken = try directoryLock ?? lockDataDirectory(logger: logger) else { throw ExitCode(73) }
            lock = taken
        } catch { await store.close(); throw error }
        let runMarker = RunMarkerFile(dataDirectory: configuration.dataDirectory)
        do {
            try await Self.beginRun(store: store, marker: runMarker, durability: configuration.storeDurability, logger: logger)
            try await Self.checkServedDatabase(store: store, lock: lock, logger: logger)
        } catch {
            logger.critical("cannot renew the sessions' epochs after a run that was cut off or a database put back: \(error)")
            await store.close()
            throw ExitCode(73)
        }
        // Closes the store, then removes this run's marker: the stop was clean.
        let closeStore = { @Sendable in
            await Self.recordCleanStop(store: store, lock: lock)
            await store.close()
            Self.endRun(marker: runMarker, logger: logger)
        }
        let metrics = Metrics()
        let registry = SessionRegistry(store: store, limits: LiveLimits(configuration: configuration),
                                       logger: Logger(label: "reviewroomd.sessions"), metrics: metrics)
        let retentionService = await Self.retentionService(configuration: configuration, store: store, registry: registry)
        // Everything the HTTP API needs: the store, the live sessions (as LiveSessionControl), links.
        let context = ServerContext(store: store, registry: registry, configuration: configuration,
                                    publicURL: configuration.publicOrigin)
        // Invite links need the real port, known only once the listener is bound (port 0).
        let origin = PublicOrigin(configuration.publicOrigin)
        let facilitatorAPI = FacilitatorAPI(store: context.store, live: context.live, origin: origin, metrics: metrics,
                                            retention: configuration.retention)

        let readiness = Readiness()
        let webRoot = WebRoot.locate(configured: configuration.webRoot, executableDirectory: WebRoot.executableDirectory)
        if webRoot == nil { logger.warning("\(WebRoot.notFoundWarning)") }
        if let configured = configuration.webRoot, let warning = WebRoot.notTheClientWarning(configured: configured) {
            logger.warning("\(warning)")
        }
        let staticFiles = webRoot.map(StaticFiles.init(root:))
        var api = APIRouter()
        OpenAPIDocument.register(in: &api, version: ReviewRoomServerModule.version)
        facilitatorAPI.register(in: &api)
        InviteRecordAPI(store: context.store, live: context.live, metrics: metrics).register(in: &api)
        InviteDetailsAPI(store: context.store, retention: configuration.retention, metrics: metrics).register(in: &api)
        let responder = ReviewRoomHTTPResponder(
            readiness: readiness, api: api, staticFiles: staticFiles, metrics: metrics,
            store: store, logger: Logger(label: "reviewroomd.http"))

        let inherited = SystemdEnvironment.inheritedListener(environment: environment, pid: getpid())
        if let warning = SystemdEnvironment.unservedListenersWarning(environment: environment, pid: getpid()) {
            logger.warning("\(warning)")
        }
        if inherited != nil { SystemdEnvironment.forgetInheritedListeners() }
        let transport: TransportConfiguration
        do {
            transport = try transportConfiguration(inheritedListener: inherited, metrics: metrics)
        } catch {
            logger.critical("cannot listen on \(error)")
            await closeStore()
            throw ExitCode(69)
        }
        // Worked out before the transport serves (a walk and a read of every file), so as not to
        // widen the gap between its answering and the daemon's "listening" line (a test waits
        // for that line to know the daemon serves).
        let webClient = staticFiles?.currentVersion() ?? "none"
        let server = WebSocketServer(
            configuration: transport, responder: responder,
            acceptor: LiveSessionAcceptor(registry: registry, logger: Logger(label: "reviewroomd.ws")), logger: Logger(label: "reviewroomd.transport"))
        let port: Int
        do {
            port = try server.start()
        } catch {
            if let failure = error as? TransportError, failure.code == .httpOnlyListenFailed,
               let metricsListen = configuration.metricsListen {
                logger.critical("cannot listen on metrics_listen \(metricsListen): \(error)\(Self.cause(of: metricsListen, metrics: true))")
            } else if let inherited {
                // The socket systemd passed (ListenStream=), not the unused listen key, is at fault.
                logger.critical("cannot listen on the socket systemd passed (LISTEN_FDS, fd \(inherited)): \(error)")
            } else {
                logger.critical("cannot listen on \(configuration.listen): \(error)\(Self.cause(of: configuration.listen))")
            }
            await closeStore()
            throw ExitCode(69)
        }

        // A socket from systemd is served at the address transportConfiguration read from it.
        let host = inherited == nil ? configuration.listen.host : transport.host
        let scheme = configuration.tlsCertificatePath == nil ? "http" : "https"
        if let certificate = configuration.tlsCertificatePath, let warning = CertificateExpiry.warning(certificatePath: certificate) {
            logger.warning("\(warning)")
        }
        for warning in configuration.warnings(listenHost: host, port: port) { logger.warning("\(warning)") }
        if configuration.publicURL == nil { origin.set(ListenAddress.origin(scheme: scheme, host: host, port: port)) }
        // The metrics address as bound (port 0 picks one), for the "Metrics on" line.
        let metricsAddress = configuration.metricsListen.flatMap { address in
            server.httpOnlyPort.map { ListenAddress.format(host: address.host, port: $0) }
        }
        var demoLines: [String] = []
        if demo {
            do {
                demoLines = try await DemoSession.prepare(api: facilitatorAPI, dataDirectory: configuration.dataDirectory,
                                                          logger: logger)
                    .lines(origin: origin.current)
            } catch {
                logger.critical("cannot prepare the demo session: \(error)")
                await server.shutdown(timeoutSeconds: 1)
                await closeStore()
                throw ExitCode(70)
            }
        }
        let startup: Logger.Metadata = [
            "config": "\(configFile ?? "none")",
            // Absolute: a relative data_dir is read from the working directory (`/` under systemd).
            "web_root": "\(webRoot?.path ?? "none")",
            // What the pages link their files under (`v/<version>/`): after an upgrade, whether a
            // browser's page (its source) came from the client now served.
            "web_client": "\(webClient)",
            "data_dir": "\(URL(fileURLWithPath: configuration.dataDirectory).standardizedFileURL.path)",
        ]
        let announce: @Sendable () -> Void = { [configuration, demoLines] in
            // Tests and scripts read this line to learn the port: exactly one such line on stdout.
            // It comes once SIGTERM is trapped, so whoever reads it may stop the daemon at once.
            CommandOutput.standardOutput("Listening on \(scheme)://\(ListenAddress.format(host: host, port: port))")
            // Likewise one line for metrics_listen, which always serves plain HTTP.
            if let metricsAddress { CommandOutput.standardOutput("Metrics on http://\(metricsAddress)") }
            for line in demoLines { CommandOutput.standardOutput(line) }
            // Which file, URL and web client this run uses: what an operator checks first.
            logger.info("listening", metadata: startup.merging([
                "port": "\(port)", "socket_activated": "\(inherited != nil)",
                "public_url": "\(configuration.publicURL ?? "\(scheme)://\(ListenAddress.format(host: host, port: port))")",
            ]) { $1 })
            if let metricsAddress { logger.info("serving /metrics only", metadata: ["metrics_listen": "\(metricsAddress)"]) }
        }

        let sessionCount = LiveSessionCount()
        let notifier = SystemdNotifier(environment: environment)
        if let problem = SystemdEnvironment.watchdogProblem(environment: environment) { logger.warning("\(problem)") }
        let systemd = SystemdService(
            notifier: notifier, watchdogInterval: SystemdEnvironment.watchdogInterval(environment: environment, pid: getpid()),
            probe: WatchdogProbe(parts: [
                .init(name: "the service thread") { await server.probe(timeoutSeconds: 5) },
                .init(name: "the session actors") { _ = await registry.connectionCount(); return true },
                .init(name: "the store") { (try? await store.probe()) != nil },
            ]),
            status: {
                Self.statusLine(port: port, metricsAddress: metricsAddress, connections: server.connectionCount,
                                liveSessions: sessionCount.value, storeFailure: store.commitFailure?.code.rawValue)
            },
            logger: Logger(label: "reviewroomd.systemd"))
        let reload = ReloadSignalService(signals: reloadSignals) { [reloadConfiguration, configuration] in
            Self.reload(server: server, levels: levels, running: configuration, loader: reloadConfiguration, logger: logger)
        }
        // The last resort for "exit within 10 s": armed as shutdown begins, on its own thread.
        let deadline = ShutdownDeadline(bound: Self.hardShutdownBound, logger: logger) { [sessionCount] in
            "\(server.connectionCount) connections, about \(sessionCount.value) live sessions"
        }
        // Graceful shutdown runs in reverse order: the deadline is armed first; then systemd
        // (STOPPING=1); then admission (/readyz and /api 503, new upgrades refused with 503, every
        // hello closed with 1001); then the live sessions drain (1001 to their clients, pending
        // commits); the transport stops last.
        var services: [any Service] = [
            TransportService(server: server, readiness: readiness, logger: logger, onRunning: announce),
            SessionsService(registry: registry, logger: Logger(label: "reviewroomd.sessions")),
        ]
        if let retentionService { services.append(retentionService) }
        services += [
            AdmissionService(server: server, registry: registry, readiness: readiness, logger: logger),
            reload, systemd, deadline,
        ]
        var groupConfiguration = ServiceGroupConfiguration(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: logger)
        // PROTOCOL §1: exit within 10 s of SIGTERM. Past this the group cancels what still runs.
        groupConfiguration.maximumGracefulShutdownDuration = Self.gracefulShutdownBound
        let group = ServiceGroup(configuration: groupConfiguration)
        let counting = Task { [registry, sessionCount, metrics] in
            // STATUS= is read synchronously; keep a recent count of live sessions for it.
            while !Task.isCancelled {
                // `facilitator revoke` runs in another process: this sweep is how its consoles close.
                await registry.sweepRevokedFacilitators()
                let live = await registry.liveSessionCount
                if live != sessionCount.value {
                    // The journal's trace of activity (a review starting, the last one ending):
                    // without it nothing is logged between "listening" and "stopped".
                    logger.info("\(Self.activityLine(liveSessions: live, connections: server.connectionCount))")
                }
                sessionCount.value = live
                metrics.sessionsLive.set(Int64(sessionCount.value))
                metrics.connections.set(Int64(server.connectionCount))
                let overflows = UInt64(server.outboxOverflowCount)
                if overflows > metrics.outboxDrops.current { metrics.outboxDrops.increment(by: overflows - metrics.outboxDrops.current) }
                try? await Task.sleep(for: .seconds(2))
            }
        }
        defer { counting.cancel() }
        do {
            try await group.run()
        } catch {
            deadline.stage = "closing the store (its pending commits)"
            await closeStore()
            deadline.disarm()
            throw error
        }
        deadline.stage = "closing the store (its pending commits)"
        await closeStore()
        deadline.disarm()
        logger.info("stopped")
    }

    /// The systemd `STATUS=` text: the port, the metrics listener's address when there is one,
    /// and the counts (`serving on port 8080 (metrics on 127.0.0.1:9100); 3 connections, 1 live session`);
    /// while the store's commits fail, first of all that (`STORE COMMITS FAILING (diskFull): nothing
    /// is saved; serving on port 8080; …`): `systemctl status` said all was well through a full disk.
    static func statusLine(port: Int, metricsAddress: String?, connections: Int, liveSessions: Int, storeFailure: String? = nil) -> String {
        let metrics = metricsAddress.map { " (metrics on \($0))" } ?? ""
        let failing = storeFailure.map { "STORE COMMITS FAILING (\($0)): nothing is saved; " } ?? ""
        return "\(failing)serving on port \(port)\(metrics); \(counted(connections, "connection")), \(counted(liveSessions, "live session"))"
    }

    /// The log line written when the number of live sessions changes
    /// (`activity: 1 live session, 5 connections`).
    static func activityLine(liveSessions: Int, connections: Int) -> String {
        "activity: \(counted(liveSessions, "live session")), \(counted(connections, "connection"))"
    }

    /// `1 connection`, `3 connections`.
    private static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    /// How long graceful shutdown may take before the service group cancels the rest.
    static let gracefulShutdownBound: Duration = .seconds(9)

    /// How long after graceful shutdown began the process exits regardless (``ShutdownDeadline``),
    /// should closing the store or anything else still hang past ``gracefulShutdownBound``.
    static let hardShutdownBound: Duration = .milliseconds(9_500)

    /// The transport's settings, with `listen` and `metrics_listen` resolved to numeric addresses
    /// (lws takes anything else for an interface name); throws ``ListenResolutionFailure``.
    private func transportConfiguration(inheritedListener: Int32?, metrics: Metrics) throws -> TransportConfiguration {
        var transport = TransportConfiguration()
        if let address = configuration.metricsListen {
            let host = try Self.numericHost(of: address, key: "metrics_listen")
            transport.httpOnlyListener = HTTPOnlyListener(host: host, port: address.port,
                                                          responder: MetricsListenerResponder(metrics: metrics))
        }
        if let inheritedListener {
            // The socket unit's address is the one served, and the one the links name without
            // public_url: its origins are the pages' own (they were 127.0.0.1's, `listen`'s default,
            // so a ListenStream= on a LAN address refused every page's WebSocket with 403).
            if let bound = SystemdEnvironment.boundAddress(of: inheritedListener) { transport.host = bound.host }
        } else {
            transport.host = try Self.numericHost(of: configuration.listen, key: nil)
            if transport.host != configuration.listen.host { transport.hostNames = [configuration.listen.host] }
        }
        transport.port = configuration.listen.port
        transport.inheritedListenerFD = inheritedListener
        transport.tlsCertificatePath = configuration.tlsCertificatePath
        transport.tlsPrivateKeyPath = configuration.tlsKeyPath
        transport.allowedOrigins = configuration.allowedOrigins
        if let publicURL = configuration.publicURL, let origin = ListenAddress.originOfURL(publicURL) {
            transport.ownOrigins = [origin]
        }
        transport.maxMessageBytes = configuration.maxMessageBytes
        transport.outboxLimitBytes = configuration.outboxLimitBytes
        transport.maxRequestBodyBytes = configuration.maxRequestBodyBytes
        transport.responseHeaders = SecurityHeaders.all
        transport.waitObserver = metrics.transportWaitObserver
        return transport
    }

    /// `; ` and why `address` cannot be bound (``ListenProbe``), or nothing when that is unknown.
    private static func cause(of address: ListenAddress, metrics: Bool = false) -> String {
        bindReason(address, metrics: metrics).map { "; " + $0 } ?? ""
    }

    static func numericHost(of address: ListenAddress, key: String?) throws -> String {
        switch HostResolution.numericHost(address.host) {
        case .success(let host): return host
        case .failure(let error): throw ListenResolutionFailure(key: key, address: address, error: error)
        }
    }

    private static func reload(server: WebSocketServer, levels: LogLevelControl, running: DaemonConfiguration,
                               loader: () -> Result<DaemonConfiguration, ConfigurationError>, logger: Logger) {
        logger.info("SIGHUP: reloading log level and TLS certificates")
        switch loader() {
        case .success(let fresh):
            levels.current = fresh.logLevel
            logger.info("log level is \(fresh.logLevel.rawValue)")
            let unapplied = running.keysNeedingRestart(toApply: fresh)
            if !unapplied.isEmpty {
                logger.warning("""
                    SIGHUP: changed but not applied until a restart: \(unapplied.joined(separator: ", ")) \
                    (systemctl restart reviewroomd); a reload applies only log_level and the TLS certificates' contents
                    """)
            }
        case .failure(let error):
            // One readable line: the log handler would show the report's line breaks as "\n".
            let problems = error.problems.map(\.description).joined(separator: "; ")
            logger.error("SIGHUP: configuration not reloaded, keeping the old one: \(problems)")
        }
        guard running.tlsCertificatePath != nil else { return }
        do {
            try server.reloadTLS()
            logger.info("TLS certificates reloaded")
            if let certificate = running.tlsCertificatePath, let warning = CertificateExpiry.warning(certificatePath: certificate) {
                logger.warning("\(warning)")
            }
        } catch {
            // What keeps running and what to do: the old pair stays until a reload succeeds.
            logger.error("""
                SIGHUP: TLS certificates not reloaded, still serving the previous ones: \(error); \
                fix tls_cert and tls_key (a PEM chain and its private key, readable by the service) \
                and reload again (systemctl reload reviewroomd)
                """)
        }
    }
}
