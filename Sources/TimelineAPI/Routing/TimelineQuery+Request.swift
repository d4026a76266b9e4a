import Hummingbird
import TimelineCore

/// `GET /v1/timeline`'s query string (contract §3) read into a `TimelineQuery`; every value the
/// store would have to trust is checked here, and each bad one is a 400 naming its parameter.
extension TimelineQuery {
    static let parameterNames = Set(["actor", "agreement", "kind", "from", "to", "q", "tag", "as_of", "order", "status"])
        .union(QueryParameters.pagingNames)

    /// - Parameter others: the endpoint's parameters beside the timeline's (`format`).
    init(_ request: Request, alongside others: Set<String> = []) throws(APIError) {
        let parameters = try QueryParameters(request, accepting: Self.parameterNames.union(others))
        self.init()
        actors = try parameters.values("actor", expected: Expected.actor, QueryParameters.actorID)
        agreement = try parameters.value("agreement", expected: Expected.agreement, QueryParameters.agreementID)
        kinds = try parameters.list("kind", expected: Expected.kinds) { EventKind(rawValue: String($0)) } ?? []
        from = try parameters.value("from", expected: Expected.date, parsing: PartialDate.init(parsing:))
        to = try parameters.value("to", expected: Expected.date, parsing: PartialDate.init(parsing:))
        if let from, let to, from.start > to.end {
            throw .invalidParameter(name: "from", reason: "must not be after 'to': \(from) starts after \(to) ends")
        }
        text = try parameters.value("q", expected: Expected.text, Self.text)
        tag = try parameters.value("tag", expected: Expected.text, Self.text)
        asOf = try parameters.value("as_of", expected: Expected.instant, parsing: RFC3339Timestamp.init(parsing:))
        statuses = try parameters.list("status", expected: Expected.curationStatuses) { CurationStatus(rawValue: String($0)) }
            .map(Set.init) ?? [.confirmed]
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

    /// PostgreSQL text cannot hold NUL, and an empty search or tag is a mistake, not "anything".
    private static func text(_ value: Substring) -> String? {
        value.isEmpty || value.utf8.contains(0) ? nil : String(value)
    }
}
