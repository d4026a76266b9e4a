import Hummingbird
import Prometheus
import TimelineStore

/// Every route of the API over the stores it is given; tests build it over a real database
/// without starting a daemon.
///
/// - Parameters:
///   - dependencies: the stores the routes read and write through.
///   - configuration: body limit, bearer tokens, and the alert settings "today" and the default
///     thresholds come from. Read at every request, so a reloaded configuration applies at
///     once; only the body limit is taken when the router is built.
///   - metrics: where the HTTP and ingest series live; not the global `MetricsSystem`, so
///     several applications can share a process.
public func buildRouter(
    _ dependencies: APIDependencies,
    configuration: @escaping @Sendable () -> APIConfiguration,
    metrics registry: PrometheusCollectorRegistry
) -> Router<APIRequestContext> {
    let metrics = APIMetrics(registry: registry, pool: dependencies.pool)
    let body = RecordBodyReader(maxBytes: configuration().maxBodyBytes, maxRecords: configuration().maxRecords)
    let router = Router(context: APIRequestContext.self, options: .autoGenerateHeadEndpoints)
    // Outermost first. They wrap every route, 404s and 405s included, and must be added
    // before any route: Hummingbird binds a route to the middleware added before it.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: ObservationMiddleware(metrics: metrics))
    router.add(middleware: ProblemMiddleware())

    let responder = ConditionalResponder(
        sequence: dependencies.changes, cache: dependencies.responseCache, configuration: configuration)
    let routes = RouteTable(router)
    routes.group()
        .add(middleware: WriteAuthorizationMiddleware(tokens: { BearerTokenVerifier(hexHashes: configuration().tokenHashes) }))
        .addRoutes(HealthController(probe: dependencies.readiness).endpoints)
        .addRoutes(
            MetricsController(metrics: metrics, agreements: dependencies.agreementMetrics, alerts: { configuration().alerts })
                .endpoints)
        .addRoutes(OpenAPIController().endpoints)
        .addRoutes(
            EventsController(
                ingestor: dependencies.ingestor, reader: dependencies.events, retractor: dependencies.retractor,
                confirmer: dependencies.confirmer,
                body: body, metrics: metrics
            ).endpoints,
            atPath: "/v1/events")
        .addRoutes(
            TimelineController(reader: dependencies.events, agreements: dependencies.agreements, responder: responder).endpoints,
            atPath: "/v1/timeline")
        .addRoutes(ActorsController(reader: dependencies.actors).endpoints, atPath: "/v1/actors")
        .addRoutes(
            AgreementsController(
                reader: dependencies.agreements, definer: dependencies.agreementDefiner, body: body,
                alerts: { configuration().alerts }
            ).endpoints,
            atPath: "/v1/agreements")
        .addRoutes(
            AlertsController(
                reader: dependencies.agreements, ledger: dependencies.notifications, deliveries: dependencies.deliveries,
                alerts: { configuration().alerts })
                .endpoints,
            atPath: "/v1/alerts")
        .addRoutes(
            CalendarController(reader: dependencies.agreements, alerts: { configuration().alerts }).endpoints,
            atPath: "/v1/calendar.ics")
        .addRoutes(
            PagesController(
                events: dependencies.events, agreements: dependencies.agreements, notifications: dependencies.notifications,
                responder: responder
            ).endpoints)
    routes.answerOtherMethodsNotAllowed()
    return router
}
