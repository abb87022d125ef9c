@testable import ReviewRoomCore

/// The editing-traces JSON format (sequential and concurrent).
struct EditTrace: Decodable {
    struct Patch: Decodable {
        var position: Int
        var deleted: Int
        var inserted: String

        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            position = try c.decode(Int.self)
            deleted = try c.decode(Int.self)
            inserted = try c.decode(String.self)
        }
    }

    struct Transaction: Decodable {
        var patches: [Patch]
        var parents: [Int]?
        var agent: Int?
    }

    var startContent: String?
    var endContent: String
    var txns: [Transaction]
}
