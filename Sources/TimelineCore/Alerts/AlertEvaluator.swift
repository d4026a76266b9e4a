/// Evaluation in one place (contract §5): for each agreement, what the policy decides on a date
/// given its lifecycle and its part of the ledger, and when it is next due. Pure: the caller
/// reads the inputs and the ledger, and records the result.
public enum AlertEvaluator {
    /// One evaluation per input, in the inputs' order, spread over the cores.
    ///
    /// - Parameter defaultThresholds: the configured thresholds, for agreements without `alert_days`.
    public static func evaluate(
        _ inputs: [AgreementInput], ledger: [String: LedgerEntry], on date: CalendarDate, defaultThresholds: [Int]
    ) -> [AgreementEvaluation] {
        inputs.concurrentMap { input in
            let thresholds = input.thresholds(default: defaultThresholds)
            let entry = ledger[input.id] ?? LedgerEntry()
            let decision = AlertPolicy.decide(
                lifecycle: input.lifecycle(on: date, thresholds: thresholds), thresholds: thresholds, ledger: entry.state,
                on: date)
            let nextDue = AlertSchedule.nextDue(
                events: input.events, thresholds: thresholds, ledger: decision.applied(to: entry.state), after: date)
            return AgreementEvaluation(
                agreementID: input.id, title: input.title, ledger: entry.state, decision: decision,
                recordedSchedule: entry.schedule,
                schedule: AgreementSchedule(nextDueOn: nextDue, thresholds: input.alertDays ?? defaultThresholds))
        }
    }
}
