import ReviewRoomContent

extension RecordInput {
    /// The record rendered as `format`, as text.
    func text(_ format: RecordFormat) -> String {
        String(decoding: RecordRenderer.render(self, as: format), as: UTF8.self)
    }
}
