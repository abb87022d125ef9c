import Foundation
import ReviewRoomCore

/// File names for a session's downloads: its start date (in its time zone) and title, as the
/// console names what it downloads (`download-names.js`), so a record fetched with `curl -OJ`
/// or saved by a proxy is `2026-12-01 Reading for pleasure - record.md`, not `record`.
public enum DownloadFileName {
    /// The longest title part of a file name, in characters.
    static let titlePartMax = 80

    /// `info`'s start date and title, safe for a file name on any system: format characters
    /// (direction controls, zero-width ones) and noncharacters go; path separators, the
    /// characters Windows refuses and control characters become `-`, runs of spaces and of `-`
    /// fold, a leading dot, space or `-` goes, and the title is cut to 80 characters with no
    /// space, dot or `-` left at its end; the session id stands in for a title with nothing left.
    public static func stem(_ info: SessionInfo) -> String {
        let date = RecordTimeFormatter(timeZone: info.timeZone).date(info.startsAt)
        var title = ""
        for character in withoutInvisibles(info.title.precomposedStringWithCanonicalMapping) {
            let replaced: Character = isRefused(character) ? "-" : character.isWhitespace ? " " : character
            if replaced == " " && title.last == " " || replaced == "-" && title.last == "-" { continue }
            if title.isEmpty && (replaced == " " || replaced == "-" || replaced == ".") { continue }
            title.append(replaced)
        }
        var cut = String(title.prefix(titlePartMax))
        while let last = cut.last, last == " " || last == "." || last == "-" { cut.removeLast() }
        return "\(date) \(cut.isEmpty ? info.id : cut)"
    }

    /// The record's file name in `format`: `<stem> - record.md`.
    public static func record(_ info: SessionInfo, format: RecordFormat) -> String {
        "\(stem(info)) - record.\(format.rawValue)"
    }

    /// The calendar file's name: `<stem>.ics`.
    public static func calendar(_ info: SessionInfo) -> String { "\(stem(info)).ics" }

    /// `text` without format characters and noncharacters: a right-to-left override in a title
    /// (`Minutes \u{202E}fdp.`) showed a file manager `… lmth.drocer - pdf` for an `.html`, and
    /// zero-width characters made names that look the same and are not.
    private static func withoutInvisibles(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.filter { $0.properties.generalCategory != .format && !$0.properties.isNoncharacterCodePoint })
        return String(kept)
    }

    private static func isRefused(_ character: Character) -> Bool {
        character.unicodeScalars.contains { scalar in
            "\\/:*?\"<>|".unicodeScalars.contains(scalar) || scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029
        }
    }
}
