/// How much a commit must survive before the store reports it durable (`durability` config key).
public enum Durability: String, Sendable, CaseIterable {
    /// WAL with `synchronous=NORMAL`: a commit survives a crash or `kill -9` of the daemon,
    /// but the last few commits may be lost if the machine loses power.
    case process
    /// WAL with `synchronous=FULL`: the WAL is fsynced at every commit, so a commit survives power loss.
    case power

    /// The `PRAGMA synchronous` value for this mode.
    var synchronousPragma: String {
        switch self {
        case .process: "NORMAL"
        case .power: "FULL"
        }
    }
}
