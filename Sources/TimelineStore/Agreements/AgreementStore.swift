import Postgres
import TimelineCore

/// Agreement metadata (`POST /v1/agreements`) and the reads computed from lifecycles
/// (`GET /v1/agreements`, `GET /v1/alerts`).
///
/// Lifecycles are folded by `Lifecycle` in TimelineCore, not in SQL, so the reads load every
/// input in three plain reads on one snapshot (`AgreementInputQuery`) and evaluate in memory; filters on what only
/// the fold knows (status, days remaining) apply after it.
public struct AgreementStore: Sendable {
    private let pool: PostgresPool

    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// Creates the agreement or updates it. Members left out of `metadata` (`parties`, `summary`,
    /// `alert_days`) keep their stored values, as an agreement defined in an ingested record keeps
    /// its parties; `alert_days: []` is kept apart from none. Parties never seen before are
    /// created as actors named after their id. Alert engines are told through
    /// the `AgreementChangeFeed`, since new thresholds change what is due.
    public func upsert(_ metadata: AgreementMetadata) async throws -> AgreementUpsertOutcome {
        try await StoreError.translating {
            try await pool.withTransaction { connection in
                if let parties = metadata.parties, !parties.isEmpty {
                    try connection.query(
                        "INSERT INTO actors (id, name) SELECT id, id FROM unnest($1::text[]) AS id ON CONFLICT (id) DO NOTHING",
                        [parties]
                    )
                }
                let written = try connection.query(
                    """
                    INSERT INTO agreements AS a (id, title, summary, alert_days) VALUES ($1::text, $2::text, $3::text, $4::int[])
                    ON CONFLICT (id) DO UPDATE
                    SET title = EXCLUDED.title, summary = coalesce(EXCLUDED.summary, a.summary),
                        alert_days = coalesce(EXCLUDED.alert_days, a.alert_days), updated_at = now()
                    WHERE (a.title, a.summary, a.alert_days)
                          IS DISTINCT FROM (EXCLUDED.title, coalesce(EXCLUDED.summary, a.summary), coalesce(EXCLUDED.alert_days, a.alert_days))
                    RETURNING xmax = 0
                    """,
                    [metadata.id, metadata.title, metadata.summary, metadata.alertDays]
                )
                var outcome: AgreementUpsertOutcome =
                    if let row = written.first { try row.bool(0) ? .created : .updated } else { .unchanged }
                if let parties = metadata.parties, try Self.replaceParties(of: metadata.id, with: parties, on: connection) {
                    if outcome == .unchanged { outcome = .updated }
                }
                if outcome != .unchanged {
                    try AgreementChangeFeed.notify([metadata.id], on: connection)
                }
                return outcome
            }
        }
    }

    /// Makes `parties` the agreement's parties, in that order; true when that changed anything.
    private static func replaceParties(of id: String, with parties: [String], on connection: PostgresConnection) throws(PostgresError) -> Bool {
        let removed = try connection.query(
            "DELETE FROM agreement_parties WHERE agreement_id = $1::text AND actor_id <> ALL($2::text[])", [id, parties]
        )
        let written = try connection.query(
            """
            INSERT INTO agreement_parties AS p (agreement_id, actor_id, position)
            SELECT $1::text, actor_id, position - 1 FROM unnest($2::text[]) WITH ORDINALITY AS n(actor_id, position)
            ON CONFLICT (agreement_id, actor_id) DO UPDATE SET position = EXCLUDED.position
            WHERE p.position <> EXCLUDED.position
            """,
            [id, parties]
        )
        return removed.affectedRows + written.affectedRows > 0
    }

    /// The inputs of every agreement (`ids` nil) or of those named, ordered by id; unknown ids are
    /// left out.
    public func inputs(ids: [String]? = nil) async throws -> [AgreementInput] {
        try await StoreError.translating {
            try await load(AgreementInputQuery(ids: ids))
        }
    }

    /// `GET /v1/agreements/{id}`; nil when there is no such agreement.
    public func agreement(id: String, on date: CalendarDate, defaultThresholds: [Int]) async throws -> AgreementLifecycleView? {
        try await StoreError.translating {
            try await load(AgreementInputQuery(ids: [id])).first.map {
                AgreementLifecycleView($0, on: date, defaultThresholds: defaultThresholds)
            }
        }
    }

    /// `GET /v1/agreements`: every agreement, or those with `party` among their parties and a status
    /// in `statuses` (empty: any), evaluated on `date`.
    public func agreements(
        on date: CalendarDate, statuses: Set<AgreementStatus> = [], party: String? = nil, defaultThresholds: [Int]
    ) async throws -> AgreementList {
        try await StoreError.translating {
            let views = try await load(AgreementInputQuery(party: party)).lazy
                .map { AgreementLifecycleView($0, on: date, defaultThresholds: defaultThresholds) }
                .filter { statuses.isEmpty || statuses.contains($0.lifecycle.status) }
            return AgreementList(agreements: Array(views))
        }
    }

    /// `GET /v1/alerts`: the agreements expiring within `days` after `date` (nil: each one's largest
    /// threshold) and those expired but not terminated, soonest first.
    public func alerts(on date: CalendarDate, within days: Int? = nil, defaultThresholds: [Int]) async throws -> AlertList {
        try await StoreError.translating {
            let inputs = try await load(AgreementInputQuery())
            return AlertList(
                asOf: date,
                alerts: inputs.compactMap { AlertListItem($0, on: date, within: days, defaultThresholds: defaultThresholds) })
        }
    }

    private func load(_ query: AgreementInputQuery) async throws -> [AgreementInput] {
        try await pool.withConnection { connection in try connection.transaction(.readOnlySnapshot) { try query.load(on: $0) } }
    }
}
