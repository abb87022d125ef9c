import Dispatch
import LockedValue

#if canImport(Glibc)
import Glibc
#endif

/// SIGHUPs trapped from `init` on, for a ``ReloadSignalService`` made later.
///
/// `serve` makes one before it reads its configuration or opens the store: a SIGHUP that comes
/// while the daemon is still starting (`systemctl reload` or a certificate renewal hook right
/// after a start) is kept, and the reload runs once the service does, instead of ending the
/// process (SIGHUP's default action) or being dropped. Several before then run it once.
public final class ReloadSignals: Sendable {
    /// One element for each SIGHUP (the newest one kept while nothing reads).
    let stream: AsyncStream<Void>
    /// The dispatch source, behind a lock: it is not Sendable, and it is cancelled from whichever
    /// thread ends the service's `run()`.
    private let source: Locked<(any DispatchSourceSignal)?>

    /// Traps SIGHUP now.
    public init() {
        // A dispatch source only sees a signal whose default action is disabled.
        signal(SIGHUP, SIG_IGN)
        let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "reviewroomd.sighup"))
        source.setEventHandler { continuation.yield() }
        source.setCancelHandler { continuation.finish() }
        source.resume()
        self.stream = stream
        self.source = Locked(source)
    }

    /// Stops trapping: the stream ends (SIGHUP stays ignored).
    func cancel() {
        source.withLock { $0?.cancel(); $0 = nil }
    }
}
