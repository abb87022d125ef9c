import Foundation

/// The IANA time zone names a session may use: the system's list, `UTC`, and every zone and
/// link of the installed tz database (`tzdata.zi`; `zone1970.tab` and `zone.tab` too) that
/// Foundation can load, but `Factory`. The API checks `timeZone` against it and the OpenAPI
/// document lists it, so both say the same.
///
/// Foundation's own list lags the tz database: it lacks `Asia/Kolkata`, the canonical name
/// (it has only the old alias `Asia/Calcutta`), so a school entering the name the tz database
/// prints was refused. And browsers name zones as ICU does, often by a link the tz database
/// keeps for compatibility (`Asia/Saigon`, `America/Buenos_Aires`, `America/Indianapolis`):
/// without the links the console pre-selected a zone the server refused, and a facilitator in
/// Vietnam could not schedule with the default; `Etc/UTC`, what Debian's `/etc/timezone` says,
/// was refused too.
enum TimeZoneNames {
    /// Every accepted name, sorted.
    static let all: [String] = {
        let listed = (tzDatabaseNames(in: "/usr/share/zoneinfo") + tzDatabaseZones(in: "/usr/share/zoneinfo"))
            .filter { $0 != "Factory" && TimeZone(identifier: $0) != nil }
        return Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"] + listed)).sorted()
    }()

    /// Whether `name` is accepted.
    static func contains(_ name: String) -> Bool { known.contains(name) }

    private static let known = Set(all)

    /// Every zone (`Z name …`) and link (`L target name`) name of the tz database's compact
    /// source `tzdata.zi` under `directory`; none when the file is missing.
    static func tzDatabaseNames(in directory: String) -> [String] {
        guard let text = try? String(contentsOfFile: "\(directory)/tzdata.zi", encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line -> String? in
            let columns = line.split(separator: " ")
            switch columns.first {
            case "Z" where columns.count >= 2: return String(columns[1])
            case "L" where columns.count >= 3: return String(columns[2])
            default: return nil
            }
        }
    }

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
