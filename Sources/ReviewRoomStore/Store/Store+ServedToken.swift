/// Telling a database put back from a file copy from the one the data directory last served.
///
/// `reviewroomd backup` gives every session a new epoch, so a restored backup makes resuming
/// clients reload. A plain copy of the file (a `cp`, a VM or file-system snapshot) does not: put
/// back, its sessions keep their epochs while their seqs now number other events than the
/// clients saw, and a resume replays the wrong history (a network-fault probe's clients ended up
/// silently out of step). So `serve` keeps a token in the database (`store_metadata`
/// `served_token`) and the same token beside it, in its lock file; both change at every start
/// and every clean stop. A database whose token is not the directory's is a copy from another
/// moment, and its sessions get new epochs.
extension Store {
    /// Records `token` as the database's served token and returns how many sessions got a new
    /// epoch because the token stored before was not `directoryToken` (nil when it was, or when
    /// the directory has none to compare: a first start, a new data directory). One transaction.
    public func exchangeServedToken(_ token: String, expecting directoryToken: String?) async throws -> Int? {
        try await write { connection in
            let stored = try connection.rows("SELECT value FROM store_metadata WHERE key = 'served_token'") { $0.text(0) }.first
            var renewed: Int?
            if let directoryToken, stored != directoryToken { renewed = try Self.renewEveryEpoch(on: connection) }
            try connection.run("INSERT OR REPLACE INTO store_metadata(key, value) VALUES ('served_token', ?1)") { try $0.bind(1, token) }
            return renewed
        }
    }
}
