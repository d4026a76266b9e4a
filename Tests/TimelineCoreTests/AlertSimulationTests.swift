import TimelineCore

/// Runs the policy over a sequence of evaluation dates the way the daemon does — evaluate the
/// lifecycle, decide, record the decision — and keeps a readable log of what was emitted.
struct AlertSimulation {
    var events: [LifecycleEvent]
    var thresholds: [Int]
    private(set) var ledger = AlertLedgerState()
    /// One line per emitted notification, in emission order.
    private(set) var log: [String] = []

    init(events: [LifecycleEvent], thresholds: [Int] = LifecycleFixture.defaultThresholds) {
        self.events = events
        self.thresholds = thresholds
    }

    @discardableResult
    mutating func evaluate(on date: CalendarDate) -> AlertDecision {
        let lifecycle = Lifecycle.evaluate(events, on: date, largestThreshold: thresholds.max() ?? 0)
        let decision = AlertPolicy.decide(lifecycle: lifecycle, thresholds: thresholds, ledger: ledger, on: date)
        ledger = decision.applied(to: ledger)
        log += decision.emit.map { Self.line(date, $0) }
        return decision
    }

    @discardableResult
    mutating func evaluate(on date: String) -> AlertDecision {
        evaluate(on: LifecycleFixture.day(date))
    }

    mutating func evaluate(daily first: String, through last: String) {
        for date in LifecycleFixture.days(first, last) { evaluate(on: date) }
    }

    /// The ledger after a single evaluation of `events` on `date`.
    static func ledger(
        after events: [LifecycleEvent], on date: String, thresholds: [Int] = LifecycleFixture.defaultThresholds
    ) -> AlertLedgerState {
        var simulation = AlertSimulation(events: events, thresholds: thresholds)
        simulation.evaluate(on: date)
        return simulation.ledger
    }

    /// `2023-08-31 reached T=180 E=2024-02-27 d=180`: the date evaluated, then the fields that are set.
    static func line(_ date: CalendarDate, _ notification: ExpiryNotification) -> String {
        var parts = ["\(date)", notification.kind.rawValue]
        if let threshold = notification.threshold { parts.append("T=\(threshold)") }
        if let expiry = notification.expiresOn { parts.append("E=\(expiry)") }
        if let previous = notification.previousExpiresOn { parts.append("prev=\(previous)") }
        if let days = notification.daysRemaining { parts.append("d=\(days)") }
        return parts.joined(separator: " ")
    }
}
