/// What one lifecycle event does to the expiry in force before it.
enum ExpiryChange: Hashable {
    case unchanged
    case set(CalendarDate)
    /// `extends_by` with no earlier expiry: rejected at ingest, left out of the fold if stored anyway.
    case nothingToExtend(ISODuration)
    /// `extends_by` pushing the expiry past 9999-12-31.
    case beyondCalendar(from: CalendarDate, by: ISODuration)
}
