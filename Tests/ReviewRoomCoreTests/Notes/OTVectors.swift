@testable import ReviewRoomCore

/// `ot-vectors.json`, described by its own `about` key.
struct OTVectors: Decodable {
    struct Transform: Decodable { var name: String; var doc: String; var a, b, aPrime, bPrime: TextOperation; var result: String }
    struct Compose: Decodable { var name: String; var doc: String; var a, b, composed: TextOperation; var result: String }
    struct Invert: Decodable { var doc: String; var op, inverse: TextOperation }
    struct Cursor: Decodable { var doc: String; var op: TextOperation; var position, expected: Int }
    struct Valid: Decodable { var doc, json, result: String }
    struct Invalid: Decodable { var doc, json, kind, mentions: String }

    var transform: [Transform]
    var compose: [Compose]
    var invert: [Invert]
    var cursor: [Cursor]
    var valid: [Valid]
    var invalid: [Invalid]
}
