/// Evaluation in one place (contract §5): for each agreement, what the policy decides on a date
/// given its lifecycle and its part of the ledger, and when it is next due. Pure: the caller
/// reads the inputs and the ledger, and records the result.
public enum AlertEvaluator {
    /// One evaluation per input, in the inputs' order, spread over the cores.
    ///
    /// - Parameters:
    ///   - defaultThresholds: the configured thresholds, for agreements without `alert_days`.
    ///   - expiredAlertDays: `alerts.expired_alert_days` (see `AlertPolicy`).
    public static func evaluate(
        _ inputs: [AgreementInput], ledger: [String: LedgerEntry], on date: CalendarDate, defaultThresholds: [Int],
        expiredAlertDays: Int = AlertPolicy.defaultExpiredAlertDays
    ) -> [AgreementEvaluation] {
        inputs.concurrentMap { input in
            let thresholds = input.thresholds(default: defaultThresholds)
            let entry = ledger[input.id] ?? LedgerEntry()
            let lifecycle = input.lifecycle(on: date, thresholds: thresholds)
            let decision = AlertPolicy.decide(
                lifecycle: lifecycle, thresholds: thresholds, ledger: entry.state, on: date, expiredAlertDays: expiredAlertDays)
            let nextDue = AlertSchedule.nextDue(
                events: input.events, thresholds: thresholds, ledger: decision.applied(to: entry.state), after: date)
            return AgreementEvaluation(
                agreementID: input.id, title: input.title, ledger: entry.state, decision: decision,
                recordedSchedule: entry.schedule, recordedAsTerminated: entry.recordedAsTerminated,
                isTerminated: lifecycle.isTerminated,
                schedule: AgreementSchedule(nextDueOn: nextDue, thresholds: input.alertDays ?? defaultThresholds))
        }
    }
}
