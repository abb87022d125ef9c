extension String {
    /// Line breaks as spaces, for one-line contexts.
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
