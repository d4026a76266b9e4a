import Postgres
import TimelineCore

/// Reads `AgreementInput`s in three statements, whatever their number: the agreements, their
/// parties and their current lifecycle events, each as plain rows, put together here.
///
/// Grouping them into arrays per agreement in PostgreSQL (one row per agreement) cost most of an
/// alert pass over 100,000 agreements: sorting and aggregating every event and party, printing
/// and parsing the array literals. Plain rows in no particular order need neither; `Lifecycle`
/// orders events itself, and parties are put in their position order here. The caller decides
/// whether the three reads share a snapshot (`AgreementStore` reads in one read-only
/// repeatable-read transaction).
struct AgreementInputQuery: Sendable {
    /// Only these agreements; nil: all.
    var ids: [String]?
    /// Only agreements with this actor among their parties.
    var party: String?

    /// Ordered by agreement id.
    func load(on connection: PostgresConnection) throws(PostgresError) -> [AgreementInput] {
        let agreements = try query(agreementsStatement, on: connection)
        // With a party, the agreements found are the ones whose parties and events to read.
        let only = party == nil ? ids : try agreements.map { (row) throws(PostgresError) in try row.string(0) }
        if only?.isEmpty == true { return [] }
        let parties = try Self.parties(try query(Self.partiesStatement(only), on: connection))
        let events = try Self.events(try query(Self.eventsStatement(only), on: connection))
        return try agreements.map { (row) throws(PostgresError) -> AgreementInput in
            let id = try row.string(0)
            return AgreementInput(
                id: id, title: try row.string(1), parties: parties[id] ?? [],
                alertDays: row.isNull(2) ? nil : try row.intArray(2), events: events[id] ?? [])
        }
    }

    private func query(_ statement: SQLFragment, on connection: PostgresConnection) throws(PostgresError) -> PostgresRows {
        let (sql, parameters) = statement.rendered
        return try connection.query(sql, parameters)
    }

    private var agreementsStatement: SQLFragment {
        let onlyIDs: SQLFragment = if let ids { "AND a.id = ANY(\(ids)::text[])" } else { "" }
        let onlyParty: SQLFragment = if let party {
            "AND EXISTS (SELECT FROM agreement_parties f WHERE f.agreement_id = a.id AND f.actor_id = \(party)::text)"
        } else {
            ""
        }
        return "SELECT a.id, a.title, a.alert_days FROM agreements a WHERE true \(onlyIDs) \(onlyParty) ORDER BY a.id"
    }

    private static func only(_ ids: [String]?) -> SQLFragment {
        if let ids { "AND agreement_id = ANY(\(ids)::text[])" } else { "" }
    }

    private static func partiesStatement(_ ids: [String]?) -> SQLFragment {
        "SELECT agreement_id, actor_id, position FROM agreement_parties WHERE true \(only(ids))"
    }

    /// Candidates take no part in a lifecycle until they are confirmed (contract §9).
    private static func eventsStatement(_ ids: [String]?) -> SQLFragment {
        let lifecycleKinds = EventKind.allCases.filter(\.isLifecycle).map(\.rawValue)
        return """
            SELECT agreement_id, event_id, kind, record->>'date', expires_on, extends_by, retracted
            FROM event_revisions
            WHERE superseded_at IS NULL AND agreement_id IS NOT NULL AND kind = ANY(\(lifecycleKinds)::text[])
              AND status = 'confirmed' \(only(ids))
            """
    }

    /// Each agreement's parties in their order.
    private static func parties(_ rows: PostgresRows) throws(PostgresError) -> [String: [String]] {
        var positioned: [String: [(position: Int, actor: String)]] = [:]
        for row in rows {
            positioned[try row.string(0), default: []].append((try row.int(2), try row.string(1)))
        }
        return positioned.mapValues { $0.sorted { $0.position < $1.position }.map(\.actor) }
    }

    /// Each agreement's current lifecycle events.
    private static func events(_ rows: PostgresRows) throws(PostgresError) -> [String: [LifecycleEvent]] {
        var events: [String: [LifecycleEvent]] = [:]
        for row in rows {
            guard let kind = EventKind(rawValue: try row.string(2)), let date = try row.optionalCoreValue(3, as: PartialDate.self) else {
                throw .decoding(column: rows.columns[2], expected: "a lifecycle kind and a date", value: try row.string(2))
            }
            events[try row.string(0), default: []].append(LifecycleEvent(
                eventID: try row.string(1), kind: kind, date: date, expiresOn: try row.optionalCoreValue(4, as: CalendarDate.self),
                extendsBy: try row.optionalCoreValue(5, as: ISODuration.self), isRetracted: try row.bool(6)))
        }
        return events
    }
}
