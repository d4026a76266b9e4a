/// Contract §5: which expiry notifications one evaluation of one agreement emits, given what the
/// ledger already holds. Evaluation only — recording the decision and delivering the notifications
/// belong to the caller, as rule evaluation and notification are apart in Alertmanager.
///
/// Emission order within one evaluation:
/// 1. `terminated` — alone: a terminated agreement gets nothing else, ever, while it stays so.
/// 2. `extended` / `renewed` — the change of expiry comes first, because what follows is about the
///    new `E` and reads wrongly without it.
/// 3. At most one notice about the `E` in force: the threshold notice (`reached` or `due`) while
///    `0 ≤ E − D`, or `expired` once `D > E`. The two exclude each other.
///
/// Where §5 leaves the ledger open, the policy records rather than emits, so that nothing stale
/// or out of order is announced later:
/// - on an evaluation with `D > E`, every threshold of `E` still open is recorded as skipped — all
///   were passed — so a later evaluation on an earlier date (`alerts evaluate --as-of`) cannot warn
///   about an expiry already reported as expired, and a daemon that was down across `E` ends with
///   the same ledger as one that ran every day;
/// - a reached threshold larger than one already done for this `E` (possible only when the
///   agreement's `alert_days` gained it later) is skipped, not emitted, so a larger threshold is
///   never announced after a smaller one for the same `E`.
///
/// History is not news (contract §12): on an agreement's first evaluation, an expiry more than
/// `expiredAlertDays` days before `D` records `expired` as skipped — importing a century of
/// treaties pages nobody. A termination first seen is still emitted.
///
/// A termination that is retracted ends the silence: the agreement is evaluated as usual again,
/// and `terminated` is not repeated should it be terminated anew.
public enum AlertPolicy {
    /// `alerts.expired_alert_days` unless configured.
    public static let defaultExpiredAlertDays = 30

    /// - Parameters:
    ///   - lifecycle: the agreement's lifecycle evaluated on `date`.
    ///   - thresholds: the agreement's `alert_days` or the global ones, in any order; duplicates
    ///     count once and negative values, which can never be reached, are ignored.
    ///   - ledger: what is already recorded for this agreement.
    ///   - date: `D`.
    ///   - expiredAlertDays: how long past its expiry an agreement first evaluated is still news.
    public static func decide(
        lifecycle: Lifecycle, thresholds: [Int], ledger: AlertLedgerState, on date: CalendarDate,
        expiredAlertDays: Int = defaultExpiredAlertDays
    ) -> AlertDecision {
        let expiry = lifecycle.expiresOn
        let daysRemaining = expiry.map { CalendarDate.days(from: date, to: $0) }

        if lifecycle.isTerminated {
            let notice = ExpiryNotification(kind: .terminated, expiresOn: expiry, daysRemaining: daysRemaining)
            return AlertDecision(emit: ledger.terminated ? [] : [notice], skippedThresholds: [], newRecordedExpiry: expiry)
        }
        guard let expiry, let daysRemaining else {
            return AlertDecision(emit: [], skippedThresholds: [], newRecordedExpiry: nil)
        }

        var emit: [ExpiryNotification] = []
        if let previous = ledger.recordedExpiry, ledger.hasBeenEvaluated, expiry > previous,
            !ledger.extensionsFor.contains(expiry)
        {
            emit.append(ExpiryNotification(
                kind: lifecycle.expirySetBy == .renewal ? .renewed : .extended, expiresOn: expiry,
                previousExpiresOn: previous, daysRemaining: daysRemaining))
        }

        let done = ledger.thresholdsDone[expiry, default: []]
        let open = Set(thresholds.filter { $0 >= 0 }).subtracting(done)
        if daysRemaining < 0 {
            guard !ledger.expiredFor.contains(expiry) else {
                return AlertDecision(emit: emit, skippedThresholds: open.sorted(), newRecordedExpiry: expiry)
            }
            if !ledger.hasBeenEvaluated, -daysRemaining > expiredAlertDays {
                return AlertDecision(emit: emit, skippedThresholds: open.sorted(), skipsExpired: true, newRecordedExpiry: expiry)
            }
            emit.append(ExpiryNotification(kind: .expired, expiresOn: expiry, daysRemaining: daysRemaining))
            return AlertDecision(emit: emit, skippedThresholds: open.sorted(), newRecordedExpiry: expiry)
        }

        let reached = open.filter { daysRemaining <= $0 }.sorted()
        guard let smallest = reached.first, smallest < done.min() ?? .max else {
            return AlertDecision(emit: emit, skippedThresholds: reached, newRecordedExpiry: expiry)
        }
        emit.append(ExpiryNotification(
            kind: smallest == 0 ? .due : .reached, expiresOn: expiry, threshold: smallest,
            daysRemaining: daysRemaining))
        return AlertDecision(emit: emit, skippedThresholds: Array(reached.dropFirst()), newRecordedExpiry: expiry)
    }
}
