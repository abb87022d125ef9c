import LockedValue

/// What the systemd watchdog asks before each `WATCHDOG=1`: every part of the daemon (the
/// libwebsockets service thread, the session actors, the store's writer and readers) must answer
/// within the time given. A part that hangs makes the probe fail, so systemd restarts the daemon.
public struct WatchdogProbe: Sendable {
    /// One part: a name for the log and a round trip through it.
    public struct Part: Sendable {
        /// Names the part in the log line when it does not answer.
        public var name: String
        /// Resolves true once the part answered (false when it answered with a failure).
        public var check: @Sendable () async -> Bool

        /// Creates a part.
        public init(name: String, check: @escaping @Sendable () async -> Bool) {
            self.name = name
            self.check = check
        }
    }

    /// The parts, asked one after another.
    public var parts: [Part]

    /// Creates a probe over `parts`.
    public init(parts: [Part]) { self.parts = parts }

    /// The names of the parts that did not answer (true) within `timeoutSeconds` each; empty when all did.
    public func silentParts(timeoutSeconds: Double) async -> [String] {
        var silent: [String] = []
        for part in parts where !(await Self.answers(within: timeoutSeconds, part.check)) {
            silent.append(part.name)
        }
        return silent
    }

    /// Whether `check` resolves true within `seconds`. A check that never returns is left
    /// running (a stuck actor cannot be cancelled); the probe answers false without waiting for it.
    static func answers(within seconds: Double, _ check: @escaping @Sendable () async -> Bool) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let resumed = Locked(false)
            let finish: @Sendable (Bool) -> Void = { value in
                let first = resumed.withLock { done in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            Task { finish(await check()) }
            Task {
                try? await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                finish(false)
            }
        }
    }
}
