/// The outcome of one evaluation of one agreement: what to emit and what to record. Delivery
/// (log line, ledger insert) is the caller's; the decision itself touches nothing.
public struct AlertDecision: Sendable, Hashable {
    /// In emission order (see `AlertPolicy`).
    public let emit: [ExpiryNotification]
    /// Thresholds of `newRecordedExpiry` to record as skipped, ascending; never emitted.
    public let skippedThresholds: [Int]
    /// Whether `expired` for `newRecordedExpiry` is recorded as skipped: history, not news.
    public let skipsExpired: Bool
    /// `E` on this evaluation, to record as the agreement's last seen expiry.
    public let newRecordedExpiry: CalendarDate?

    init(emit: [ExpiryNotification], skippedThresholds: [Int], skipsExpired: Bool = false, newRecordedExpiry: CalendarDate?) {
        self.emit = emit
        self.skippedThresholds = skippedThresholds
        self.skipsExpired = skipsExpired
        self.newRecordedExpiry = newRecordedExpiry
    }

    /// Whether recording this decision adds anything to `state`: a notification, a skipped
    /// threshold, the first recorded expiry or a changed one. The policy never decides a fact
    /// `state` already holds, so a decision that records nothing leaves the ledger as it was.
    public func records(given state: AlertLedgerState) -> Bool {
        !emit.isEmpty || !skippedThresholds.isEmpty || skipsExpired || !state.hasBeenEvaluated || state.recordedExpiry != newRecordedExpiry
    }

    /// `state` once this decision is recorded: what the next evaluation must be given.
    public func applied(to state: AlertLedgerState) -> AlertLedgerState {
        var state = state
        state.hasBeenEvaluated = true
        state.recordedExpiry = newRecordedExpiry
        for notification in emit {
            switch notification.kind {
            case .reached, .due:
                if let expiry = notification.expiresOn, let threshold = notification.threshold {
                    state.thresholdsDone[expiry, default: []].insert(threshold)
                }
            case .expired:
                if let expiry = notification.expiresOn { state.expiredFor.insert(expiry) }
            case .extended, .renewed:
                if let expiry = notification.expiresOn { state.extensionsFor.insert(expiry) }
            case .terminated:
                state.terminated = true
            }
        }
        if let expiry = newRecordedExpiry, !skippedThresholds.isEmpty {
            state.thresholdsDone[expiry, default: []].formUnion(skippedThresholds)
        }
        if let expiry = newRecordedExpiry, skipsExpired {
            state.expiredFor.insert(expiry)
        }
        return state
    }
}
