import Foundation

/// Serves the browser client's files from one folder, refusing anything that would leave it.
public struct StaticFiles: Sendable {
    /// The folder served (symlinks resolved).
    public let root: URL

    /// Serves `root`.
    public init(root: URL) { self.root = root.resolvingSymlinksInPath().standardizedFileURL }

    /// The response for `GET`/`HEAD` of `path` (raw, still percent-encoded), or nil when no
    /// file answers it (the caller then sends a 404).
    public func response(forPath path: String) -> HTTPResponseBuilder? {
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
            return HTTPResponseBuilder(status: 200, contentType: ContentTypes.forFile(named: url.lastPathComponent),
                                       headers: [("Cache-Control", "no-cache")], body: [UInt8](data))
        }
        return nil
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
