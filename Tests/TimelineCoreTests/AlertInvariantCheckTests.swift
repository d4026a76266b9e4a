import TimelineCore

/// Follows one agreement through its evaluations and collects every breach of the invariants that
/// must hold at each evaluation, whatever the dates and thresholds:
/// - at most one threshold notice (`reached` / `due`) per evaluation;
/// - each (E, T) is emitted at most once, and for one `E` every threshold emitted is smaller than
///   all those emitted before it;
/// - nothing already in the ledger is emitted or skipped again, and nothing is both in one decision;
/// - a threshold notice has `0 ≤ days_remaining ≤ T`, `due` exactly for `T = 0`;
/// - `expired` at most once per `E` and only past it; `extended` / `renewed` at most once per `E`
///   and only to a later expiry; `terminated` at most once, and a terminated agreement emits
///   nothing else.
struct AlertInvariantCheck {
    private var emittedThresholds: [CalendarDate: [Int]] = [:]
    private var expired: Set<CalendarDate> = []
    private var extended: Set<CalendarDate> = []
    private var terminations = 0
    private(set) var breaches: [String] = []

    mutating func record(
        _ decision: AlertDecision, of lifecycle: Lifecycle, ledger: AlertLedgerState, on date: CalendarDate
    ) {
        var found: [String] = []
        func breach(_ text: String) { found.append(text) }
        let thresholdNotices = decision.emit.filter { $0.kind == .reached || $0.kind == .due }
        if thresholdNotices.count > 1 { breach("\(thresholdNotices.count) threshold notices") }
        if let expiry = decision.newRecordedExpiry {
            let done = ledger.thresholdsDone[expiry, default: []]
            let skipped = Set(decision.skippedThresholds)
            if !skipped.isDisjoint(with: done) { breach("skips \(skipped.intersection(done)) again for \(expiry)") }
            if skipped.count != decision.skippedThresholds.count { breach("skips a threshold twice") }
            if thresholdNotices.contains(where: { skipped.contains($0.threshold ?? -1) }) { breach("emits a threshold it skips") }
        } else if !decision.skippedThresholds.isEmpty {
            breach("skips thresholds without an expiry")
        }
        if lifecycle.isTerminated, decision.emit.contains(where: { $0.kind != .terminated }) {
            breach("a terminated agreement emits \(decision.emit.map(\.kind))")
        }
        for notice in decision.emit {
            check(notice, ledger: ledger, date: date, breach)
        }
        breaches += found.map { "\(date): \($0)" }
    }

    private mutating func check(
        _ notice: ExpiryNotification, ledger: AlertLedgerState, date: CalendarDate, _ breach: (String) -> Void
    ) {
        let days = notice.expiresOn.map { CalendarDate.days(from: date, to: $0) }
        if notice.daysRemaining != days { breach("days_remaining \(String(describing: notice.daysRemaining)), not \(String(describing: days))") }
        switch notice.kind {
        case .reached, .due:
            guard let expiry = notice.expiresOn, let threshold = notice.threshold, let days else {
                return breach("a threshold notice without expiry or threshold")
            }
            let earlier = emittedThresholds[expiry, default: []]
            if earlier.contains(threshold) { breach("emits (\(expiry), \(threshold)) twice") }
            if let smallest = earlier.min(), threshold > smallest { breach("emits \(threshold) after \(smallest) for \(expiry)") }
            if ledger.thresholdsDone[expiry, default: []].contains(threshold) { breach("emits (\(expiry), \(threshold)) already in the ledger") }
            if !(0...threshold).contains(days) { breach("emits threshold \(threshold) with \(days) days left") }
            if (notice.kind == .due) != (threshold == 0) { breach("\(notice.kind) for threshold \(threshold)") }
            emittedThresholds[expiry, default: []].append(threshold)
        case .expired:
            guard let expiry = notice.expiresOn, let days, days < 0 else { return breach("expired before the expiry") }
            if !expired.insert(expiry).inserted { breach("expired twice for \(expiry)") }
        case .extended, .renewed:
            guard let expiry = notice.expiresOn, let previous = notice.previousExpiresOn, previous < expiry else {
                return breach("\(notice.kind) without a later expiry")
            }
            if !extended.insert(expiry).inserted { breach("extension to \(expiry) announced twice") }
        case .terminated:
            terminations += 1
            if terminations > 1 { breach("terminated \(terminations) times") }
        }
    }
}
