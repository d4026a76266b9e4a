import TimelineCore

/// The time axis of the SVG timeline: the days it spans and ticks at a step that suits the span,
/// from single days to centuries, so that a week and a half-century both get a handful of labels.
public struct TimeAxis: Sendable, Hashable {
    public struct Tick: Sendable, Hashable {
        public let date: CalendarDate
        public let label: String
    }

    /// A tick step: every `count` days, months or years.
    enum Step: Sendable, Hashable {
        case days(Int)
        case months(Int)
        case years(Int)

        /// Roughly how many days one step covers, to estimate the number of ticks.
        var approximateDays: Double {
            switch self {
            case .days(let count): Double(count)
            case .months(let count): Double(count) * 30.44
            case .years(let count): Double(count) * 365.25
            }
        }

        static let candidates: [Step] =
            [1, 2, 7, 14].map(Step.days) + [1, 2, 3, 6].map(Step.months)
            + [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].map(Step.years)
    }

    public let first: CalendarDate
    /// The last day shown, included.
    public let last: CalendarDate
    public let ticks: [Tick]
    let step: Step

    /// - Parameter maximumTicks: the most labels the width holds.
    public init(first: CalendarDate, last: CalendarDate, maximumTicks: Int = 10) {
        self.first = first
        self.last = max(first, last)
        let span = Double(CalendarDate.days(from: first, to: self.last) + 1)
        step = Step.candidates.first { span / $0.approximateDays <= Double(maximumTicks) } ?? .years(1000)
        ticks = Self.ticks(from: first, through: self.last, step: step)
    }

    /// Days from `first` to the start of `date`, as a fraction of the axis (0 at `first`, 1 after `last`).
    public func position(of date: CalendarDate) -> Double {
        Double(CalendarDate.days(from: first, to: date)) / Double(CalendarDate.days(from: first, to: last) + 1)
    }

    /// The position just after `date`: where a span that ends on it stops.
    public func position(after date: CalendarDate) -> Double {
        position(of: date) + 1 / Double(CalendarDate.days(from: first, to: last) + 1)
    }

    private static func ticks(from first: CalendarDate, through last: CalendarDate, step: Step) -> [Tick] {
        var ticks: [Tick] = []
        var date = firstTick(onOrAfter: first, step: step)
        var previousYear: Int?
        while let current = date, current <= last {
            ticks.append(Tick(date: current, label: label(of: current, step: step, showYear: previousYear != current.year)))
            previousYear = current.year
            date = next(after: current, step: step)
        }
        return ticks
    }

    private static func firstTick(onOrAfter date: CalendarDate, step: Step) -> CalendarDate? {
        switch step {
        case .days:
            return date
        case .months(let count):
            var (year, month) = (date.year, date.month)
            if date.day > 1 { (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1) }
            while (month - 1) % count != 0 { (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1) }
            return CalendarDate(year: year, month: month, day: 1)
        case .years(let count):
            var year = date.month == 1 && date.day == 1 ? date.year : date.year + 1
            year = (year + count - 1) / count * count
            return CalendarDate(year: max(year, CalendarDate.validYears.lowerBound), month: 1, day: 1)
        }
    }

    private static func next(after date: CalendarDate, step: Step) -> CalendarDate? {
        switch step {
        case .days(let count):
            return date.adding(days: count)
        case .months(let count):
            let months = date.year * 12 + date.month - 1 + count
            return CalendarDate(year: months / 12, month: months % 12 + 1, day: 1)
        case .years(let count):
            return CalendarDate(year: date.year + count, month: 1, day: 1)
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `27 Aug`, `Aug`, `2023`; the year is added where it changes, so the axis reads on its own.
    private static func label(of date: CalendarDate, step: Step, showYear: Bool) -> String {
        let month = monthNames[date.month - 1]
        return switch step {
        case .days: showYear ? "\(date.day) \(month) \(date.year)" : "\(date.day) \(month)"
        case .months: showYear ? "\(month) \(date.year)" : month
        case .years: String(date.year)
        }
    }
}
