/// What a running daemon keeps in its data directory until it stops cleanly: the machine's boot
/// and the durability its commits had. Found at the next start, it says that run was cut off.
///
/// With `process` durability a commit is acknowledged before it is synced, so it survives the
/// daemon's crash but not the machine's. A cut-off run on an earlier boot may therefore have
/// lost its last acknowledged events, and the next ones would reuse their seqs under the same
/// epoch: a client resuming from a lost seq would get other events than it saw, and its notes
/// would silently differ from everyone's. ``epochsNeedRenewal(after:currentBootID:)`` decides when
/// every session must get a new epoch (PROTOCOL §3.1: history cannot be continued) instead.
public struct RunMarker: Equatable, Sendable {
    /// The kernel's boot id (`/proc/sys/kernel/random/boot_id`) the run started under.
    public var bootID: String
    /// The durability the run committed with.
    public var durability: Durability

    /// A marker for a run on boot `bootID` with `durability`.
    public init(bootID: String, durability: Durability) {
        self.bootID = bootID
        self.durability = durability
    }

    /// The marker as stored: `boot_id <id>` and `durability <mode>` lines.
    public var text: String {
        "boot_id \(bootID)\ndurability \(durability.rawValue)\n"
    }

    /// Reads ``text``; nil for anything else (a torn or foreign file).
    public init?(text: String) {
        var fields: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, fields[parts[0]] == nil else { return nil }
            fields[parts[0]] = parts[1]
        }
        guard fields.count == 2, let boot = fields["boot_id"], !boot.isEmpty,
              let mode = fields["durability"].flatMap({ Durability(rawValue: String($0)) }) else { return nil }
        self.init(bootID: String(boot), durability: mode)
    }

    /// How the previous run ended, as its marker tells.
    public enum PreviousRun: Equatable, Sendable {
        /// No marker: the previous run stopped cleanly (or there was none).
        case stoppedCleanly
        /// A marker that cannot be read: the run was cut off, how is unknown.
        case unreadable
        /// The run was cut off; its marker.
        case cutOff(RunMarker)
    }

    /// Whether every session needs a new epoch before anything is served: the previous run was
    /// cut off with `process` durability on another boot than `currentBootID` (nil: unknown),
    /// or its marker cannot be read. A daemon killed on the same boot lost nothing (the
    /// operating system still wrote what it was handed), and `power` durability synced every
    /// acknowledged commit.
    public static func epochsNeedRenewal(after previous: PreviousRun, currentBootID: String?) -> Bool {
        switch previous {
        case .stoppedCleanly:
            return false
        case .unreadable:
            return true
        case .cutOff(let marker):
            return marker.durability == .process && marker.bootID != currentBootID
        }
    }
}
