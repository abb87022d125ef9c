extension RecordStyle {
    /// Where the daemon serves ``css`` as a stylesheet (`text/css`), under its usual headers.
    ///
    /// The record's head carries both the inline `<style>` and ``linkElement``: served by the
    /// daemon, whose CSP (`default-src 'self'`) blocks the inline style, the linked sheet
    /// applies; opened from disk (an export), no CSP applies and the inline style does, while
    /// the link finds nothing at `/record.css` and is ignored. Both carry the same ``css``.
    public static let servedPath = "/record.css"

    /// The `<link>` to ``servedPath`` in the record's head.
    static var linkElement: String { "<link rel=\"stylesheet\" href=\"\(servedPath)\">" }
}
