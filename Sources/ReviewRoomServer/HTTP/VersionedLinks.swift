/// Paths that name one version of the web client's files (`v/<version>/css/app.css`), so a
/// browser keeps each file until the files change instead of asking for it on every load.
///
/// A page links its script, stylesheet and icon under the current ``WebRootVersion``; the
/// modules import one another by relative paths, so every module a page loads is fetched under
/// the same prefix without being named in the page. A file under the current version is served
/// `immutable`; one under any other version (a page loaded before an upgrade) is served as it is
/// now, to be asked for again, so an old name never keeps new content.
enum VersionedLinks {
    /// The first segment of a versioned path.
    static let segment = "v"

    /// `relative` (a path below the web root, without its leading `/`) split into the version it
    /// names and the file's own path, or nil when it is not a versioned path.
    static func split(_ relative: String) -> (version: Substring, file: Substring)? {
        let parts = relative.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == segment, WebRootVersion.isWellFormed(parts[1]), !parts[2].isEmpty else { return nil }
        return (parts[1], parts[2])
    }

    /// `html` with the value of each `src` and `href` attribute that `isVersioned` takes (a
    /// file's plain relative path) put under `v/<version>/`; every other byte as it was. The
    /// value may be in double quotes, single quotes or none, and the name in any case, as HTML
    /// allows (someone's own pages in `web_root` need not be written as the shipped ones are).
    static func rewrite(_ html: String, version: String, isVersioned: (String) -> Bool) -> String {
        html.replacing(/(?<lead>\s(?i:src|href)=)(?:"(?<double>[^"]*)"|'(?<single>[^']*)'|(?<bare>[^\s"'=<>`]+))/) { match in
            let (link, quote): (Substring, String) = if let double = match.output.double { (double, "\"") }
                else if let single = match.output.single { (single, "'") }
                else { (match.output.bare ?? "", "") }
            let value = isVersioned(String(link)) ? "\(segment)/\(version)/\(link)" : String(link)
            return "\(match.output.lead)\(quote)\(value)\(quote)"
        }
    }
}
