import Hummingbird
import Prometheus

/// Every route of the API over the stores it is given; tests build it over a real database
/// without starting a daemon.
///
/// - Parameters:
///   - ingestor: the one ingest path (`EventIngestor`).
///   - events: the event reads and the timeline (`EventReadStore`).
///   - retractor: `DELETE /v1/events/{id}` (`EventRetractor`).
///   - actors: the actor reads (`ActorStore`).
///   - readiness: answers `/readyz`.
///   - pool: read at every `/metrics` scrape.
///   - configuration: body limit and bearer tokens.
///   - metrics: where the HTTP and ingest series live; not the global `MetricsSystem`, so
///     several applications can share a process.
public func buildRouter(
    ingestor: any EventIngesting,
    events: any EventReading,
    retractor: any EventRetracting,
    actors: any ActorReading,
    readiness: any ReadinessProbe,
    pool: any PoolStatisticsProviding,
    configuration: APIConfiguration,
    metrics registry: PrometheusCollectorRegistry
) -> Router<APIRequestContext> {
    let metrics = APIMetrics(registry: registry, pool: pool)
    let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Outermost first. They wrap every route, 404s and 405s included, and must be added
    // before any route: Hummingbird binds a route to the middleware added before it.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ObservationMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())

    let routes = RouteTable(router)
    routes.group()
        .add(middleware: WriteAuthorizationMiddleware(tokens: BearerTokenVerifier(hexHashes: configuration.tokenHashes)))
        .addRoutes(HealthController(probe: readiness).endpoints)
        .addRoutes(MetricsController(metrics: metrics).endpoints)
        .addRoutes(OpenAPIController().endpoints)
        .addRoutes(
            EventsController(
                ingestor: ingestor, reader: events, retractor: retractor,
                body: RecordBodyReader(maxBytes: configuration.maxBodyBytes), metrics: metrics
            ).endpoints,
            atPath: "/v1/events")
        .addRoutes(TimelineController(reader: events).endpoints, atPath: "/v1/timeline")
        .addRoutes(ActorsController(reader: actors).endpoints, atPath: "/v1/actors")
    routes.answerOtherMethodsNotAllowed()
    return router
}
