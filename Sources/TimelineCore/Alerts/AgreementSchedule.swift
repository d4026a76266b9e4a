/// When an evaluated agreement must be evaluated again though its inputs stay as they are, as
/// `agreement_evaluations` keeps it (`SQL/0006_alert_schedule.sql`).
public struct AgreementSchedule: Sendable, Hashable {
    /// `AlertSchedule.nextDue` after the evaluation; nil: not until its events or thresholds change.
    public let nextDueOn: CalendarDate?
    /// The thresholds as configured when it was computed — the agreement's `alert_days`, or the
    /// global ones — unnormalized, so that the due selection compares them with
    /// `coalesce(alert_days, global)` as they are stored and configured.
    public let thresholds: [Int]

    public init(nextDueOn: CalendarDate?, thresholds: [Int]) {
        self.nextDueOn = nextDueOn
        self.thresholds = thresholds
    }
}
