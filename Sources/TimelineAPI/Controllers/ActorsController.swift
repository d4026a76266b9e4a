import Hummingbird
import TimelineCore

/// `/v1/actors`: every actor by id with its event count, and one actor.
struct ActorsController {
    let reader: any ActorReading

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: list)
            .get("{id}", use: actor)
    }

    /// `GET /v1/actors`: one page, ordered by id.
    @Sendable private func list(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        let parameters = try QueryParameters(request, accepting: QueryParameters.pagingNames)
        let limit = try parameters.pageLimit()
        // Read here, so that a bad cursor is a 400 naming it like the timeline's, before any query.
        let cursor = try parameters.cursor(ActorCursor.init(encoded:))
        return JSONDocument(try await reader.actors(limit: limit, after: cursor?.encoded))
    }

    /// `GET /v1/actors/{id}`.
    @Sendable private func actor(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        _ = try QueryParameters(request, accepting: [])
        let id = try ResourceID.actor(of: request, context: context)
        guard let document = try await reader.actor(id: id) else { throw APIError.notFound(path: request.uri.path) }
        return JSONDocument(document)
    }
}
