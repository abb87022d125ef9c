/// Renders the review record.
public enum RecordRenderer {
    /// The record of `input` in `format`, as bytes ready to send or write.
    public static func render(_ input: RecordInput, as format: RecordFormat) -> [UInt8] {
        render(ReviewRecord(input), as: format)
    }

    /// An already built record in `format`.
    public static func render(_ record: ReviewRecord, as format: RecordFormat) -> [UInt8] {
        switch format {
        case .markdown: Array(RecordMarkdown.render(record).utf8)
        case .html: Array(RecordHTML.render(record).utf8)
        case .json: RecordJSON.render(record)
        }
    }
}
