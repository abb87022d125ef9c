import Foundation
import LockedValue

/// Serves the browser client's files from one folder, refusing anything that would leave it.
public struct StaticFiles: Sendable {
    /// The folder served (symlinks resolved).
    public let root: URL
    /// The version the pages link their files under.
    private let versions: WebRootVersion
    /// Compressed bodies by their gzip entity tag: each file version is compressed once.
    private let compressed = Locked<[String: [UInt8]]>([:])
    /// Scripts and stylesheets without their comments, by their entity tag.
    private let uncommented = Locked<[String: [UInt8]]>([:])
    /// Most bodies kept in each of the two (the client has about seventy files; a folder edited
    /// in place makes new versions, and the oldest are then dropped all at once).
    private static let bodiesKept = 256

    /// Serves `root`.
    public init(root: URL) {
        self.root = root.resolvingSymlinksInPath().standardizedFileURL
        versions = WebRootVersion(root: self.root)
    }

    /// The version the pages link their files under now (the start-up line's `web_client`), or
    /// nil when the folder is not versioned (unreadable, or over a thousand files).
    public func currentVersion() -> String? { versions.current() }

    /// The response for `GET`/`HEAD` of `path` (raw, still percent-encoded), or nil when no
    /// file answers it (the caller then sends a 404). Every file carries an `ETag` (its
    /// content's hash). A page (HTML) is `no-store` and links its files under the current
    /// version of the folder (``VersionedLinks``): a file asked for under that version is kept
    /// by the browser for good (`immutable`), so a reload asks for nothing but the page; any
    /// other file is `no-cache`, asked for again each time with `If-None-Match` and answered by
    /// an empty 304 when unchanged (``cacheControl(forContentType:pinned:)``). Text files go
    /// gzipped to a client whose `acceptEncoding` takes it (`Vary: Accept-Encoding`; the tag
    /// then ends in `-gzip`), scripts and stylesheets without their comments. On a school link
    /// of 64 kbit/s every page load fetched all 300 KB again, about 40 s (a network probe). A
    /// room page now loads 90 KB the first time (155 KB gzipped with its comments, 450 KB plain:
    /// 20 s on that link instead of 28), and a reload only the page, under 1 KB: joined in 0.75 s
    /// on a link with 300 ms round trips (Chromium's emulation), where asking again for each of
    /// its 53 other files (about 17 KB of 304s) took 3.8 s.
    public func response(forPath path: String, ifNoneMatch: String? = nil, acceptEncoding: String? = nil) -> HTTPResponseBuilder? {
        guard let relative = Self.safeRelativePath(path) else { return nil }
        if let versioned = VersionedLinks.split(relative) {
            // Only files: a page under v/ would link its files under v/<version>/v/<version>/.
            guard let url = file(at: String(versioned.file)) else { return nil }
            let contentType = ContentTypes.forFile(named: url.lastPathComponent)
            guard !Self.isPage(contentType), let data = FileManager.default.contents(atPath: url.path) else { return nil }
            return response(for: served([UInt8](data), contentType: contentType), contentType: contentType,
                            pinned: versions.holds(String(versioned.file), asOf: versioned.version),
                            ifNoneMatch: ifNoneMatch, acceptEncoding: acceptEncoding)
        }
        var candidates: [String]
        if relative.isEmpty || relative.hasSuffix("/") {
            candidates = [relative + "index.html"]
        } else if !(relative.split(separator: "/").last ?? "").contains(".") {
            // Pretty URLs: /join serves join.html (or join/index.html).
            candidates = [relative + ".html", relative + "/index.html"]
        } else {
            candidates = [relative]
        }
        for candidate in candidates where !candidate.isEmpty {
            guard let url = file(at: candidate), let data = FileManager.default.contents(atPath: url.path) else { continue }
            let contentType = ContentTypes.forFile(named: url.lastPathComponent)
            var file = served([UInt8](data), contentType: contentType)
            if Self.isPage(contentType), let current = versions.current() {
                let page = Array(VersionedLinks.rewrite(String(decoding: file.body, as: UTF8.self), version: current,
                                                        isVersioned: isVersionable).utf8)
                file = ServedFile(body: page, tag: Self.entityTag(of: page))
            }
            return response(for: file, contentType: contentType, pinned: false, ifNoneMatch: ifNoneMatch, acceptEncoding: acceptEncoding)
        }
        return nil
    }

    /// The regular file `relative` names inside the folder, or nil when there is none (a
    /// symlink inside the folder must not lead out of it).
    private func file(at relative: String) -> URL? {
        let url = root.appendingPathComponent(relative).resolvingSymlinksInPath().standardizedFileURL
        var isDirectory: ObjCBool = false
        guard url.path.hasPrefix(root.path + "/"), FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
              !isDirectory.boolValue else { return nil }
        return url
    }

    /// Whether a page links `link` under its version: a plain relative path (no scheme, query,
    /// fragment, escape or leading `/` or `.`) to a file of the folder that is not a page.
    private func isVersionable(_ link: String) -> Bool {
        guard let first = link.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
              !link.contains(where: { ":?#%".contains($0) }), Self.safeRelativePath("/" + link) == link,
              let url = file(at: link) else { return false }
        return !Self.isPage(ContentTypes.forFile(named: url.lastPathComponent))
    }

    /// Whether `contentType` is a page's.
    private static func isPage(_ contentType: String) -> Bool { contentType.hasPrefix("text/html") }

    /// The 200 (or 304) for `file`, gzipped when that is taken and worth it; `pinned` when it was
    /// asked for under the folder's current version.
    private func response(for file: ServedFile, contentType: String, pinned: Bool, ifNoneMatch: String?, acceptEncoding: String?) -> HTTPResponseBuilder {
        let body = file.body
        let plainTag = file.tag
        let compressible = Self.isCompressible(contentType)
        let gzipTag = String(plainTag.dropLast()) + "-gzip\""
        var gzipped: [UInt8]?
        if compressible, Gzip.isAccepted(by: acceptEncoding) { gzipped = compressedBody(body, tag: gzipTag) }
        let tag = gzipped == nil ? plainTag : gzipTag
        var headers = [("Cache-Control", Self.cacheControl(forContentType: contentType, pinned: pinned)), ("ETag", tag)]
        if compressible { headers.append(("Vary", "Accept-Encoding")) }
        // Either variant's tag stands for this content: the browser keeps whichever it has.
        if let ifNoneMatch, Self.matches(ifNoneMatch, plainTag) || Self.matches(ifNoneMatch, gzipTag) {
            return HTTPResponseBuilder(status: 304, contentType: nil, headers: headers, body: [])
        }
        guard let gzipped else { return HTTPResponseBuilder(status: 200, contentType: contentType, headers: headers, body: body) }
        headers.append(("Content-Encoding", "gzip"))
        return HTTPResponseBuilder(status: 200, contentType: contentType, headers: headers, body: gzipped)
    }

    /// `body` gzipped (kept under `tag`), or nil when that would not make it smaller.
    private func compressedBody(_ body: [UInt8], tag: String) -> [UInt8]? {
        let made = Self.remembered(in: compressed, under: tag) { Gzip.compress(body).flatMap { $0.count < body.count ? $0 : nil } }
        return made.isEmpty ? nil : made
    }

    /// A file's `content` as served, with its entity tag: a script or stylesheet without its
    /// comments (``ScriptComments``, ``StyleComments``; as it is when the scan is unsure of it),
    /// any other file as it is. The served form is made once per content (a room page's files
    /// are 155 KB gzipped, 90 KB without comments) and its tag is the content's, marked with the
    /// form's revision, so a request hashes the file once, as it did before (the debug daemon
    /// of the browser suite hashed each script twice a request otherwise).
    private func served(_ content: [UInt8], contentType: String) -> ServedFile {
        let tag = Self.entityTag(of: content)
        let strip: ([UInt8]) -> [UInt8]?
        if contentType.contains("javascript") {
            strip = ScriptComments.stripped
        } else if contentType.hasPrefix("text/css") {
            strip = StyleComments.stripped
        } else {
            return ServedFile(body: content, tag: tag)
        }
        let servedTag = String(tag.dropLast()) + "-" + WebRootVersion.servedFormRevision + "\""
        return ServedFile(body: Self.remembered(in: uncommented, under: servedTag) { strip(content) ?? content }, tag: servedTag)
    }

    /// What `make` made under `key`, kept in `cache`, made once (an empty result stands for nil).
    private static func remembered(in cache: Locked<[String: [UInt8]]>, under key: String, make: () -> [UInt8]?) -> [UInt8] {
        if let kept = cache.withLock({ $0[key] }) { return kept }
        let made = make() ?? []
        cache.withLock { kept in
            if kept.count >= bodiesKept { kept.removeAll() }
            kept[key] = made
        }
        return made
    }

    /// `no-store` for a page; for a file asked for under the folder's current version (`pinned`),
    /// kept for a year without asking (`immutable`: not even on a reload); `no-cache` (kept,
    /// asked again each time) for any other file.
    /// Chromium keeps a `no-cache` room page, WebSocket and all, frozen in its back/forward
    /// cache when the person goes to another page in the same tab, and answers the daemon's
    /// pings for it: the others saw that person online until the browser dropped the page
    /// (a probe: still online 45 s after leaving). It never caches a `no-store` page holding a
    /// WebSocket, so the page unloads, its connection closes and the person goes offline at
    /// once; Back loads the page again and it rejoins (its link is in the tab's
    /// sessionStorage). The pages are under 1 KB each, so a reload costs nothing to speak of.
    static func cacheControl(forContentType contentType: String, pinned: Bool) -> String {
        isPage(contentType) ? "no-store" : pinned ? "public, max-age=31536000, immutable" : "no-cache"
    }

    /// Text, scripts, JSON and SVG shrink; images and fonts are compressed already.
    static func isCompressible(_ contentType: String) -> Bool {
        contentType.hasPrefix("text/") || contentType.contains("json") || contentType.contains("javascript")
            || contentType.hasPrefix("image/svg")
    }

    /// A strong entity tag for `bytes`: their 64-bit FNV-1a hash in hex, quoted. Not a
    /// security measure: it only has to change when a file's content does.
    static func entityTag(of bytes: [UInt8]) -> String {
        var hash = FNV1a64()
        hash.add(bytes)
        return "\"" + hash.hex + "\""
    }

    /// Whether an `If-None-Match` value names `tag` (RFC 9110 §13.1.2: `*`, or a list of tags
    /// compared weakly, so `W/"…"` from a proxy that weakened it matches too).
    static func matches(_ ifNoneMatch: String, _ tag: String) -> Bool {
        let wanted = ifNoneMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return wanted.contains { $0 == "*" || $0 == tag || $0 == "W/" + tag }
    }

    /// The path below the root without the leading `/`, or nil when it is malformed or would
    /// climb out (`..`, `.`, encoded slashes or backslashes, NUL, hidden files).
    static func safeRelativePath(_ path: String) -> String? {
        guard path.hasPrefix("/") else { return nil }
        let rawSegments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        var segments: [String] = []
        for (index, raw) in rawSegments.enumerated() {
            guard let segment = PercentDecoding.decode(raw) else { return nil }
            if segment.isEmpty {
                // Only a trailing slash may leave an empty segment.
                guard index == rawSegments.count - 1 else { return nil }
                segments.append("")
                continue
            }
            guard !segment.hasPrefix("."), !segment.contains("/"), !segment.contains("\\"),
                  !segment.unicodeScalars.contains(where: { $0.value < 0x20 }) else { return nil }
            segments.append(segment)
        }
        return segments.joined(separator: "/")
    }
}

/// A file's body as served and its entity tag.
private struct ServedFile {
    /// The bytes served (before any gzip).
    var body: [UInt8]
    /// Its strong entity tag, quoted.
    var tag: String
}
