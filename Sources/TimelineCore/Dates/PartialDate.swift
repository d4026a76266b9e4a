/// A contract date of year, month or day precision, standing for the interval of days it covers
/// (contract §1): `1979` is 1979-01-01...1979-12-31.
public struct PartialDate: Hashable, Comparable, Sendable, CustomStringConvertible, CodableAsText {
    /// Encoded as its `name`, the way the API shows it (`"precision": "month"`).
    public enum Precision: Int, Comparable, Sendable, CaseIterable, Codable {
        case year = 0
        case month = 1
        case day = 2

        public var name: String {
            switch self {
            case .year: "year"
            case .month: "month"
            case .day: "day"
            }
        }

        public init?(name: String) {
            guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
            self = match
        }

        public static func < (lhs: Precision, rhs: Precision) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            let name = try container.decode(String.self)
            guard let precision = Precision(name: name) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "'\(name)' is not a precision: expected year, month or day")
            }
            self = precision
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(name)
        }
    }

    public let year: Int
    public let month: Int?
    public let day: Int?

    public var precision: Precision {
        day != nil ? .day : month != nil ? .month : .year
    }

    /// nil when the fields do not name a real year, month or day (a day needs a month).
    public init?(year: Int, month: Int? = nil, day: Int? = nil) {
        guard CalendarDate.validYears.contains(year) else { return nil }
        if let month, !(1...12).contains(month) { return nil }
        if let day {
            guard let month, CalendarDate(year: year, month: month, day: day) != nil else { return nil }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day-precision date of `date`.
    public init(_ date: CalendarDate) {
        year = date.year
        month = date.month
        day = date.day
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; everything else is rejected with a reason.
    public init(parsing text: String) throws(DateParseError) {
        let fields = try DateSyntax.parse(text)
        year = fields.year
        month = fields.month
        day = fields.day
    }

    /// The first day of the interval.
    public var start: CalendarDate {
        CalendarDate(checkedYear: year, month: month ?? 1, day: day ?? 1)
    }

    /// The last day of the interval: `2023-02` ends on 2023-02-28, `1979` on 1979-12-31.
    public var end: CalendarDate {
        let lastMonth = month ?? 12
        return CalendarDate(
            checkedYear: year, month: lastMonth, day: day ?? CalendarDate.daysInMonth(lastMonth, year: year))
    }

    /// Whether the interval shares at least one day with `from...to` (the contract's range filter).
    public func overlaps(from: CalendarDate, to: CalendarDate) -> Bool {
        start <= to && end >= from
    }

    public var description: String {
        DateSyntax.format(year: year, month: month, day: day)
    }

    /// Contract §1: by start of interval, then coarser precision first, so 1979 < 1979-01 < 1979-01-01.
    public static func < (lhs: PartialDate, rhs: PartialDate) -> Bool {
        let (left, right) = (lhs.start, rhs.start)
        return left != right ? left < right : lhs.precision < rhs.precision
    }
}
