import CLibWebSockets
import Foundation
import LockedValue
import Logging

/// Owns the libwebsockets context and everything that may only be touched on the one
/// service thread: the `wsi` maps, the HTTP exchanges, the TLS context.
///
/// Other threads reach it only through ``mailbox`` (commands + `lws_cancel_service`) and
/// the small locked counters below.
final class ServiceCore: @unchecked Sendable {
    // @unchecked Sendable is sound: every stored property is either immutable after init
    // (`configuration`, `logger`, `responder`, `acceptor`, `mailbox`, the locked boxes,
    // which are themselves thread-safe), or a `var` that is only ever read or written on
    // the service thread: `run()` and the lws callbacks it drives (lws is single-threaded,
    // LWS_MAX_SMP = 1). Those methods check `assertOnServiceThread()` in debug builds.
    let configuration: TransportConfiguration
    let logger: Logger
    let responder: any HTTPResponder
    let acceptor: any WebSocketAcceptor
    let mailbox = ServiceMailbox()
    /// Open WebSocket connections (read from any thread).
    let openConnectionCount = Locked(0)
    /// Connections closed because their outbox overflowed (read from any thread).
    let outboxOverflowCount = Locked(0)
    /// Continuations waiting for the service thread to finish.
    let exitWaiters = Locked(ExitState())

    // Service-thread state.
    var context: OpaquePointer?
    var eventLoop: EpollLoop?
    /// Scratch space for packing a connection's backlog into one write.
    let frameBatch = FrameBatch()
    var vhost: OpaquePointer?
    var protocols: ProtocolTable?
    /// The ``HTTPOnlyListener``'s vhost and its protocol table, when one is configured.
    var httpOnlyVhost: OpaquePointer?
    var httpOnlyProtocols: ProtocolTable?
    var contextStrings: CStringArena?
    /// The policy that switches lws's own validity timers off (alive as long as the context).
    var lwsValidityOff: ValidityTimersOff?
    /// The vhosts' canned response headers (``TransportConfiguration/responseHeaders``), alive as long as the context.
    var cannedHeaders: CannedHeaderList?
    /// When silent connections are pinged and dropped.
    let idlePolicy: IdlePolicy
    /// How long a request's body may take after its headers (``TransportConfiguration/httpTimeoutSeconds``).
    let bodyDeadline: BodyDeadline
    /// `MonotonicClock` at the start of the current loop pass.
    var loopNow: UInt64 = 0
    /// The time the loop spent able to read; its ``ReadingClock/now`` (at the start of the
    /// current pass) is when a connection was last heard, so a stall of the loop is not counted
    /// as the peers' silence.
    var readingClock = ReadingClock()
    /// When the next idle sweep is due, in ``readingClock`` time.
    var nextIdleSweep: UInt64 = 0
    /// `LWS_PRE` writable bytes, then ``pingPayload``: what an idle connection's ping sends.
    let pingBuffer: UnsafeMutablePointer<UInt8>
    var originPolicy = OriginPolicy(origins: [])
    /// When each refused Origin was last logged, so a page retrying every second logs once a minute.
    var originRefusals = RefusalLogThrottle(intervalNanoseconds: 60_000_000_000, linesPerInterval: 20)
    var sessionsByWSI: [OpaquePointer: ConnectionSession] = [:]
    var sessionsByID: [ConnectionID: ConnectionSession] = [:]
    var upgradeOrigins: [OpaquePointer: String] = [:]
    var exchangesByWSI: [OpaquePointer: HTTPExchange] = [:]
    var exchangesByID: [UInt64: HTTPExchange] = [:]
    var nextConnectionNumber: UInt64 = 1
    var nextExchangeNumber: UInt64 = 1
    var tlsContext: OpaquePointer?
    var listenerFD: Int32 = -1
    var listenerWSI: OpaquePointer?
    /// Descriptors held in reserve while the listener is watched (``ListenerShedding/reserveCount``):
    /// out of descriptors, one is given up for a moment to accept and close a pending connection,
    /// so the listener stops being readable instead of spinning the loop.
    var reserveFDs: [Int32] = []
    /// Out of descriptors with none left in reserve, the listener is not watched (no spinning on
    /// a readable listener nothing can accept); the idle sweep watches it again once it can.
    var listenerPaused = false
    /// What was shed and when it was last logged: one warning a second at most.
    var shedding = ListenerShedding()
    var shuttingDown = false
    /// New WebSocket upgrades are refused with 503 (graceful shutdown's first step).
    var refusingWebSockets = false
    var shutdownDeadlinePassed = false
    var serviceThread: pthread_t?

    /// Whether the service thread has finished, and who waits for it.
    struct ExitState {
        /// The loop ended and the context is destroyed.
        var exited = false
        /// Waiting `shutdown` calls.
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Creates the core; nothing runs until ``run(startup:)``.
    init(configuration: TransportConfiguration, responder: any HTTPResponder,
         acceptor: any WebSocketAcceptor, logger: Logger) {
        self.configuration = configuration
        self.responder = responder
        self.acceptor = acceptor
        self.logger = logger
        idlePolicy = IdlePolicy(pingSeconds: configuration.idlePingSeconds, hangupSeconds: configuration.idleHangupSeconds)
        bodyDeadline = BodyDeadline(seconds: configuration.httpTimeoutSeconds)
        pingBuffer = .allocate(capacity: reviewroom_lws_pre + Self.pingPayload.count)
        pingBuffer.initialize(repeating: 0, count: reviewroom_lws_pre)
        (pingBuffer + reviewroom_lws_pre).initialize(from: Self.pingPayload, count: Self.pingPayload.count)
    }

    deinit {
        pingBuffer.deallocate()
    }

    /// True when TLS is configured (both paths set).
    var usesTLS: Bool {
        configuration.tlsCertificatePath != nil && configuration.tlsPrivateKeyPath != nil
    }

    /// Traps in debug builds when called off the service thread.
    func assertOnServiceThread(function: StaticString = #function) {
        #if DEBUG
        if let serviceThread {
            assert(pthread_equal(serviceThread, pthread_self()) != 0, "\(function) called off the lws service thread")
        }
        #endif
    }

    /// The service thread's body: create the context, report the port, service until
    /// shutdown completes, destroy the context, release everyone waiting.
    func run(startup: StartupHandshake) {
        serviceThread = pthread_self()
        ThreadName.set("rr-lws-service")
        let loop: EpollLoop
        do {
            loop = try EpollLoop()
        } catch {
            startup.finish(.failure(error))
            markExited()
            return
        }
        eventLoop = loop
        defer {
            eventLoop = nil
            loop.destroy()
        }
        let ports: BoundPorts
        do {
            ports = try createContext()
        } catch let error as TransportError {
            startup.finish(.failure(error))
            markExited()
            return
        } catch {
            startup.finish(.failure(TransportError(.startFailed, "\(error)")))
            markExited()
            return
        }
        guard let context else {
            startup.finish(.failure(TransportError(.startFailed, "libwebsockets returned no context")))
            markExited()
            return
        }
        mailbox.open(context: context)
        loop.startTimerKick(for: context)
        startup.finish(.success(ports))
        logger.info("transport listening", metadata: ["port": "\(ports.main)", "tls": "\(usesTLS)"])
        if let httpOnly = ports.httpOnly {
            logger.info("transport listening (HTTP only)", metadata: ["port": "\(httpOnly)"])
        }

        while !shouldLeaveLoop() {
            loopNow = MonotonicClock.nanoseconds()
            let readingNow = readingClock.pass(at: loopNow)
            // Right after a stall nothing that arrived during it has been read yet: the sweep
            // waits for the next pass, which follows a `runOnce` that read it.
            if !readingClock.sweepHeld && readingNow >= nextIdleSweep { sweepIdleConnections() }
            loop.runOnce()
        }
        teardown(context)
    }

    /// The loop ends once shutdown began, every WebSocket is gone and every request handed to
    /// the responder is answered (or the grace ran out). Without the answers, a DELETE whose
    /// erasure committed during the stop went unanswered, and its client could not tell.
    private func shouldLeaveLoop() -> Bool {
        shuttingDown && ((sessionsByWSI.isEmpty && !exchangesByWSI.values.contains { $0.dispatched }) || shutdownDeadlinePassed)
    }

    private func teardown(_ context: OpaquePointer) {
        // Commands that raced the end still get an answer, so nobody waits on a dead thread.
        for leftover in mailbox.close() {
            switch leftover {
            case .probe(let answer):
                answer()
            case .reloadTLS(_, _, let done):
                done(TransportError(.invalidState, "the server stopped before the TLS reload ran"))
            default:
                break
            }
        }
        eventLoop?.stopTimerKick()
        lws_context_destroy(context)
        self.context = nil
        vhost = nil
        httpOnlyVhost = nil
        // lws reports CLOSED for every wsi while destroying; anything left is finished here.
        for session in sessionsByWSI.values { finishSession(session) }
        sessionsByWSI.removeAll()
        sessionsByID.removeAll()
        exchangesByWSI.removeAll()
        exchangesByID.removeAll()
        protocols = nil
        httpOnlyProtocols = nil
        contextStrings = nil
        lwsValidityOff = nil
        cannedHeaders = nil
        logger.info("transport stopped")
        markExited()
    }

    private func markExited() {
        let waiters = exitWaiters.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.exited = true
            defer { s.waiters.removeAll() }
            return s.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Waits until the service thread has ended (immediately if it has).
    func waitForExit() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let done = exitWaiters.withLock { s -> Bool in
                if s.exited { return true }
                s.waiters.append(continuation)
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Recovers the core from a wsi's context (inside lws callbacks).
    static func from(_ wsi: OpaquePointer?) -> ServiceCore? {
        guard let wsi, let context = lws_get_context(wsi), let user = lws_context_user(context) else { return nil }
        return Unmanaged<ServiceCore>.fromOpaque(user).takeUnretainedValue()
    }
}
