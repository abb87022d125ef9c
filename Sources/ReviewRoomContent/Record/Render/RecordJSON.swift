import Foundation

/// The JSON record: ``ReviewRecord`` encoded with sorted keys (schema: ``RecordSchema``).
enum RecordJSON {
    /// Pretty-printed UTF-8 JSON of `record`.
    static func render(_ record: ReviewRecord) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Every value in the record is a string, number, bool, array or object of those,
        // so encoding cannot fail; an empty object stands in should that ever change.
        guard let data = try? encoder.encode(record) else { return Array("{}".utf8) }
        return Array(data) + [0x0A]
    }
}
