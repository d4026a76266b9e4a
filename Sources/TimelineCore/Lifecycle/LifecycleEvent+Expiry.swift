extension LifecycleEvent {
    /// The effect of this event on the expiry `previous` in force before it (contract §4).
    ///
    /// Fields a kind may not carry (`expires_on` on a termination, say) are ignored rather than
    /// trusted: the validator rejects them, and a stored one must not move the expiry.
    func expiryChange(after previous: CalendarDate?) -> ExpiryChange {
        // A lapse recorded on a month or a year counts from its first day, like the event itself,
        // so an applied expiration never leaves the agreement looking still in force.
        if kind == .expiration { return .set(date.start) }
        if kind.allowsExpiresOn, let expiresOn { return .set(expiresOn) }
        if kind.allowsExtendsBy, let extendsBy {
            guard let previous else { return .nothingToExtend(extendsBy) }
            guard let extended = previous.adding(extendsBy) else {
                return .beyondCalendar(from: previous, by: extendsBy)
            }
            return .set(extended)
        }
        return .unchanged
    }

    /// The events §4 folds, in the order it folds them: non-retracted lifecycle events by date
    /// start, then the same-day kind order, then precision (coarser first, as in §1), then id.
    static func inApplicationOrder(_ events: [LifecycleEvent]) -> [LifecycleEvent] {
        events.filter { !$0.isRetracted && $0.kind.isLifecycle }.sorted(by: appliesBefore)
    }

    private static func appliesBefore(_ left: LifecycleEvent, _ right: LifecycleEvent) -> Bool {
        if left.date.start != right.date.start { return left.date.start < right.date.start }
        // Plain kinds were filtered out; the fallback only keeps the comparison total.
        let (leftKind, rightKind) = (left.kind.lifecycleOrder ?? .max, right.kind.lifecycleOrder ?? .max)
        if leftKind != rightKind { return leftKind < rightKind }
        if left.date.precision != right.date.precision { return left.date.precision < right.date.precision }
        return idKey(left.eventID) < idKey(right.eventID)
    }

    /// Server ids are decimal `bigint`s: compared as numbers, so that of two otherwise equal events
    /// the one created later applies last, as in the timeline (`"9"` before `"10"`). Any other text
    /// sorts after them, by its characters.
    private static func idKey(_ id: String) -> (Int, Int, String) {
        let isDecimal = !id.isEmpty && id.utf8.allSatisfy(ASCII.isDigit)
        return isDecimal ? (0, id.utf8.count, id) : (1, 0, id)
    }
}
