import TimelineCore

/// The one statement that answers a timeline request: it filters, orders by contract §1,
/// resumes after the cursor with a keyset condition, and builds the whole response body.
///
/// Only the conditions a query uses are part of the text, so that for each combination the
/// planner sees plain predicates and can match them to the partial indexes of `0001_schema.sql`,
/// which all carry `superseded_at IS NULL AND NOT retracted`.
struct TimelineStatement {
    let statement: SQLFragment

    init(_ query: TimelineQuery) {
        var conditions: [SQLFragment]
        if let asOf = query.asOf {
            let instant = asOf.description
            conditions = [
                "r.recorded_at <= \(instant)::timestamptz",
                "(r.superseded_at IS NULL OR r.superseded_at > \(instant)::timestamptz)",
                "NOT r.retracted",
            ]
        } else {
            conditions = ["r.superseded_at IS NULL", "NOT r.retracted"]
        }
        if !query.actors.isEmpty { conditions.append("r.actor_ids @> \(query.actors)::text[]") }
        if let agreement = query.agreement { conditions.append("r.agreement_id = \(agreement)::text") }
        if !query.kinds.isEmpty { conditions.append("r.kind = ANY (\(query.kinds.map(\.rawValue))::text[])") }
        if let from = query.from { conditions.append("r.end_date >= \(from.start.description)::date") }
        if let to = query.to { conditions.append("r.start_date <= \(to.end.description)::date") }
        if let text = query.text { conditions.append("r.search @@ websearch_to_tsquery('english', \(text)::text)") }
        if let tag = query.tag { conditions.append("r.tags @> ARRAY[\(tag)::text]") }
        if let cursor = query.cursor {
            // A row comparison, so that it is one index condition on (start_date, precision, event_id).
            let after: SQLFragment = query.order == .ascending ? ">" : "<"
            conditions.append(
                "(r.start_date, r.precision, r.event_id) \(after) (\(cursor.start.description)::date, \(cursor.precision.rawValue)::smallint, \(cursor.eventID)::bigint)"
            )
        }

        let direction: SQLFragment = query.order == .ascending ? "ASC" : "DESC"
        statement = KeysetPage(
            items: "events",
            source: "FROM event_revisions r WHERE \(SQLFragment.joined(conditions, separator: " AND "))",
            ordering: "r.start_date \(direction), r.precision \(direction), r.event_id \(direction)",
            document: "event_document(r)",
            cursor: "timeline_cursor(r.start_date, r.precision, r.event_id, \(query.order.rawValue)::text)",
            limit: query.limit
        ).statement
    }
}
