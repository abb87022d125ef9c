extension RecordStyle {
    /// Where the daemon serves ``css`` as a stylesheet (`text/css`), under its usual headers.
    ///
    /// The record's head carries both the inline `<style>` and ``linkElement``: served by the
    /// daemon, whose CSP (`default-src 'self'`) blocks the inline style, the linked sheet
    /// applies; opened from disk (an export), no CSP applies and the inline style does, while
    /// the link finds nothing and is ignored. Both carry the same ``css``.
    public static let servedPath = "/record.css"

    /// The record page's path, relative to which ``linkHref`` is written:
    /// `/api/v1/sessions/{id}/record` has four folders above it.
    public static let recordRoute = "/api/v1/sessions/{id}/record"

    /// The `href` of ``linkElement``: ``servedPath`` relative to the record's own URL
    /// (``recordRoute``), not absolute, so that behind a reverse proxy that serves ReviewRoom
    /// under a path prefix (`public_url` `https://school.example/reviewroom`) the sheet is
    /// asked for under that prefix too.
    public static let linkHref = String(repeating: "../", count: recordRoute.split(separator: "/").count - 1)
        + String(servedPath.dropFirst())

    /// The `<link>` to the served stylesheet in the record's head.
    static var linkElement: String { "<link rel=\"stylesheet\" href=\"\(linkHref)\">" }
}
