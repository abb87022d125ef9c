import Foundation
import ReviewRoomCore

extension RecordNote {
    /// The record of `buffer`: its text cut into passages by author.
    init(_ buffer: NoteBuffer, title: String, names: RecordNames) {
        let units = buffer.text.units
        var passages: [RecordPassage] = []
        var authors: [String] = []
        for run in buffer.authorship() where !run.range.isEmpty {
            let name = run.author.map(names.name) ?? "earlier text"
            if !authors.contains(name) { authors.append(name) }
            passages.append(RecordPassage(
                from: run.range.lowerBound, to: run.range.upperBound, author: run.author, authorName: name,
                text: String(decoding: units[run.range], as: UTF16.self)))
        }
        self.init(id: buffer.id, title: title, rev: buffer.revision, text: String(decoding: units, as: UTF16.self),
                  passages: passages, authors: authors)
    }

    /// The language hints in the final text, each with the line it is on (``RecordPhraseContext``).
    func phrasesToRevisit() -> [RecordPhrase] {
        let units = Array(text.utf16)
        return LanguageHints.scan(text).map { hint in
            RecordPhrase(note: id, noteTitle: title, from: hint.from, to: hint.to, phrase: hint.phrase,
                         suggestion: hint.suggestion, context: RecordPhraseContext.context(of: hint.from ..< hint.to, in: units))
        }
    }
}
