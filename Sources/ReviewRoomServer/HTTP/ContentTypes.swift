/// `Content-Type` values of the static files the daemon serves.
public enum ContentTypes {
    /// The type for a file name by its extension; unknown ones are `application/octet-stream`.
    public static func forFile(named name: String) -> String {
        let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json", "map": return "application/json"
        case "webmanifest": return "application/manifest+json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt", "md": return "text/plain; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        default: return "application/octet-stream"
        }
    }
}
