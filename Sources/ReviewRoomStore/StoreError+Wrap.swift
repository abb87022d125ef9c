extension StoreError {
    /// `error` as a `StoreError` (everything the store throws already is; anything else is wrapped).
    static func wrap(_ error: any Error) -> StoreError {
        (error as? StoreError) ?? StoreError(.sqlite, "unexpected error: \(error)")
    }
}
