import Foundation
import TimelineCore

/// The non-TEXT value types the feed writes (RFC 5545 §3.3).
enum ICalendarValue {
    /// DATE: `YYYYMMDD`.
    static func date(_ date: CalendarDate) -> String {
        date.description.filter { $0 != "-" }
    }

    private static let utcDateTime = Date.ISO8601FormatStyle(
        dateSeparator: .omitted, dateTimeSeparator: .standard, timeSeparator: .omitted, timeZone: .gmt)

    /// DATE-TIME in UTC (form #2): `YYYYMMDDTHHMMSSZ`, whole seconds, since DATE-TIME has no fraction.
    static func utcDateTime(_ instant: Date) -> String {
        instant.formatted(utcDateTime)
    }

    /// A DURATION reaching `days` whole days back. Zero is `PT0S`, the spelling every client
    /// accepts for "at the start" (some reject `-P0D`).
    static func daysBefore(_ days: Int) -> String {
        days == 0 ? "PT0S" : "-P\(days)D"
    }
}
