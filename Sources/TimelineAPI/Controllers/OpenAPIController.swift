import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 document of this API, embedded in the binary at build
/// time, so the daemon always describes the version that runs.
struct OpenAPIController {
    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get("openapi.json", use: document)
    }

    private static let document = JSONDocument(PackageResources.openapi_json)

    @Sendable private func document(_ request: Request, context: APIRequestContext) -> JSONDocument {
        Self.document
    }
}
