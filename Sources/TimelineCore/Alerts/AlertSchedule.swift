/// When an agreement must next be evaluated: the first day after an evaluation on which
/// `AlertPolicy` could decide anything for it while its events and thresholds stay as they are.
/// A pass that evaluates only the agreements due, besides those whose inputs changed, then
/// records and delivers exactly what a pass over every agreement would.
///
/// The schedule does not restate the policy's rules; it asks the policy itself, on the only days
/// where its answer can change. Between two such days the lifecycle is the same (no event starts)
/// and `E − D` crosses no threshold and not zero, so the policy decides alike on all of them:
/// - `E − T` for each threshold `T` (the threshold is reached);
/// - `E + 1` (the expiry has passed);
/// - the start of each event dated later (it may move `E`, terminate, or end a termination).
/// These days are taken from the lifecycle in force on the day before them, so an event that moves
/// `E` also moves the days that follow it.
public enum AlertSchedule {
    /// - Parameters:
    ///   - events: the agreement's lifecycle events as stored, retracted ones included.
    ///   - thresholds: as given to `AlertPolicy.decide`.
    ///   - ledger: the ledger once the decision made on `date` is recorded
    ///     (`AlertDecision.applied(to:)`).
    ///   - date: the day just evaluated.
    /// - Returns: the first day after `date` whose decision would record anything (`records(given:)`),
    ///   nil when no later day would, so only a change of events or thresholds can make it due.
    public static func nextDue(
        events: [LifecycleEvent], thresholds: [Int], ledger: AlertLedgerState, after date: CalendarDate
    ) -> CalendarDate? {
        // Only the status depends on the largest threshold, and the policy does not read it; it is
        // given as a pass gives it all the same.
        let largestThreshold = thresholds.max() ?? 0
        let eventDays = events.map(\.date.start)
        var day = date
        var expiry = Lifecycle.evaluate(events, on: date, largestThreshold: largestThreshold).expiresOn
        while let candidate = firstCandidate(after: day, expiry: expiry, thresholds: thresholds, eventDays: eventDays) {
            let lifecycle = Lifecycle.evaluate(events, on: candidate, largestThreshold: largestThreshold)
            let decision = AlertPolicy.decide(lifecycle: lifecycle, thresholds: thresholds, ledger: ledger, on: candidate)
            if decision.records(given: ledger) { return candidate }
            day = candidate
            expiry = lifecycle.expiresOn
        }
        return nil
    }

    /// The first day after `day` on which the decision may differ from the one on `day`, given the
    /// expiry in force on `day`. Days beyond the calendar are left out: they never come. (The
    /// earliest of them is all a pass needs, found without collecting the others: this runs for
    /// every agreement a pass evaluates.)
    private static func firstCandidate(
        after day: CalendarDate, expiry: CalendarDate?, thresholds: [Int], eventDays: [CalendarDate]
    ) -> CalendarDate? {
        var first: CalendarDate?
        func consider(_ candidate: CalendarDate?) {
            guard let candidate, candidate > day else { return }
            if let earliest = first, earliest <= candidate { return }
            first = candidate
        }
        eventDays.forEach(consider)
        if let expiry {
            for threshold in thresholds where threshold >= 0 { consider(expiry.adding(days: -threshold)) }
            consider(expiry.adding(days: 1))
        }
        return first
    }
}
