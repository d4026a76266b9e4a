/// Everything an agreement's lifecycle and alerts are computed from, as stored: its metadata and
/// the current revision of each of its lifecycle events, retracted ones included (flagged) since
/// `Lifecycle` itself leaves them out.
public struct AgreementInput: Sendable, Hashable {
    public let id: String
    public let title: String
    /// Actor ids in the order given.
    public let parties: [String]
    /// The agreement's own thresholds; nil: the configured global ones.
    public let alertDays: [Int]?
    public let events: [LifecycleEvent]

    public init(id: String, title: String, parties: [String], alertDays: [Int]?, events: [LifecycleEvent]) {
        self.id = id
        self.title = title
        self.parties = parties
        self.alertDays = alertDays
        self.events = events
    }

    /// The thresholds in force for this agreement, largest first, each once; negative values can
    /// never be reached and are left out.
    public func thresholds(default defaultThresholds: [Int]) -> [Int] {
        Set((alertDays ?? defaultThresholds).filter { $0 >= 0 }).sorted(by: >)
    }

    /// The lifecycle on `date` under `thresholds` (as returned by `thresholds(default:)`). Without
    /// any threshold an agreement counts as expiring on its expiry day only.
    public func lifecycle(on date: CalendarDate, thresholds: [Int]) -> Lifecycle {
        Lifecycle.evaluate(events, on: date, largestThreshold: thresholds.first ?? 0)
    }
}
