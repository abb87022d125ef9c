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

    /// The language hints in the final text, with the line each is on.
    func phrasesToRevisit() -> [RecordPhrase] {
        let units = Array(text.utf16)
        return LanguageHints.scan(text).map { hint in
            var start = hint.from
            while start > 0 && units[start - 1] != 0x0A { start -= 1 }
            var end = hint.to
            while end < units.count && units[end] != 0x0A { end += 1 }
            var line = String(decoding: units[start ..< end], as: UTF16.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if line.count > 200 { line = String(line.prefix(199)) + "…" }
            return RecordPhrase(note: id, noteTitle: title, from: hint.from, to: hint.to, phrase: hint.phrase,
                                suggestion: hint.suggestion, context: line)
        }
    }
}
