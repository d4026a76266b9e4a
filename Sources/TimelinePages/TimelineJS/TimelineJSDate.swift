import TimelineCore

/// A TimelineJS3 date object: only the parts the contract date knows (`{"year": "1979"}` for a
/// year-precision date), as strings, the way TimelineJS3's JSON format writes them.
struct TimelineJSDate: Sendable, Hashable, Encodable {
    let year: String
    let month: String?
    let day: String?

    init(_ date: PartialDate) {
        year = String(date.year)
        month = date.month.map(String.init)
        day = date.day.map(String.init)
    }

    init(_ date: CalendarDate) {
        self.init(PartialDate(date))
    }
}
