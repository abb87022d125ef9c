import ReviewRoomCore

/// An HTTP `Date` value (RFC 9110 §5.6.7, IMF-fixdate): `Sun, 06 Dec 2026 02:20:05 GMT`.
///
/// `/livez` carries one, so a page told `not_open` can time its retry by the server's clock:
/// a school laptop's clock is often minutes off, and the page reloaded every 15 s until the
/// lobby opened (re-reading its notice to a screen reader each time, and stuck on the browser's
/// own error page if the Wi-Fi was down at a reload).
public enum HTTPDate {
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"] // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `instant` as IMF-fixdate, to the second (rounded down).
    public static func string(_ instant: Timestamp) -> String {
        let ms = instant.millisecondsSince1970
        let days = ms >= 0 ? ms / 86_400_000 : -((-ms + 86_399_999) / 86_400_000)
        let second = (ms - days * 86_400_000) / 1000
        let (year, month, day) = Timestamp.civil(fromDays: days)
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        return "\(weekday), \(pad(day)) \(months[Int(month - 1)]) \(pad(year, width: 4)) "
            + "\(pad(second / 3600)):\(pad(second / 60 % 60)):\(pad(second % 60)) GMT"
    }

    private static func pad(_ value: Int64, width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
