import Foundation

/// The IANA time zone names a session may use: the system's list plus `UTC`. The API checks
/// `timeZone` against it and the OpenAPI document lists it, so both say the same.
enum TimeZoneNames {
    /// Every accepted name, sorted.
    static let all: [String] = Array(Set(TimeZone.knownTimeZoneIdentifiers + ["UTC"])).sorted()

    /// Whether `name` is accepted.
    static func contains(_ name: String) -> Bool { known.contains(name) }

    private static let known = Set(all)
}
