import Hummingbird
import TimelineCore
import TimelineStore

/// `/v1/events`: ingest now; reading, revisions and retraction join it here.
struct EventsController {
    let ingestor: any EventIngesting
    let body: RecordBodyReader
    let metrics: APIMetrics

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .post(use: ingest)
    }

    /// `POST /v1/events`: the whole request is stored or none of it (contract §3).
    @Sendable private func ingest(_ request: Request, context: APIRequestContext) async throws -> IngestResponse {
        _ = try QueryParameters(request, accepting: [])
        let values = try await body.records(from: request)
        // A well-formed body without records (`[]`, or NDJSON of blank lines) is 422 like any
        // other unacceptable content; 400 stays for bodies that do not parse, an empty JSON body among them.
        guard !values.isEmpty else {
            throw APIError.invalidRecords(ValidationErrors(issues: [
                ValidationIssue(index: nil, field: "", message: "the request contains no records"),
            ]))
        }
        let results = try await ingestor.ingest(values)
        metrics.recordIngested(results)
        return IngestResponse(results: results)
    }
}
