/// How hard the store works to keep committed events (`durability` key).
public enum Durability: String, Sendable, CaseIterable {
    /// Committed events survive a crash of the daemon (WAL, no fsync per commit).
    case process
    /// Committed events also survive a power cut (fsync per group commit).
    case power
}
