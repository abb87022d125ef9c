import Dispatch
import Foundation
import LockedValue
import Logging

/// The libwebsockets server: one service thread, HTTP and WebSocket on one port, and optionally
/// a second port that serves plain HTTP only (``TransportConfiguration/httpOnlyListener``).
public final class WebSocketServer: Sendable {
    private let core: ServiceCore
    private let state = Locked(Lifecycle.idle)
    private let boundHTTPOnlyPort = Locked<Int?>(nil)

    private enum Lifecycle { case idle, running, stopping, stopped }

    /// Creates a server; nothing listens until ``start()``.
    public init(configuration: TransportConfiguration, responder: any HTTPResponder,
                acceptor: any WebSocketAcceptor, logger: Logger) {
        core = ServiceCore(configuration: configuration, responder: responder, acceptor: acceptor, logger: logger)
    }

    /// Binds (or adopts the inherited listener), starts the service thread, returns the bound port.
    public func start() throws -> Int {
        try state.withLock { s in
            guard case .idle = s else {
                throw TransportError(.invalidState, "start() was called on a server that was already started")
            }
            s = .running
        }
        let startup = StartupHandshake()
        let core = self.core
        let thread = Thread { core.run(startup: startup) }
        thread.name = "lws-service"
        thread.start()
        switch startup.wait() {
        case .success(let ports):
            boundHTTPOnlyPort.withLock { $0 = ports.httpOnly }
            return ports.main
        case .failure(let error):
            state.withLock { $0 = .stopped }
            throw error
        }
    }

    /// Graceful shutdown's first step: from now on WebSocket upgrades are refused with 503,
    /// while open connections and plain HTTP (e.g. a `/readyz` that says 503) are still served.
    /// ``shutdown(timeoutSeconds:)`` does the rest. Does nothing unless the server runs.
    public func refuseNewWebSockets() {
        guard state.withLock({ if case .running = $0 { return true } else { return false } }) else { return }
        _ = core.mailbox.post(.refuseNewWebSockets)
    }

    /// Stops accepting, closes every WebSocket with 1001 "server going away", waits until their
    /// close frames are flushed or `timeoutSeconds` pass, then destroys the context on its thread.
    public func shutdown(timeoutSeconds: Double) async {
        let wasRunning = state.withLock { s -> Bool in
            guard case .running = s else { return false }
            s = .stopping
            return true
        }
        if wasRunning, core.mailbox.post(.beginShutdown) {
            let mailbox = core.mailbox
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeoutSeconds)) {
                mailbox.post(.shutdownDeadline)
            }
        }
        guard state.withLock({ if case .idle = $0 { return false } else { return true } }) else { return }
        await core.waitForExit()
        state.withLock { $0 = .stopped }
    }

    /// Re-reads the TLS certificate and key (SIGHUP); throws with a clear message if they do not load.
    public func reloadTLS() throws {
        guard let certificate = core.configuration.tlsCertificatePath,
              let key = core.configuration.tlsPrivateKeyPath else {
            throw TransportError(.tlsNotConfigured, "reloadTLS() needs tlsCertificatePath and tlsPrivateKeyPath to be configured")
        }
        if let error = TLSCertificateLoader.validate(certificatePath: certificate, keyPath: key) { throw error }
        let outcome = Locked<TransportError??>(nil)
        let done = DispatchSemaphore(value: 0)
        let posted = core.mailbox.post(.reloadTLS(certificatePath: certificate, keyPath: key) { error in
            outcome.withLock { $0 = .some(error) }
            done.signal()
        })
        guard posted else { throw TransportError(.invalidState, "reloadTLS() needs a running server") }
        // The swap is a few OpenSSL calls on the service thread; a stuck thread is reported, not waited out.
        guard done.wait(timeout: .now() + 10) == .success else {
            throw TransportError(.timedOut, "the service thread did not reload TLS within 10 s")
        }
        if case .some(.some(let error)) = outcome.withLock({ $0 }) { throw error }
    }

    /// True when the service thread answered a round trip within `timeoutSeconds` (watchdog probe).
    public func probe(timeoutSeconds: Double) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let once = Locked<CheckedContinuation<Bool, Never>?>(continuation)
            let answer: @Sendable (Bool) -> Void = { value in
                once.withLock { c -> CheckedContinuation<Bool, Never>? in
                    defer { c = nil }
                    return c
                }?.resume(returning: value)
            }
            guard core.mailbox.post(.probe { answer(true) }) else {
                answer(false)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + max(0, timeoutSeconds)) { answer(false) }
        }
    }

    /// Runs `work` on the service thread, between two lws callbacks; false once the thread is
    /// gone. Internal, for tests: a `work` that blocks stalls the real service thread, as a VM
    /// pause or a long callback would.
    func runOnServiceThread(_ work: @escaping @Sendable () -> Void) -> Bool {
        core.mailbox.post(.probe(work))
    }

    /// The port the ``TransportConfiguration/httpOnlyListener`` is bound to once ``start()``
    /// returned; nil when none is configured (or before the start).
    public var httpOnlyPort: Int? { boundHTTPOnlyPort.withLock { $0 } }

    /// Open WebSocket connections right now.
    public var connectionCount: Int { core.openConnectionCount.withLock { $0 } }

    /// Connections closed so far because their unsent output passed `outboxLimitBytes` (4029).
    public var outboxOverflowCount: Int { core.outboxOverflowCount.withLock { $0 } }
}
