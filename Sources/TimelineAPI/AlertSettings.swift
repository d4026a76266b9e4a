import Foundation
import TimelineCore

/// The `alerts.*` settings of contract §6 the agreement, alert and calendar reads evaluate with.
public struct AlertSettings: Sendable, Hashable {
    /// `alerts.thresholds`: days before expiry, for agreements without `alert_days` of their own.
    public var thresholds: [Int]
    /// `alerts.time_zone`: where "today", the default `as_of`, is taken.
    public var timeZone: TimeZone
    /// `alerts.expiry_metrics`: false leaves the per-agreement expiry series out of `/metrics`.
    public var expiryMetrics: Bool

    public init(thresholds: [Int] = [180, 90, 30, 7, 1, 0], timeZone: TimeZone = .gmt, expiryMetrics: Bool = true) {
        self.thresholds = thresholds
        self.timeZone = timeZone
        self.expiryMetrics = expiryMetrics
    }

    /// Today's date in `timeZone`, read at every request: a daemon runs across midnights.
    func today(now: Date = Date()) throws(UnrepresentableToday) -> CalendarDate {
        guard let today = CalendarDate(now, in: timeZone) else { throw UnrepresentableToday(now: now, timeZone: timeZone) }
        return today
    }
}

/// The system clock says a time outside the years 0001–9999: a fault of the host, which
/// `ProblemMiddleware` logs and answers 500 rather than evaluating on a made-up date.
struct UnrepresentableToday: Error, CustomStringConvertible {
    let now: Date
    let timeZone: TimeZone

    var description: String {
        "the clock reads \(now), which in \(timeZone.identifier) is outside the years 0001–9999"
    }
}
