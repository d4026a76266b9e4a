import Foundation

/// A day of the proleptic Gregorian calendar, years 0001–9999 (contract §1).
///
/// Kept as fields rather than a day count because most uses print or compare dates; `dayNumber`
/// gives arithmetic when it is needed.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, CodableAsText {
    public let year: Int
    public let month: Int
    public let day: Int

    public static let validYears: ClosedRange<Int> = 1...9999
    public static let earliest = CalendarDate(checkedYear: 1, month: 1, day: 1)
    public static let latest = CalendarDate(checkedYear: 9999, month: 12, day: 31)
    /// The `dayNumber`s of `earliest...latest`.
    public static let dayNumbers: ClosedRange<Int> = 0...latest.dayNumber

    public init?(year: Int, month: Int, day: Int) {
        guard Self.validYears.contains(year), (1...12).contains(month),
            day >= 1, day <= Self.daysInMonth(month, year: year)
        else { return nil }
        self.init(checkedYear: year, month: month, day: day)
    }

    /// For fields already known to form a real date.
    init(checkedYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Exactly `YYYY-MM-DD`; a year or month alone is rejected.
    public init(parsing text: String) throws(DateParseError) {
        let fields = try DateSyntax.parse(text)
        guard let month = fields.month, let day = fields.day else {
            let precision = fields.month == nil ? "year" : "month"
            throw DateParseError(input: text, reason: "a full date YYYY-MM-DD is required, not a \(precision)")
        }
        self.init(checkedYear: fields.year, month: month, day: day)
    }

    /// The calendar date of `instant` as seen in `timeZone`, for taking "today" in the configured zone.
    ///
    /// Foundation's Gregorian calendar switches to Julian before 1582; that never matters for "today".
    public init?(_ instant: Date, in timeZone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = components.year, let month = components.month, let day = components.day else {
            return nil
        }
        self.init(year: year, month: month, day: day)
    }

    /// The instant this day begins in `timeZone`: when an alert about it starts (`startsAt`).
    public func start(in timeZone: TimeZone) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.date(from: DateComponents(year: year, month: month, day: day))
    }

    public var description: String {
        DateSyntax.format(year: year, month: month, day: day)
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The length of `month` (1–12) in `year`.
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let daysBeforeMonth = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]

    private static func daysBefore(month: Int, year: Int) -> Int {
        daysBeforeMonth[month - 1] + (month > 2 && isLeapYear(year) ? 1 : 0)
    }

    /// Days since 0001-01-01 (which is 0).
    public var dayNumber: Int {
        let previousYears = year - 1
        return previousYears * 365 + previousYears / 4 - previousYears / 100 + previousYears / 400
            + Self.daysBefore(month: month, year: year) + day - 1
    }

    public init?(dayNumber: Int) {
        guard Self.dayNumbers.contains(dayNumber) else { return nil }
        // Peel off whole 400-, 100-, 4- and 1-year cycles; the last year of a cycle is the long one,
        // hence the `min(…, 3)` that keeps its final day inside it.
        var rest = dayNumber
        let cycles400 = rest / 146_097
        rest %= 146_097
        let cycles100 = min(rest / 36_524, 3)
        rest -= cycles100 * 36_524
        let cycles4 = rest / 1_461
        rest %= 1_461
        let years = min(rest / 365, 3)
        rest -= years * 365
        let year = cycles400 * 400 + cycles100 * 100 + cycles4 * 4 + years + 1
        var month = 12
        while Self.daysBefore(month: month, year: year) > rest { month -= 1 }
        self.init(checkedYear: year, month: month, day: rest - Self.daysBefore(month: month, year: year) + 1)
    }

    /// nil when the result leaves 0001-01-01...9999-12-31.
    public func adding(days: Int) -> CalendarDate? {
        let (result, overflow) = dayNumber.addingReportingOverflow(days)
        return overflow ? nil : CalendarDate(dayNumber: result)
    }

    /// Years and months first, clamped to the end of the resulting month, then days — so
    /// 2024-01-31 + P1M is 2024-02-29 and 2024-01-31 + P1M1D is 2024-03-01.
    /// nil when the result leaves 0001...9999.
    public func adding(_ duration: ISODuration) -> CalendarDate? {
        let (yearMonths, overflow1) = duration.years.multipliedReportingOverflow(by: 12)
        let (months, overflow2) = yearMonths.addingReportingOverflow(duration.months)
        let (monthIndex, overflow3) = (year * 12 + month - 1).addingReportingOverflow(months)
        guard !overflow1, !overflow2, !overflow3, monthIndex >= 0 else { return nil }
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        guard Self.validYears.contains(newYear) else { return nil }
        let newDay = min(day, Self.daysInMonth(newMonth, year: newYear))
        return CalendarDate(checkedYear: newYear, month: newMonth, day: newDay).adding(days: duration.days)
    }

    /// `to − from` in days: positive when `to` is later.
    public static func days(from: CalendarDate, to: CalendarDate) -> Int {
        to.dayNumber - from.dayNumber
    }
}
