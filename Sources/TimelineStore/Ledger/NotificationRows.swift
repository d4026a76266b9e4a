import Postgres
import TimelineCore

/// The `notifications` rows one pass writes, as the parallel arrays `unnest` reads: one per
/// notification to emit, one per threshold recorded as skipped, and a skipped `expired` for an
/// expiry that is history.
struct NotificationRows {
    private var agreementIDs: [String] = []
    private var events: [String] = []
    private var expiries: [String?] = []
    private var thresholds: [Int?] = []
    private var skipped: [Bool] = []
    private var previousExpiries: [String?] = []
    private var daysRemaining: [Int?] = []

    init(_ evaluations: [AgreementEvaluation], on date: CalendarDate) {
        for evaluation in evaluations {
            for notification in evaluation.decision.emit {
                append(
                    evaluation.agreementID, notification.kind, notification.expiresOn, notification.threshold, skipped: false,
                    previous: notification.previousExpiresOn, daysRemaining: notification.daysRemaining)
            }
            guard let expiry = evaluation.decision.newRecordedExpiry else { continue }
            for threshold in evaluation.decision.skippedThresholds {
                // `reached` is the kind a skipped threshold would have had; the schema requires it.
                append(
                    evaluation.agreementID, .reached, expiry, threshold, skipped: true, previous: nil,
                    daysRemaining: CalendarDate.days(from: date, to: expiry))
            }
            if evaluation.decision.skipsExpired {
                append(
                    evaluation.agreementID, .expired, expiry, nil, skipped: true, previous: nil,
                    daysRemaining: CalendarDate.days(from: date, to: expiry))
            }
        }
    }

    private mutating func append(
        _ agreementID: String, _ kind: NotificationKind, _ expiry: CalendarDate?, _ threshold: Int?, skipped isSkipped: Bool,
        previous: CalendarDate?, daysRemaining remaining: Int?
    ) {
        agreementIDs.append(agreementID)
        events.append(kind.rawValue)
        expiries.append(expiry?.description)
        thresholds.append(threshold)
        skipped.append(isSkipped)
        previousExpiries.append(previous?.description)
        daysRemaining.append(remaining)
    }

    var isEmpty: Bool { agreementIDs.isEmpty }

    /// `$1` … `$7` of the insert, in the order of its `unnest`.
    var parameters: [any PostgresBindable] {
        [agreementIDs, events, expiries, thresholds, skipped, previousExpiries, daysRemaining]
    }
}
