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
        let ranges = accept.split(separator: ",").map(MediaRange.init)
        // Each format takes the quality of the most specific range that matches it (RFC 9110
        // §12.5.1), so `text/markdown;q=0, */*` refuses Markdown instead of the wildcard
        // granting it. Equal qualities: the range listed first, then Markdown, HTML, JSON.
        var best: (format: RecordFormat, quality: Double, order: Int)?
        for format in [RecordFormat.markdown, .html, .json] {
            let matches = ranges.enumerated().compactMap { order, range in
                range.specificity(for: format).map { (specificity: $0, quality: range.quality, order: order) }
            }
            guard let match = matches.max(by: { ($0.specificity, -$0.order) < ($1.specificity, -$1.order) }),
                  match.quality > 0 else { continue }
            if best.map({ (match.quality, -match.order) > ($0.quality, -$0.order) }) ?? true {
                best = (format, match.quality, match.order)
            }
        }
        guard let best else {
            throw .notAcceptable("Accept: '\(accept)' names no record type this server makes "
                + "(text/markdown, text/html, application/json)")
        }
        return best.format
    }

    /// One range of an `Accept` header: its media type (lower case) and quality.
    private struct MediaRange {
        let mediaType: String
        let quality: Double

        init(_ text: Substring) {
            let parts = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            mediaType = parts.first ?? ""
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            self.quality = quality
        }

        /// How specifically this range names `format`: 3 its own type, 2 its type's `…/*`,
        /// 1 `*/*`; nil when it does not match.
        func specificity(for format: RecordFormat) -> Int? {
            switch (format, mediaType) {
            case (.markdown, "text/markdown"), (.markdown, "text/x-markdown"), (.html, "text/html"),
                 (.html, "application/xhtml+xml"), (.json, "application/json"): 3
            case (.markdown, "text/*"), (.html, "text/*"), (.json, "application/*"): 2
            case (_, "*/*"): 1
            default: nil
            }
        }
    }
}
