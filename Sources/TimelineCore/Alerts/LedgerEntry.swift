/// One agreement's part of the ledger as a pass reads it: the facts the policy is given and the
/// schedule recorded with them.
public struct LedgerEntry: Sendable, Hashable {
    public var state: AlertLedgerState
    /// nil: never evaluated, or evaluated before schedules were kept.
    public var schedule: AgreementSchedule?
    /// Whether the evaluation row says the agreement was terminated when last evaluated: what the
    /// expiry metrics and status counts read (contract §12).
    public var recordedAsTerminated: Bool

    public init(state: AlertLedgerState = AlertLedgerState(), schedule: AgreementSchedule? = nil, recordedAsTerminated: Bool = false) {
        self.state = state
        self.schedule = schedule
        self.recordedAsTerminated = recordedAsTerminated
    }
}
