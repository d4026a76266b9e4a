import Postgres
import TimelineCore

extension ValidationErrors {
    /// The indexes a value of a record field ends up in, by name.
    private static let fieldsByIndex = [
        ("actor_timeline", "actors"), ("event_actors", "actors"), ("event_revisions_tags", "tags"),
        ("event_revisions_search", "title"), ("events_key", "key"), ("agreement", "agreement"),
    ]

    /// A value PostgreSQL cannot index (SQLSTATE 54000) as a record issue naming the field. The
    /// validator's limits keep every value within what the schema holds; this is the last line
    /// of defence, should a limit and the schema ever disagree, so that the client still learns
    /// which field to shorten and the request is refused, not failed.
    init?(tooLargeToStore error: PostgresError) {
        guard case .server(let server) = error, server.sqlState == ServerError.programLimitExceeded else { return nil }
        let field = Self.fieldsByIndex.first { server.message.contains($0.0) }?.1 ?? ""
        self.init(issues: [
            ValidationIssue(
                index: nil, field: field,
                message: "a value is too large for the database to store and index; shorten it or use fewer values"),
        ])
    }
}
