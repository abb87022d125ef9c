import Foundation

/// The IANA time zone names a session may use: the system's list, `UTC`, and every zone the
/// installed tz database lists (`zone1970.tab`, `zone.tab`) that Foundation can load. The API
/// checks `timeZone` against it and the OpenAPI document lists it, so both say the same.
///
/// Foundation's own list lags the tz database: it lacks `Asia/Kolkata`, the canonical name
/// (it has only the old alias `Asia/Calcutta`), so a school entering the name the tz database
/// prints was refused.
enum TimeZoneNames {
    /// Every accepted name, sorted.
    static let all: [String] = {
        let listed = tzDatabaseZones(in: "/usr/share/zoneinfo").filter { TimeZone(identifier: $0) != nil }
        return Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"] + listed)).sorted()
    }()

    /// Whether `name` is accepted.
    static func contains(_ name: String) -> Bool { known.contains(name) }

    private static let known = Set(all)

    /// The zone names (third column) of the tz database's `zone1970.tab` and `zone.tab` under
    /// `directory`; none when the files are missing.
    static func tzDatabaseZones(in directory: String) -> [String] {
        ["zone1970.tab", "zone.tab"].flatMap { file -> [String] in
            guard let text = try? String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line -> String? in
                guard !line.hasPrefix("#") else { return nil }
                let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
                return columns.count >= 3 ? String(columns[2]) : nil
            }
        }
    }
}
