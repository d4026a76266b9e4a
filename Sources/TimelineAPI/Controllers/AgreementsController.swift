import Hummingbird
import TimelineCore
import TimelineStore

/// `/v1/agreements`: agreement metadata, and lifecycle views (contract §4) on a day.
struct AgreementsController {
    let reader: any AgreementReading
    let definer: any AgreementDefining
    let body: RecordBodyReader
    /// Read once per request: a reload may change them.
    let alerts: @Sendable () -> AlertSettings

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .post(use: define)
            .get(use: list)
            .get("{id}", use: agreement)
    }

    /// `POST /v1/agreements`: creates (201, with `Location`) or updates (200) the metadata, and
    /// answers the agreement as it stands today.
    @Sendable private func define(_ request: Request, context: APIRequestContext) async throws -> some ResponseGenerator {
        _ = try QueryParameters(request, accepting: [])
        let metadata = try AgreementMetadataValidator.validate(try await body.document(from: request)).get()
        let outcome = try await definer.upsert(metadata)
        let location = "/v1/agreements/\(metadata.id)"
        // Agreements are never deleted, so the one just written is there to read.
        let alerts = alerts()
        let view = try await view(of: metadata.id, on: alerts.today(), thresholds: alerts.thresholds, path: location)
        return outcome == .created
            ? EditedResponse(status: .created, headers: [.location: location], response: EncodedBody(view))
            : EditedResponse(status: .ok, response: EncodedBody(view))
    }

    /// `GET /v1/agreements`: every agreement matching `status` and `party`, ordered by id.
    @Sendable private func list(_ request: Request, context: APIRequestContext) async throws -> EncodedBody<AgreementList> {
        let parameters = try QueryParameters(request, accepting: ["as_of", "status", "party"])
        let alerts = alerts()
        let day = try parameters.evaluationDay(alerts)
        let list = try await reader.agreements(
            on: day, statuses: try parameters.statuses(), party: try parameters.party(), defaultThresholds: alerts.thresholds)
        return EncodedBody(list)
    }

    /// `GET /v1/agreements/{id}`.
    @Sendable private func agreement(_ request: Request, context: APIRequestContext) async throws -> EncodedBody<AgreementLifecycleView> {
        let alerts = alerts()
        let day = try QueryParameters(request, accepting: ["as_of"]).evaluationDay(alerts)
        let id = try ResourceID.agreement(of: request, context: context)
        return EncodedBody(try await view(of: id, on: day, thresholds: alerts.thresholds, path: request.uri.path))
    }

    /// The agreement's view on `day`; 404 naming `path` when there is no such agreement.
    private func view(of id: String, on day: CalendarDate, thresholds: [Int], path: String) async throws -> AgreementLifecycleView {
        guard let view = try await reader.agreement(id: id, on: day, defaultThresholds: thresholds) else {
            throw APIError.notFound(path: path)
        }
        return view
    }
}
