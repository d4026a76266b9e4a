/// One agreement evaluated by a pass: what the ledger held before and what the policy decided.
public struct AgreementEvaluation: Sendable, Hashable {
    public let agreementID: String
    /// Carried through to the notifications delivered, which name the agreement.
    public let title: String
    public let ledger: AlertLedgerState
    public let decision: AlertDecision
    /// The schedule in the agreement's evaluation row before; nil without a row, or with one
    /// written before schedules were kept.
    public let recordedSchedule: AgreementSchedule?
    /// The schedule after this decision.
    public let schedule: AgreementSchedule
    /// Whether the evaluation row says the agreement was terminated.
    public let recordedAsTerminated: Bool
    /// Whether it is terminated on the date evaluated: what the row must say after this evaluation.
    public let isTerminated: Bool

    public init(
        agreementID: String, title: String, ledger: AlertLedgerState, decision: AlertDecision,
        recordedSchedule: AgreementSchedule?, recordedAsTerminated: Bool, isTerminated: Bool,
        schedule: AgreementSchedule
    ) {
        self.agreementID = agreementID
        self.title = title
        self.ledger = ledger
        self.decision = decision
        self.recordedSchedule = recordedSchedule
        self.recordedAsTerminated = recordedAsTerminated
        self.isTerminated = isTerminated
        self.schedule = schedule
    }

    /// Whether `agreement_evaluations` must be written: on the first evaluation (no schedule
    /// recorded), and when `E`, the termination, the day next due or the thresholds behind it
    /// moved. Every other evaluation would rewrite the row it read.
    public var changesEvaluationRow: Bool {
        recordedSchedule != schedule || ledger.recordedExpiry != decision.newRecordedExpiry
            || recordedAsTerminated != isTerminated
    }

    /// Whether recording it writes anything at all.
    public var hasLedgerRows: Bool {
        changesEvaluationRow || decision.records(given: ledger)
    }
}
