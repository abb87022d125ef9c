/// The one JSON object `facilitator add --json` prints (keys sort to id, name, token).
struct AddedFacilitatorJSON: Encodable {
    let id: String
    let name: String
    let token: String
}
