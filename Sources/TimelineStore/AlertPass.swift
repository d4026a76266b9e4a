import Postgres
import TimelineCore

/// One evaluation pass of contract §5: the one the daemon's alert engine runs on its schedule and
/// after ingests, and the one `timelined alerts evaluate` runs once.
///
/// Evaluation, ledger and delivery stay apart as in Alertmanager: the pass reads every input and
/// ledger state in two statements, decides in memory with the pure `Lifecycle` and `AlertPolicy`,
/// records the decisions in one transaction (`NotificationLedger.record`), and returns what its
/// caller must deliver. Delivery itself is the caller's.
public struct AlertPass: Sendable {
    private let agreements: AgreementStore
    private let ledger: NotificationLedger

    public init(pool: PostgresPool) {
        agreements = AgreementStore(pool: pool)
        ledger = NotificationLedger(pool: pool)
    }

    /// Evaluates the agreements named (`agreements` nil: all) on `date`.
    ///
    /// - Parameter defaultThresholds: the configured thresholds, for agreements without `alert_days`.
    /// - Returns: the notifications whose ledger rows this pass inserted, by agreement id and then in
    ///   emission order. Another pass that decided the same notifications gets none of them.
    public func run(on date: CalendarDate, agreements ids: [String]? = nil, defaultThresholds: [Int]) async throws
        -> [DeliverableNotification]
    {
        // Two connections at once: the ledger does not depend on the inputs.
        async let inputs = agreements.inputs(ids: ids)
        async let states = ledger.states(for: ids)
        let (loadedInputs, loadedStates) = try await (inputs, states)
        let evaluations = loadedInputs.map { input in
            let thresholds = input.thresholds(default: defaultThresholds)
            let state = loadedStates[input.id] ?? AlertLedgerState()
            let decision = AlertPolicy.decide(
                lifecycle: input.lifecycle(on: date, thresholds: thresholds), thresholds: thresholds, ledger: state, on: date)
            return AgreementEvaluation(agreementID: input.id, title: input.title, ledger: state, decision: decision)
        }
        return try await ledger.record(evaluations, on: date)
    }
}
