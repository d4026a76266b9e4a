import Hummingbird

/// Every route of the API, over the repositories it is given; tests build it over a real
/// database without starting a daemon.
public func buildRouter(readiness: any ReadinessProbe) -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    HealthController(probe: readiness).addRoutes(to: router)
    return router
}
