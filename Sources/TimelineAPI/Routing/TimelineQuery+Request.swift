import Hummingbird
import TimelineCore

/// `GET /v1/timeline`'s query string (contract §3) read into a `TimelineQuery`; every value the
/// store would have to trust is checked here, and each bad one is a 400 naming its parameter.
extension TimelineQuery {
    static let parameterNames = Set(["actor", "agreement", "kind", "from", "to", "q", "tag", "as_of", "order"])
        .union(QueryParameters.pagingNames)

    init(_ request: Request) throws(APIError) {
        let parameters = try QueryParameters(request, accepting: Self.parameterNames)
        self.init()
        actors = try parameters.values("actor", expected: Expected.actor) { IdentifierSyntax.isValidActorID(String($0)) ? String($0) : nil }
        agreement = try parameters.value("agreement", expected: Expected.agreement) {
            IdentifierSyntax.isValidAgreementID(String($0)) ? String($0) : nil
        }
        kinds = try parameters.value("kind", expected: Expected.kinds, Self.kinds) ?? []
        from = try parameters.value("from", expected: Expected.date, parsing: PartialDate.init(parsing:))
        to = try parameters.value("to", expected: Expected.date, parsing: PartialDate.init(parsing:))
        if let from, let to, from.start > to.end {
            throw .invalidParameter(name: "from", reason: "must not be after 'to': \(from) starts after \(to) ends")
        }
        text = try parameters.value("q", expected: Expected.text, Self.text)
        tag = try parameters.value("tag", expected: Expected.text, Self.text)
        asOf = try parameters.value("as_of", expected: Expected.instant, parsing: RFC3339Timestamp.init(parsing:))
        order = try parameters.value("order", expected: "asc or desc") { SortDirection(rawValue: String($0)) } ?? .ascending
        limit = try parameters.pageLimit()
        cursor = try parameters.cursor(TimelineCursor.init(encoded:))
        // The store pages in `order` and would read the position the wrong way round.
        if let cursor, cursor.order != order {
            throw .invalidParameter(
                name: "cursor",
                reason: "was made for order=\(cursor.order.rawValue), not order=\(order.rawValue): "
                    + "keep the order of the walk, or start a new one without a cursor")
        }
    }

    /// Completions of "must be …".
    private enum Expected {
        static let actor = "an actor id: 1–64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        static let agreement = "an agreement id: 1–64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
        static let kinds = "a comma-separated list of event kinds (\(EventKind.allCases.map(\.rawValue).joined(separator: ", ")))"
        static let date = "a date YYYY, YYYY-MM or YYYY-MM-DD"
        static let text = "non-empty text without NUL characters"
        static let instant = "an RFC 3339 instant such as 2023-08-27T10:15:00Z"
    }

    private static func kinds(_ list: Substring) -> [EventKind]? {
        var kinds: [EventKind] = []
        for name in list.split(separator: ",", omittingEmptySubsequences: false) {
            guard let kind = EventKind(rawValue: String(name)) else { return nil }
            if !kinds.contains(kind) { kinds.append(kind) }
        }
        return kinds
    }

    /// PostgreSQL text cannot hold NUL, and an empty search or tag is a mistake, not "anything".
    private static func text(_ value: Substring) -> String? {
        value.isEmpty || value.utf8.contains(0) ? nil : String(value)
    }
}
