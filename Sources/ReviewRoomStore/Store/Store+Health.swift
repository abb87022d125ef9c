extension Store {
    /// Why the store's commits are failing right now (`.diskFull`, an I/O error, a read-only
    /// file system…), or nil when they are not: set when a batch fails to commit, cleared when
    /// a later batch that changed rows commits. An empty ``probe()`` neither sets nor clears it.
    public var commitFailure: StoreError? { writer.health.current }
}
