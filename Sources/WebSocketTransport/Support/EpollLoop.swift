import CLibWebSockets

/// The libev (epoll) loop one lws service thread runs on, handed to lws as its
/// "foreign loop" (`LWS_SERVER_OPTION_LIBEV`).
///
/// lws 4.1.6's built-in loop is `poll()`, which scans every descriptor on every wakeup:
/// with 2,000 connections that was a quarter of the daemon's CPU. epoll only reports
/// the ready ones. Service-thread only: create, run and destroy it on that thread.
final class EpollLoop {
    private let loop: UnsafeMutableRawPointer
    private var kick: UnsafeMutableRawPointer?
    /// How often lws is woken to run its due timers (see `reviewroom_ev_kick_start`): the
    /// most a hello timeout or an lws timeout can fire late.
    static let timerKickSeconds = 0.05
    /// The one-element array `lws_context_creation_info.foreign_loops` points at.
    let foreignLoops: UnsafeMutablePointer<UnsafeMutableRawPointer?>

    /// Creates the loop; throws when the kernel refuses an epoll instance.
    init() throws(TransportError) {
        guard let loop = reviewroom_ev_loop_new() else {
            throw TransportError(.startFailed, "could not create an epoll event loop (out of file descriptors?)")
        }
        self.loop = loop
        foreignLoops = .allocate(capacity: 1)
        foreignLoops.initialize(to: loop)
    }

    /// Marks `info` to run lws on this loop.
    func attach(to info: inout lws_context_creation_info) {
        info.options |= UInt64(LWS_SERVER_OPTION_LIBEV)
        info.foreign_loops = foreignLoops
    }

    /// Wakes lws every ``timerKickSeconds`` so its timers fire on time (after the context exists).
    func startTimerKick(for context: OpaquePointer) {
        kick = reviewroom_ev_kick_start(loop, context, Self.timerKickSeconds)
    }

    /// Stops the kick (before the context is destroyed).
    func stopTimerKick() {
        reviewroom_ev_kick_stop(loop, kick)
        kick = nil
    }

    /// Waits for at least one event and services everything ready (lws callbacks run here).
    func runOnce() {
        _ = reviewroom_ev_run_once(loop)
    }

    /// Frees the loop; call after `lws_context_destroy` on the same thread.
    func destroy() {
        reviewroom_ev_loop_destroy(loop)
        foreignLoops.deinitialize(count: 1)
        foreignLoops.deallocate()
    }
}
