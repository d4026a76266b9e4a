import TestSupport
import TimelineCore

/// A random agreement for the property tests: up to eight lifecycle events in 2020–2022 (every kind,
/// every precision, expiries before and after their event, `extends_by` with and without an expiry
/// to extend, some retracted, rarely a termination), a random threshold list, and a last day to
/// evaluate on between 2021-01-01 and 2023-06-30, so runs end before, around and after the expiries.
struct RandomAgreement: CustomStringConvertible {
    static let firstDay = LifecycleFixture.day("2020-01-01")
    static let latestDay = LifecycleFixture.day("2023-06-30")
    static let thresholdPool = [0, 1, 2, 3, 7, 14, 30, 45, 60, 90, 180, 365]

    let events: [LifecycleEvent]
    let thresholds: [Int]
    let lastDay: CalendarDate

    init(using random: inout SeededRandom) {
        let kinds: [EventKind] = [.signing, .entryIntoForce, .amendment, .amendment, .extension, .extension, .renewal, .renewal, .expiration]
        var ids = Array(1...99).shuffled(using: &random)
        events = (0..<Int.random(in: 1...8, using: &random)).map { _ in
            let kind = Int.random(in: 0..<25, using: &random) == 0 ? .termination : kinds.randomElement(using: &random)!
            let start = Self.day(Self.firstDay, plus: Int.random(in: 0...1000, using: &random))
            var expiresOn: CalendarDate?
            var extendsBy: ISODuration?
            if kind.allowsExpiresOn, Int.random(in: 0..<10, using: &random) < 6 {
                expiresOn = Self.day(start, plus: Int.random(in: -90...600, using: &random))
            } else if kind.allowsExtendsBy, Int.random(in: 0..<10, using: &random) < 8 {
                extendsBy = [
                    ISODuration(months: Int.random(in: 1...12, using: &random)),
                    ISODuration(days: Int.random(in: 1...400, using: &random)),
                    ISODuration(years: 1, months: Int.random(in: 0...6, using: &random)),
                ].randomElement(using: &random)!
            }
            return LifecycleEvent(
                eventID: String(ids.removeLast()), kind: kind, date: Self.partialDate(start, using: &random),
                expiresOn: expiresOn, extendsBy: extendsBy, isRetracted: Int.random(in: 0..<10, using: &random) == 0)
        }
        // Repeats and any order are allowed; an empty list means "no threshold notices".
        thresholds = (0..<Int.random(in: 0...7, using: &random)).map { _ in Self.thresholdPool.randomElement(using: &random)! }
        lastDay = Self.day(Self.latestDay, plus: -Int.random(in: 0...910, using: &random))
    }

    /// Every day from `firstDay` through `lastDay`.
    var everyDay: [CalendarDate] {
        (Self.firstDay.dayNumber...lastDay.dayNumber).compactMap(CalendarDate.init(dayNumber:))
    }

    /// Increasing dates from somewhere in the first month, 1 to 150 days apart, ending on `lastDay`.
    func gappedDays(using random: inout SeededRandom) -> [CalendarDate] {
        var days: [CalendarDate] = []
        var date = Self.day(Self.firstDay, plus: Int.random(in: 0...30, using: &random))
        while date < lastDay {
            days.append(date)
            date = Self.day(date, plus: Int.random(in: 1...150, using: &random))
        }
        return days + [lastDay]
    }

    /// Dates anywhere from `firstDay` through `latestDay`, in no order, repeats allowed: what `alerts evaluate --as-of`
    /// run by hand between the daemon's passes can produce.
    static func scrambledDays(using random: inout SeededRandom) -> [CalendarDate] {
        let span = latestDay.dayNumber - firstDay.dayNumber
        return (0..<Int.random(in: 1...60, using: &random)).map { _ in day(firstDay, plus: Int.random(in: 0...span, using: &random)) }
    }

    var description: String {
        let lines = events.map { event in
            "\(event.eventID) \(event.kind.rawValue) \(event.date)"
                + (event.expiresOn.map { " expires_on \($0)" } ?? "") + (event.extendsBy.map { " extends_by \($0)" } ?? "")
                + (event.isRetracted ? " retracted" : "")
        }
        return "last day \(lastDay), thresholds \(thresholds); events: " + lines.joined(separator: "; ")
    }

    private static func day(_ date: CalendarDate, plus days: Int) -> CalendarDate {
        date.adding(days: days)!
    }

    /// Mostly days; sometimes the month or year of `date`, so that partial dates start earlier.
    private static func partialDate(_ date: CalendarDate, using random: inout SeededRandom) -> PartialDate {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: PartialDate(year: date.year)!
        case 1, 2: PartialDate(year: date.year, month: date.month)!
        default: PartialDate(date)
        }
    }
}
