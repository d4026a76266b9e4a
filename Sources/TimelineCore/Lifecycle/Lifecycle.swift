/// An agreement's lifecycle on a date `D` (contract §4): its lifecycle events folded in
/// application order. Pure: `D` and the thresholds are inputs, never the clock or the database.
public struct Lifecycle: Sendable, Hashable {
    /// The date of the first signing applied.
    public let signedOn: PartialDate?
    /// The date of the first entry into force applied.
    public let inForceFrom: PartialDate?
    /// `E`, the expiry in force on `D`; nil when no applied event set one.
    public let expiresOn: CalendarDate?
    public let status: AgreementStatus
    /// `E − D`, negative once expired; nil without `E`.
    public let daysRemaining: Int?
    /// The applied events in application order, each with `E` after it.
    public let history: [LifecycleEntry]
    /// The kind of the event that set `E`, so §5 can tell `renewed` from `extended`.
    public let expirySetBy: EventKind?
    public let isTerminated: Bool

    /// Applies the non-retracted lifecycle events dated on or before `date` (a partial date from
    /// its start) in application order: date start, the same-day kind order of §4, precision, id.
    ///
    /// An `extends_by` with no earlier expiry (or one past 9999-12-31) leaves `E` as it was: ingest
    /// rejects it (`problems(in:)`), so it can only come from a retraction made afterwards, and the
    /// event still shows in `history`. A termination fixes the status; later events still move `E`,
    /// so the history stays what was recorded.
    ///
    /// - Parameter largestThreshold: the agreement's largest alert threshold: `expiring` is
    ///   `0 ≤ E − D ≤ largestThreshold`.
    public static func evaluate(_ events: [LifecycleEvent], on date: CalendarDate, largestThreshold: Int) -> Lifecycle {
        var signedOn: PartialDate?
        var inForceFrom: PartialDate?
        var expiresOn: CalendarDate?
        var expirySetBy: EventKind?
        var isTerminated = false
        var history: [LifecycleEntry] = []

        for event in LifecycleEvent.inApplicationOrder(events.filter { $0.date.start <= date }) {
            switch event.kind {
            case .signing: signedOn = signedOn ?? event.date
            case .entryIntoForce: inForceFrom = inForceFrom ?? event.date
            case .termination: isTerminated = true
            default: break
            }
            if case .set(let expiry) = event.expiryChange(after: expiresOn) {
                expiresOn = expiry
                expirySetBy = event.kind
            }
            history.append(LifecycleEntry(eventID: event.eventID, kind: event.kind, date: event.date, expiresOn: expiresOn))
        }

        let daysRemaining = expiresOn.map { CalendarDate.days(from: date, to: $0) }
        let status: AgreementStatus =
            if isTerminated {
                .terminated
            } else if let daysRemaining {
                daysRemaining < 0 ? .expired : daysRemaining <= largestThreshold ? .expiring : .active
            } else {
                .active
            }
        return Lifecycle(
            signedOn: signedOn, inForceFrom: inForceFrom, expiresOn: expiresOn, status: status,
            daysRemaining: daysRemaining, history: history, expirySetBy: expirySetBy, isTerminated: isTerminated)
    }
}
