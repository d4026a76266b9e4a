import TimelineCore

/// The one statement that answers a timeline request: it filters, orders by contract §1,
/// resumes after the cursor with a keyset condition, and builds the whole response body.
///
/// Only the conditions a query uses are part of the text, so that for each combination the
/// planner sees plain predicates and can match them to the partial indexes of `0001_schema.sql`,
/// which all carry `superseded_at IS NULL AND NOT retracted`.
///
/// With actors, the walk goes through the index of `actor_timeline` (`0005_actor_timeline.sql`):
/// the rarest actor's entries in timeline order, kept when their actor list holds the others, so
/// a page reads a few index pages and then its own rows, however large the database. History
/// (`as_of`) has no such table and filters the revisions' actor arrays; nor have candidates
/// (`actor_timeline` holds confirmed events only, `0012_curation.sql`).
///
/// Confirmed events and candidates each have a partial index in timeline order; a timeline of
/// both has none and sorts what its other conditions select.
struct TimelineStatement {
    let statement: SQLFragment

    init(_ query: TimelineQuery) {
        let walksActorTimeline = query.asOf == nil && query.statuses == [.confirmed]
        let actors = walksActorTimeline ? Array(Set(query.actors)).sorted() : []
        // Where the sort key is read: the walked actor's index entries, else the revisions.
        let key: SQLFragment = actors.isEmpty ? "r" : "t0"
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
        if !walksActorTimeline, !query.actors.isEmpty { conditions.append("r.actor_ids @> \(query.actors)::text[]") }
        // A literal, not a parameter, so that the planner matches it to the partial indexes.
        if query.statuses.count == 1, let status = query.statuses.first {
            conditions.append(status == .confirmed ? "r.status = 'confirmed'" : "r.status = 'candidate'")
        }
        switch actors.count {
        case 0: break
        case 1: conditions.append("t0.actor_id = \(actors[0])::text")
        default:
            // An entry without its list (too long for the index, 0008_large_actor_lists.sql) is
            // decided by the revision's list.
            conditions += [
                "t0.actor_id = rarest_actor(\(actors)::text[])",
                "(t0.actor_ids @> \(actors)::text[] OR t0.actor_ids IS NULL)",
                "r.actor_ids @> \(actors)::text[]",
            ]
        }
        if let agreement = query.agreement { conditions.append("r.agreement_id = \(agreement)::text") }
        if !query.kinds.isEmpty { conditions.append("r.kind = ANY (\(query.kinds.map(\.rawValue))::text[])") }
        if let from = query.from { conditions.append("\(key).end_date >= \(from.start.description)::date") }
        if let to = query.to { conditions.append("\(key).start_date <= \(to.end.description)::date") }
        if let text = query.text { conditions.append("r.search @@ websearch_to_tsquery('english', \(text)::text)") }
        if let tag = query.tag { conditions.append("r.tags @> ARRAY[\(tag)::text]") }
        if let cursor = query.cursor {
            // A row comparison, so that it is one index condition on (start_date, precision, event_id).
            let after: SQLFragment = query.order == .ascending ? ">" : "<"
            conditions.append(
                "(\(key).start_date, \(key).precision, \(key).event_id) \(after) (\(cursor.start.description)::date, \(cursor.precision.rawValue)::smallint, \(cursor.eventID)::bigint)"
            )
        }

        let relations: SQLFragment = actors.isEmpty
            ? "event_revisions r"
            : "actor_timeline t0 JOIN event_revisions r ON r.event_id = t0.event_id"

        let direction: SQLFragment = query.order == .ascending ? "ASC" : "DESC"
        statement = KeysetPage(
            items: "events",
            source: "FROM \(relations) WHERE \(SQLFragment.joined(conditions, separator: " AND "))",
            ordering: "\(key).start_date \(direction), \(key).precision \(direction), \(key).event_id \(direction)",
            document: "event_document(r)",
            cursor: "timeline_cursor(r.start_date, r.precision, r.event_id, \(query.order.rawValue)::text)",
            limit: query.limit
        ).statement
    }
}
