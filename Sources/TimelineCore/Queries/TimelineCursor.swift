/// Where a timeline page ended: the sort key (contract §1) of its last event, and the order it
/// was read in. The next page starts strictly after it, so events inserted between two pages
/// never shift what the walk returns.
///
/// The text is base64url (no padding) of `v1|<start YYYY-MM-DD>|<precision 0–2>|<event id>|<asc|desc>`,
/// which PostgreSQL writes itself when it builds `next_cursor` (`timeline_cursor` in
/// `SQL/0002_event_reads.sql`); both sides must keep to this one format.
public struct TimelineCursor: Sendable, Hashable {
    public let start: CalendarDate
    public let precision: PartialDate.Precision
    public let eventID: Int64
    public let order: SortDirection

    private static let version = "v1"

    public init(start: CalendarDate, precision: PartialDate.Precision, eventID: Int64, order: SortDirection) {
        self.start = start
        self.precision = precision
        self.eventID = eventID
        self.order = order
    }

    public init(encoded: String) throws(CursorError) {
        func fail(_ reason: String) -> CursorError { CursorError(input: encoded, reason: reason) }
        guard let text = Base64URL.decode(encoded) else { throw fail("it is not base64url text") }
        let fields = text.split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == Self.version,
              let start = try? CalendarDate(parsing: String(fields[1])),
              let precision = Int(fields[2]).flatMap(PartialDate.Precision.init(rawValue:)),
              let eventID = Int64(fields[3]), eventID > 0,
              let order = SortDirection(rawValue: String(fields[4]))
        else { throw fail("it is not a timeline position") }
        self.init(start: start, precision: precision, eventID: eventID, order: order)
        // Numbers have other spellings (`+1`, `01`); only the one the server writes is accepted.
        guard self.encoded == encoded else { throw fail("it is not a timeline position") }
    }

    public var encoded: String {
        Base64URL.encode([Self.version, start.description, String(precision.rawValue), String(eventID), order.rawValue].joined(separator: "|"))
    }
}
