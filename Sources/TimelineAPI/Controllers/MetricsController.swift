import Hummingbird
import TimelineCore

/// `GET /metrics`: the Prometheus text exposition.
struct MetricsController {
    let metrics: APIMetrics
    /// nil: no agreement series (an API over stores without them).
    let agreements: (any AgreementMetricsReading)?
    let alerts: @Sendable () -> AlertSettings

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get("metrics", use: scrape)
    }

    @Sendable private func scrape(_ request: Request, context: APIRequestContext) async throws -> Response {
        let body = metrics.exposition() + (try await agreementSeries(context: context))
        return Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .contentLength: String(body.count)],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }

    /// Without the database the HTTP and pool series are still worth a scrape: the agreement series
    /// are left out (which the shipped rules wait out with `for:`) and the failure logged.
    private func agreementSeries(context: APIRequestContext) async throws -> [UInt8] {
        guard let agreements else { return [] }
        let settings = alerts()
        let today = try settings.today()
        do {
            let counts = try await agreements.statusCounts(on: today, defaultThresholds: settings.thresholds)
            let expiries = settings.expiryMetrics ? try await agreements.expiryTimestamps(timeZone: settings.timeZone.identifier) : nil
            return AgreementSeries(expiries: expiries, statusCounts: counts).exposition
        } catch {
            context.logger.warning("agreement metrics left out of the scrape", metadata: ["error": "\(error)"])
            return []
        }
    }
}
