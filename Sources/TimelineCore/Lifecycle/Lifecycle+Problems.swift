extension Lifecycle {
    /// The events of a whole history (every date) that cannot be applied: an `extends_by` with no
    /// earlier expiry in application order, or one pushing the expiry past 9999-12-31. Ingest runs it
    /// over the agreement's stored events plus the new ones and rejects the request when it finds any;
    /// a same-day `expiration` counts as earlier, since it applies before `extension` and `renewal`.
    public static func problems(in events: [LifecycleEvent]) -> [LifecycleProblem] {
        var expiresOn: CalendarDate?
        var problems: [LifecycleProblem] = []
        for event in LifecycleEvent.inApplicationOrder(events) {
            switch event.expiryChange(after: expiresOn) {
            case .unchanged:
                break
            case .set(let expiry):
                expiresOn = expiry
            case .nothingToExtend(let duration):
                problems.append(LifecycleProblem(
                    eventID: event.eventID,
                    message: "extends_by \(duration) has no expiry to extend: no event of this agreement applied before "
                        + "this \(event.kind.rawValue) (\(event.date)) sets one; give expires_on instead"))
            case .beyondCalendar(let from, let duration):
                problems.append(LifecycleProblem(
                    eventID: event.eventID,
                    message: "extends_by \(duration) moves the expiry \(from) past 9999-12-31"))
            }
        }
        return problems
    }
}
