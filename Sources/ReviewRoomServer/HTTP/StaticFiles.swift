import Foundation

/// Serves the browser client's files from one folder, refusing anything that would leave it.
public struct StaticFiles: Sendable {
    /// The folder served (symlinks resolved).
    public let root: URL

    /// Serves `root`.
    public init(root: URL) { self.root = root.resolvingSymlinksInPath().standardizedFileURL }

    /// The response for `GET`/`HEAD` of `path` (raw, still percent-encoded), or nil when no
    /// file answers it (the caller then sends a 404). Every file carries an `ETag` (its
    /// content's hash), and `Cache-Control: no-cache`: a browser asks again each time, with
    /// `If-None-Match`, and gets an empty 304 when the file is unchanged. On a school link of
    /// 64 kbit/s every page load fetched all 300 KB again, about 40 s (a network probe).
    public func response(forPath path: String, ifNoneMatch: String? = nil) -> HTTPResponseBuilder? {
        guard let relative = Self.safeRelativePath(path) else { return nil }
        var candidates: [String]
        if relative.isEmpty || relative.hasSuffix("/") {
            candidates = [relative + "index.html"]
        } else if !(relative.split(separator: "/").last ?? "").contains(".") {
            // Pretty URLs: /join serves join.html (or join/index.html).
            candidates = [relative + ".html", relative + "/index.html"]
        } else {
            candidates = [relative]
        }
        candidates = candidates.filter { !$0.isEmpty }
        for candidate in candidates {
            let url = root.appendingPathComponent(candidate).resolvingSymlinksInPath().standardizedFileURL
            // A symlink inside the folder must not lead out of it.
            guard url.path.hasPrefix(root.path + "/") else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            let body = [UInt8](data)
            let tag = Self.entityTag(of: body)
            let headers = [("Cache-Control", "no-cache"), ("ETag", tag)]
            if let ifNoneMatch, Self.matches(ifNoneMatch, tag) {
                return HTTPResponseBuilder(status: 304, contentType: nil, headers: headers, body: [])
            }
            return HTTPResponseBuilder(status: 200, contentType: ContentTypes.forFile(named: url.lastPathComponent),
                                       headers: headers, body: body)
        }
        return nil
    }

    /// A strong entity tag for `bytes`: their 64-bit FNV-1a hash in hex, quoted. Not a
    /// security measure: it only has to change when a file's content does.
    static func entityTag(of bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
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
