import Hummingbird
import TimelineCore

/// `GET /v1/timeline`: one page of events matching every filter given.
struct TimelineController {
    let reader: any EventReading

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: timeline)
    }

    @Sendable private func timeline(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        JSONDocument(try await reader.timeline(TimelineQuery(request)))
    }
}
