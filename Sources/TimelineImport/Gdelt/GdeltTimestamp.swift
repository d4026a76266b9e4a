import TimelineCore

/// A `DATEADDED` cell: `YYYYMMDDHHMMSS` (UTC), kept as that number, which orders as time does.
public struct GdeltTimestamp: Hashable, Comparable, Sendable {
    public let digits: UInt64
    public let day: CalendarDate

    public init?(_ digits: UInt64) {
        let time = digits % 1_000_000
        let date = digits / 1_000_000
        guard time / 10_000 < 24, time / 100 % 100 < 60, time % 100 < 60,
            let day = CalendarDate(year: Int(date / 10_000), month: Int(date / 100 % 100), day: Int(date % 100))
        else { return nil }
        self.digits = digits
        self.day = day
    }

    public static func < (lhs: GdeltTimestamp, rhs: GdeltTimestamp) -> Bool { lhs.digits < rhs.digits }
}
