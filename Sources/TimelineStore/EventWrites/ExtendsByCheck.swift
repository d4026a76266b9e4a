import Postgres
import TimelineCore

/// Contract §4: an `extends_by` needs an earlier expiry to extend. Whether there is one depends on
/// the agreement's other events, stored or in the same batch, so an ingest runs this after writing
/// its revisions, in its own transaction, over the lifecycles as they would be committed; a
/// problem with one of the batch's events rejects the whole batch (the transaction rolls back).
///
/// Only agreements the batch gives an `extends_by` are read: no other agreement can have a problem
/// with one of the batch's events.
struct ExtendsByCheck {
    /// The record index of each event whose current revision the batch writes with an `extends_by`.
    private var indexes: [String: Int] = [:]
    private var agreements: Set<String> = []

    init(_ plan: IngestPlan) {
        for revision in plan.revisions where !revision.isSupersededInBatch {
            let record = revision.entry.record
            guard record.extendsBy != nil, let agreement = record.agreement?.id else { continue }
            indexes[String(plan.eventID(revision.event))] = revision.entry.index
            agreements.insert(agreement)
        }
    }

    /// Throws `ValidationErrors` with one `extends_by` issue per record that cannot be applied.
    func run(on connection: PostgresConnection) throws {
        guard !agreements.isEmpty else { return }
        let inputs = try AgreementInputQuery(ids: agreements.sorted()).load(on: connection)
        let issues = inputs.flatMap { Lifecycle.problems(in: $0.events) }.compactMap { problem in
            indexes[problem.eventID].map { ValidationIssue(index: $0, field: "extends_by", message: problem.message) }
        }
        if !issues.isEmpty {
            throw ValidationErrors(issues: issues.sorted { ($0.index ?? -1) < ($1.index ?? -1) })
        }
    }
}
