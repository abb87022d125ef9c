import Foundation

/// JSON response bodies of the API, encoded one way everywhere (sorted keys, no escaped slashes).
enum JSONReply {
    /// A `status` response with `value` as `application/json`.
    static func response<T: Encodable>(_ status: Int, _ value: T) -> HTTPResponseBuilder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return HTTPResponseBuilder(status: status, contentType: "application/json", body: [UInt8](try encoder.encode(value)))
        } catch {
            return APIError.internalError("the reply could not be encoded as JSON: \(error)").response
        }
    }

    /// `204 No Content`.
    static let noContent = HTTPResponseBuilder(status: 204)
}
