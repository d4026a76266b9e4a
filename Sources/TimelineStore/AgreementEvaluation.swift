import TimelineCore

/// One agreement evaluated by a pass: what the ledger held before and what the policy decided.
public struct AgreementEvaluation: Sendable, Hashable {
    public let agreementID: String
    /// Carried through to the notifications delivered, which name the agreement.
    public let title: String
    public let ledger: AlertLedgerState
    public let decision: AlertDecision

    public init(agreementID: String, title: String, ledger: AlertLedgerState, decision: AlertDecision) {
        self.agreementID = agreementID
        self.title = title
        self.ledger = ledger
        self.decision = decision
    }

    /// Whether `agreement_evaluations` must be written: on the first evaluation, and when `E` moved.
    /// Every other evaluation would rewrite the row it read.
    var changesRecordedExpiry: Bool {
        !ledger.hasBeenEvaluated || ledger.recordedExpiry != decision.newRecordedExpiry
    }

    /// Whether recording it writes anything at all.
    var hasLedgerRows: Bool {
        changesRecordedExpiry || !decision.emit.isEmpty || !decision.skippedThresholds.isEmpty
    }
}
