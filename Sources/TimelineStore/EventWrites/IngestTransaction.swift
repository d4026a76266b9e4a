import Postgres
import TimelineCore

/// The statements of one ingest, run on one connection inside one transaction.
///
/// A batch costs about ten round trips whatever its size: set-valued parameters
/// (`unnest($1::text[], …)`) for lookups and upserts, `COPY` for the revisions and their
/// actors. Nothing is written per record.
struct IngestTransaction {
    let batch: IngestBatch

    var origin: IngestOrigin = .person

    func run(on connection: PostgresConnection) throws -> [IngestResult] {
        let touchedAgreements = try storeReferences(on: connection)
        var plan = IngestPlan(batch: batch, existing: try currentRevisions(on: connection))
        return try write(&plan, touching: touchedAgreements, on: connection)
    }

    /// The batch's one record as the next revision of event `id`, whose current revision is
    /// `revision`; the caller holds the event's lock (`EventConfirmer`).
    func revise(eventID id: Int64, after revision: Int, on connection: PostgresConnection) throws -> [IngestResult] {
        let touchedAgreements = try storeReferences(on: connection)
        var plan = IngestPlan(revising: id, after: revision, with: batch.entries[0])
        return try write(&plan, touching: touchedAgreements, on: connection)
    }

    /// Checks the agreements the records name and stores the actors and agreements they define;
    /// returns the agreements whose metadata changed.
    private func storeReferences(on connection: PostgresConnection) throws -> Set<String> {
        try checkAgreementReferences(on: connection)
        try upsertActors(on: connection)
        return try upsertAgreements(on: connection)
    }

    /// Writes the plan's revisions. Candidates take no part in lifecycles (contract §9): only
    /// agreements that gain or lose a confirmed revision are announced to the alert engines.
    private func write(_ plan: inout IngestPlan, touching touched: Set<String>, on connection: PostgresConnection) throws -> [IngestResult] {
        guard !plan.revisions.isEmpty else { return plan.results }
        var touchedAgreements = touched
        let (now, newIDs) = try allocate(eventIDs: plan.newEventCount, on: connection)
        plan.assign(newIDs)
        if !plan.createdEvents.isEmpty {
            try connection.query(
                "INSERT INTO events (id, key, created_at) SELECT id, key, now() FROM unnest($1::bigint[], $2::text[]) AS n(id, key)",
                [plan.createdEvents.map(\.id), plan.createdEvents.map(\.key)]
            )
        }
        if !plan.supersededEventIDs.isEmpty {
            let previous = try connection.query(
                """
                UPDATE event_revisions SET superseded_at = $2::timestamptz
                WHERE event_id = ANY($1::bigint[]) AND superseded_at IS NULL
                RETURNING CASE WHEN status = 'confirmed' THEN agreement_id END
                """,
                [plan.supersededEventIDs, now]
            )
            for row in previous { if let id = row.optionalString(0) { touchedAgreements.insert(id) } }
        }
        try RevisionCopy.copy(
            plan.revisions.map { revision in
                RevisionRow(
                    eventID: plan.eventID(revision.event), number: revision.number, record: revision.entry.record,
                    canonicalJSON: revision.entry.canonicalJSON, isSuperseded: revision.isSupersededInBatch,
                    isRetracted: revision.isRetracted, origin: origin
                )
            },
            recordedAt: now, on: connection
        )
        for revision in plan.revisions where revision.entry.record.status == .confirmed {
            if let id = revision.entry.record.agreement?.id { touchedAgreements.insert(id) }
        }
        try ExtendsByCheck(plan).run(on: connection)

        try AgreementChangeFeed.notify(touchedAgreements.sorted(), on: connection)
        return plan.results
    }

    /// A string `agreement` must name one that exists, or one defined by an earlier record.
    private func checkAgreementReferences(on connection: PostgresConnection) throws {
        var referenced: Set<String> = []
        for entry in batch.entries { if case .id(let id) = entry.record.agreement { referenced.insert(id) } }
        guard !referenced.isEmpty else { return }
        var known = Set(try connection.query("SELECT id FROM agreements WHERE id = ANY($1::text[])", [referenced.sorted()])
            .map { try $0.string(0) })
        var issues: [ValidationIssue] = []
        for entry in batch.entries {
            switch entry.record.agreement {
            case .definition(let definition):
                known.insert(definition.id)
            case .id(let id) where !known.contains(id):
                issues.append(ValidationIssue(
                    index: entry.index, field: "agreement",
                    message: "unknown agreement '\(id)': define it with {\"id\", \"title\"} in this or an earlier record, or POST /v1/agreements"
                ))
            default:
                break
            }
        }
        if !issues.isEmpty { throw ValidationErrors(issues: issues) }
    }

    /// Creates actors never seen before (named after their id unless a name is given) and
    /// renames those a record gives a new name.
    private func upsertActors(on connection: PostgresConnection) throws {
        var order: [String] = []
        var names: [String: String?] = [:]
        func note(_ id: String, name: String?) {
            if names[id] == nil {
                order.append(id)
                names[id] = .some(name)
            } else if let name {
                names[id] = .some(name)
            }
        }
        for entry in batch.entries {
            for actor in entry.record.actors { note(actor.id, name: actor.name) }
            if case .definition(let agreement) = entry.record.agreement {
                for party in agreement.parties ?? [] { note(party, name: nil) }
            }
        }
        guard !order.isEmpty else { return }
        try connection.query(
            """
            WITH input AS (SELECT * FROM unnest($1::text[], $2::text[]) AS i(id, name)),
            created AS (
                INSERT INTO actors (id, name) SELECT id, coalesce(name, id) FROM input
                ON CONFLICT (id) DO NOTHING
            )
            UPDATE actors SET name = input.name
            FROM input
            WHERE actors.id = input.id AND input.name IS NOT NULL AND actors.name <> input.name
            """,
            [order, order.map { names[$0] ?? nil }]
        )
    }

    /// Creates or updates the agreements that records define; the last definition of an id wins.
    /// Returns those whose title or parties changed: a definition that changes nothing writes
    /// nothing and wakes no alert engine.
    private func upsertAgreements(on connection: PostgresConnection) throws -> Set<String> {
        var definitions: [String: AgreementDefinition] = [:]
        var order: [String] = []
        for entry in batch.entries {
            guard case .definition(let definition) = entry.record.agreement else { continue }
            if definitions[definition.id] == nil { order.append(definition.id) }
            definitions[definition.id] = definition
        }
        guard !order.isEmpty else { return [] }
        var changed = Set(try connection.query(
            """
            INSERT INTO agreements (id, title) SELECT * FROM unnest($1::text[], $2::text[])
            ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, updated_at = now()
            WHERE agreements.title IS DISTINCT FROM EXCLUDED.title
            RETURNING id
            """,
            [order, order.map { definitions[$0]!.title }]
        ).map { try $0.string(0) })
        let withParties = order.filter { definitions[$0]!.parties != nil }
        guard !withParties.isEmpty else { return changed }
        var agreementIDs: [String] = [], actorIDs: [String] = [], positions: [Int] = []
        for id in withParties {
            for (position, party) in definitions[id]!.parties!.enumerated() {
                agreementIDs.append(id)
                actorIDs.append(party)
                positions.append(position)
            }
        }
        // Only the difference is written: parties no longer listed go, new ones come, and
        // a party that moved gets its new position.
        let removed = try connection.query(
            """
            DELETE FROM agreement_parties p
            WHERE p.agreement_id = ANY($1::text[])
              AND (p.agreement_id, p.actor_id) NOT IN (SELECT * FROM unnest($2::text[], $3::text[]))
            RETURNING agreement_id
            """,
            [withParties, agreementIDs, actorIDs]
        )
        let added = try connection.query(
            """
            INSERT INTO agreement_parties (agreement_id, actor_id, position)
            SELECT * FROM unnest($1::text[], $2::text[], $3::int[])
            ON CONFLICT (agreement_id, actor_id) DO UPDATE SET position = EXCLUDED.position
            WHERE agreement_parties.position <> EXCLUDED.position
            RETURNING agreement_id
            """,
            [agreementIDs, actorIDs, positions]
        )
        for row in removed { changed.insert(try row.string(0)) }
        for row in added { changed.insert(try row.string(0)) }
        return changed
    }

    /// The current revision of every event the batch names by key, with `isSame` comparing
    /// the stored record with the batch's first record of that key as JSON values
    /// (PostgreSQL's `jsonb =`, blind to key order and spacing).
    ///
    /// For an importer, every event comes with its current record: as `IngestPlan.Existing.decided`
    /// when a person wrote any revision of it, else as `.imported`.
    ///
    /// The events are locked first, in a statement of their own, so that two requests
    /// changing one event take turns; the revisions are read by the next statement, whose
    /// snapshot (read committed) includes whatever the request it waited for committed.
    private func currentRevisions(on connection: PostgresConnection) throws -> [String: IngestPlan.Existing] {
        var keys: [String] = []
        var records: [PostgresJSON] = []
        var seen: Set<String> = []
        for entry in batch.entries {
            guard let key = entry.record.key, seen.insert(key).inserted else { continue }
            keys.append(key)
            records.append(PostgresJSON(text: entry.canonicalJSON))
        }
        guard !keys.isEmpty else { return [:] }
        try connection.query("SELECT id FROM events WHERE key = ANY($1::text[]) ORDER BY id FOR UPDATE", [keys])
        let rows = try connection.query(
            """
            SELECT i.key, e.id, r.revision, r.retracted, r.record = i.record,
                   CASE WHEN $3::boolean THEN r.record::text END,
                   $3::boolean AND EXISTS (SELECT FROM event_revisions p WHERE p.event_id = e.id AND p.origin = 'person')
            FROM unnest($1::text[], $2::jsonb[]) AS i(key, record)
            JOIN events e ON e.key = i.key
            JOIN event_revisions r ON r.event_id = e.id AND r.superseded_at IS NULL
            """,
            [keys, records, origin == .importer]
        )
        var existing: [String: IngestPlan.Existing] = [:]
        for row in rows {
            let current = try row.optionalString(5).map(Self.storedRecord)
            let isDecided = try row.bool(6)
            existing[try row.string(0)] = IngestPlan.Existing(
                id: Int64(try row.int(1)), revision: try row.int(2), isRetracted: try row.bool(3), isSame: try row.bool(4),
                decided: isDecided ? current : nil, imported: isDecided ? nil : current
            )
        }
        return existing
    }

    /// A record as `event_revisions.record` holds it: written by the validator, so valid.
    static func storedRecord(_ text: String) throws -> EventRecord {
        try EventRecordValidator.validate(try JSONValue(parsing: text), index: nil).get()
    }

    /// The time every revision of the batch is recorded at, and `count` fresh event ids, in
    /// one round trip. The clock is read after the events' locks are held, so no revision
    /// this batch supersedes can be younger than the one replacing it.
    private func allocate(eventIDs count: Int, on connection: PostgresConnection) throws -> (String, [Int64]) {
        let row = try connection.query(
            "SELECT clock_timestamp(), ARRAY(SELECT nextval('event_ids') FROM generate_series(1, $1::int))",
            [count]
        )[0]
        return (try row.string(0), try row.textArray(1).map { Int64($0)! })
    }
}
