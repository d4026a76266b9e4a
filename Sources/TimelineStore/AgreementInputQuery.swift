import Postgres
import TimelineCore

/// Reads `AgreementInput`s in one statement, whatever their number: PostgreSQL groups each
/// agreement's parties and current lifecycle revisions into parallel arrays, one row per agreement,
/// so a pass over every agreement costs one round trip and no per-agreement query.
///
/// The event arrays are aggregated without `ORDER BY`: the aggregates of one group see its rows in
/// one and the same order, which keeps the arrays aligned, and `Lifecycle` orders events itself.
/// An ordered aggregate sorts per group and per aggregate, which took half the statement's time
/// over 100,000 agreements. Parties keep theirs: their order is part of the agreement.
struct AgreementInputQuery: Sendable {
    /// Only these agreements; nil: all.
    var ids: [String]?
    /// Only agreements with this actor among their parties.
    var party: String?

    /// Ordered by agreement id.
    func load(on connection: PostgresConnection) throws(PostgresError) -> [AgreementInput] {
        let (sql, parameters) = statement.rendered
        return try connection.query(sql, parameters).map { (row) throws(PostgresError) in try Self.input(row) }
    }

    private var statement: SQLFragment {
        let lifecycleKinds = EventKind.allCases.filter(\.isLifecycle).map(\.rawValue)
        // Repeated inside each grouped subquery: PostgreSQL would not carry `a.id = ANY(…)` into them
        // by itself, and without it a read of one agreement would group them all.
        let onlyAgreements: (SQLFragment) -> SQLFragment = { column in
            guard let ids else { return "" }
            return "AND \(column) = ANY(\(ids)::text[])"
        }
        let onlyParty: SQLFragment = if let party {
            "AND EXISTS (SELECT FROM agreement_parties f WHERE f.agreement_id = a.id AND f.actor_id = \(party)::text)"
        } else {
            ""
        }
        return """
            SELECT a.id, a.title, a.alert_days, coalesce(p.actor_ids, '{}'),
                   coalesce(e.event_ids, '{}'), e.kinds, e.dates, e.expires_on, e.extends_by, e.retracted
            FROM agreements a
            LEFT JOIN (
                SELECT agreement_id, array_agg(actor_id ORDER BY position) AS actor_ids
                FROM agreement_parties
                WHERE true \(onlyAgreements("agreement_id"))
                GROUP BY agreement_id
            ) p ON p.agreement_id = a.id
            LEFT JOIN (
                SELECT agreement_id, array_agg(event_id) AS event_ids, array_agg(kind) AS kinds, array_agg(record->>'date') AS dates,
                       array_agg(expires_on) AS expires_on, array_agg(extends_by) AS extends_by, array_agg(retracted) AS retracted
                FROM event_revisions
                WHERE superseded_at IS NULL AND kind = ANY(\(lifecycleKinds)::text[]) \(onlyAgreements("agreement_id"))
                GROUP BY agreement_id
            ) e ON e.agreement_id = a.id
            WHERE true \(onlyAgreements("a.id")) \(onlyParty)
            ORDER BY a.id
            """
    }

    private static func input(_ row: PostgresRow) throws(PostgresError) -> AgreementInput {
        let eventIDs = try row.textArray(4)
        var events: [LifecycleEvent] = []
        if !eventIDs.isEmpty {
            let kinds = try row.textArray(5)
            let dates = try row.coreValues(6, as: PartialDate.self)
            let expiries = try row.coreValues(7, as: CalendarDate.self)
            let extensions = try row.coreValues(8, as: ISODuration.self)
            let retracted = try row.textArray(9)
            events.reserveCapacity(eventIDs.count)
            for index in eventIDs.indices {
                guard let kind = EventKind(rawValue: kinds[index]), let date = dates[index] else {
                    throw .decoding(column: row.columns[5], expected: "a lifecycle kind and a date", value: kinds[index])
                }
                events.append(LifecycleEvent(
                    eventID: eventIDs[index], kind: kind, date: date, expiresOn: expiries[index],
                    extendsBy: extensions[index], isRetracted: retracted[index] == "t"))
            }
        }
        return AgreementInput(
            id: try row.string(0), title: try row.string(1), parties: try row.textArray(3),
            alertDays: row.isNull(2) ? nil : try row.intArray(2), events: events)
    }
}
