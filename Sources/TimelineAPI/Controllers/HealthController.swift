import Hummingbird

/// `/healthz` (the process runs) and `/readyz` (it can serve: database reachable, schema current).
struct HealthController {
    let probe: any ReadinessProbe

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get("healthz", use: health)
            .get("readyz", use: ready)
    }

    private struct Status: ResponseEncodable {
        let status: String
    }

    @Sendable private func health(_ request: Request, context: APIRequestContext) -> Status {
        Status(status: "ok")
    }

    @Sendable private func ready(_ request: Request, context: APIRequestContext) async throws -> Status {
        let readiness = await probe.readiness()
        guard readiness == .ready else { throw APIError.notReady(readiness.rawValue) }
        return Status(status: readiness.rawValue)
    }
}
