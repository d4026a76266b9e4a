import Postgres
import TimelineCore

/// One evaluation pass of contract §5: the one the daemon's alert engine runs on its schedule and
/// after ingests, and the one `timelined alerts evaluate` runs once.
///
/// Evaluation, ledger and delivery stay apart as in Alertmanager: the pass reads the inputs and
/// ledger states of the agreements in its scope in two statements, decides in memory with the
/// pure `Lifecycle` and `AlertPolicy`, records the decisions in one transaction
/// (`NotificationLedger.record`), and returns what its caller must deliver. Delivery itself is
/// the caller's.
///
/// With each decision it records when the agreement is next due (`AlertSchedule`), so that the
/// daemon's hourly pass (`AlertScope.due`) reads only the agreements with something to record
/// instead of every one.
public struct AlertPass: Sendable {
    private let agreements: AgreementStore
    private let ledger: NotificationLedger

    public init(pool: PostgresPool) {
        agreements = AgreementStore(pool: pool)
        ledger = NotificationLedger(pool: pool)
    }

    /// Evaluates the agreements of `scope` on `date`.
    ///
    /// - Parameter defaultThresholds: the configured thresholds, for agreements without `alert_days`.
    /// - Returns: the notifications whose ledger rows this pass inserted, by agreement id and then in
    ///   emission order. Another pass that decided the same notifications gets none of them.
    public func run(on date: CalendarDate, _ scope: AlertScope = .all, defaultThresholds: [Int]) async throws
        -> [DeliverableNotification]
    {
        let ids: [String]? = switch scope {
        case .all: nil
        case .agreements(let named): named
        case .due(let named): try await ledger.due(on: date, defaultThresholds: defaultThresholds, including: named)
        }
        if ids?.isEmpty == true { return [] }
        // Two connections at once: the ledger does not depend on the inputs.
        async let inputs = agreements.inputs(ids: ids)
        async let entries = ledger.entries(for: ids)
        let (loadedInputs, loadedEntries) = try await (inputs, entries)
        let evaluations = loadedInputs.concurrentMap { input in
            let thresholds = input.thresholds(default: defaultThresholds)
            let entry = loadedEntries[input.id] ?? LedgerEntry()
            let decision = AlertPolicy.decide(
                lifecycle: input.lifecycle(on: date, thresholds: thresholds), thresholds: thresholds, ledger: entry.state, on: date)
            let nextDue = AlertSchedule.nextDue(
                events: input.events, thresholds: thresholds, ledger: decision.applied(to: entry.state), after: date)
            return AgreementEvaluation(
                agreementID: input.id, title: input.title, ledger: entry.state, decision: decision, recordedSchedule: entry.schedule,
                schedule: AgreementSchedule(nextDueOn: nextDue, thresholds: input.alertDays ?? defaultThresholds))
        }
        return try await ledger.record(evaluations, on: date)
    }
}
