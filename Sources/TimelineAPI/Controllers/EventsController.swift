import Foundation
import Hummingbird
import TimelineCore
import TimelineStore

/// `/v1/events`: ingest, one event, its revisions, retraction, confirmation.
struct EventsController {
    let ingestor: any EventIngesting
    let reader: any EventReading
    let retractor: any EventRetracting
    let confirmer: any EventConfirming
    let body: RecordBodyReader
    let metrics: APIMetrics

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .post(use: ingest)
            .get("{id}", use: event)
            .delete("{id}", use: retract)
            .get("{id}/revisions", use: revisions)
            .post("{id}/confirm", use: confirm)
    }

    /// `POST /v1/events`: the whole request is stored or none of it (contract §3).
    @Sendable private func ingest(_ request: Request, context: APIRequestContext) async throws -> IngestResponse {
        _ = try QueryParameters(request, accepting: [])
        let records = try await body.records(from: request)
        // A well-formed body without records (`[]`, or NDJSON of blank lines) is 422 like any
        // other unacceptable content; 400 stays for bodies that do not parse, an empty JSON body among them.
        guard !records.isEmpty else {
            throw APIError.invalidRecords(ValidationErrors(issues: [
                ValidationIssue(index: nil, field: "", message: "the request contains no records"),
            ]))
        }
        // Whoever calls the API speaks as a person (contract §9).
        let results = try await ingestor.store(records, origin: .person)
        metrics.recordIngested(results)
        return IngestResponse(results: results)
    }

    /// `GET /v1/events/{id}`: the current revision, also when it is a retraction.
    @Sendable private func event(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        try await document(of: request, context: context, reader.event(id:))
    }

    /// `GET /v1/events/{id}/revisions`: the whole history, oldest first.
    @Sendable private func revisions(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        try await document(of: request, context: context, reader.revisions(id:))
    }

    /// `DELETE /v1/events/{id}`: a new revision marked retracted; nothing is erased.
    @Sendable private func retract(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        try await document(of: request, context: context, retractor.retract(id:))
    }

    /// `POST /v1/events/{id}/confirm` (contract §9): a candidate becomes a confirmed event, with
    /// the body's record fields changed at the same time; 409 for an event that is not a candidate.
    @Sendable private func confirm(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        _ = try QueryParameters(request, accepting: [])
        let id = try ResourceID.event(of: request, context: context)
        let changes = try await body.optionalDocument(from: request)
        switch try await confirmer.confirm(id: id, changes: changes) {
        case .confirmed(let document):
            return JSONDocument(document)
        case .notFound:
            throw APIError.notFound(path: request.uri.path)
        case .notCandidate(let retracted):
            throw APIError.conflict(
                retracted
                    ? "Event \(id) is retracted: only a candidate can be confirmed. Post its record again to bring it back."
                    : "Event \(id) is confirmed already: only a candidate can be confirmed.")
        }
    }

    /// What `load` answers for the event the path names; 404 when there is none.
    private func document(
        of request: Request, context: APIRequestContext, _ load: (Int64) async throws -> Data?
    ) async throws -> JSONDocument {
        _ = try QueryParameters(request, accepting: [])
        let id = try ResourceID.event(of: request, context: context)
        guard let document = try await load(id) else { throw APIError.notFound(path: request.uri.path) }
        return JSONDocument(document)
    }
}
