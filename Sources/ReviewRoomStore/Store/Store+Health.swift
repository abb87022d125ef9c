extension Store {
    /// Why the store's commits are failing right now (`.diskFull`, an I/O error, a read-only
    /// file system…), or nil when they are not: set when a batch fails to commit, cleared when
    /// a later batch that changed rows commits — a real write, or the writer's own probe commit,
    /// tried every ``StoreConfiguration/commitRetryMilliseconds`` while it fails and nothing else
    /// is written. An empty ``probe()`` neither sets nor clears it.
    public var commitFailure: StoreError? { writer.health.current }

    /// Commits the writer's probe now (what it does on its own every
    /// ``StoreConfiguration/commitRetryMilliseconds`` while commits fail) when commits are
    /// failing, and returns the failure still standing afterwards: nil once the probe committed
    /// (the disk has room again). Does nothing and returns nil while commits succeed.
    @discardableResult
    public func retryFailedCommits() async -> StoreError? {
        guard commitFailure != nil else { return nil }
        // The probe's own failure is recorded in the health, which is the answer.
        try? await write { try CommitProbe.run($0) }
        return commitFailure
    }

    /// Returns nil once commits succeed (at once when they do now): after a real write or the
    /// writer's probe commits; returns the failure still standing if the store closes first or
    /// the calling task is cancelled.
    public func waitUntilCommitsSucceed() async -> StoreError? {
        await writer.health.waitUntilCommitting()
    }
}
