/// One agreement's part of the ledger as a pass reads it: the facts the policy is given and the
/// schedule recorded with them.
public struct LedgerEntry: Sendable, Hashable {
    public var state: AlertLedgerState
    /// nil: never evaluated, or evaluated before schedules were kept.
    public var schedule: AgreementSchedule?

    public init(state: AlertLedgerState = AlertLedgerState(), schedule: AgreementSchedule? = nil) {
        self.state = state
        self.schedule = schedule
    }
}
