import Foundation
import ReviewRoomContent

/// Picks the record format: `?format=` wins; else the best `Accept` match; else Markdown.
enum RecordNegotiation {
    /// The format for `format` (the query value, if any) and `accept` (the header, if any).
    static func format(query format: String?, accept: String?) throws(APIError) -> RecordFormat {
        if let format {
            guard let chosen = RecordFormat(rawValue: format.lowercased()) else {
                throw .badRequest("format: '\(format)' is not one of 'md', 'html', 'json'")
            }
            return chosen
        }
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .markdown }
        var best: (format: RecordFormat, quality: Double, order: Int)?
        for (order, range) in accept.split(separator: ",").enumerated() {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let mediaType = parts.first else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            guard quality > 0, let format = Self.format(forMediaType: mediaType) else { continue }
            if quality > (best?.quality ?? 0) { best = (format, quality, order) }
        }
        guard let best else {
            throw .notAcceptable("Accept: '\(accept)' names no record type this server makes "
                + "(text/markdown, text/html, application/json)")
        }
        return best.format
    }

    private static func format(forMediaType type: String) -> RecordFormat? {
        switch type {
        case "text/markdown", "text/*", "*/*", "text/x-markdown": .markdown
        case "text/html", "application/xhtml+xml": .html
        case "application/json", "application/*": .json
        default: nil
        }
    }
}
