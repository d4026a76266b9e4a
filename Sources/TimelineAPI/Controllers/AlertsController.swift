import Hummingbird
import TimelineStore

/// `/v1/alerts`: the agreements expiring soon or lapsed, and the ledger of notifications emitted.
struct AlertsController {
    let reader: any AgreementReading
    let ledger: any NotificationReading
    /// Read once per request: a reload may change them.
    let alerts: @Sendable () -> AlertSettings

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: list)
            .get("notifications", use: notifications)
    }

    /// `GET /v1/alerts`: soonest expiry first.
    @Sendable private func list(_ request: Request, context: APIRequestContext) async throws -> EncodedBody<AlertList> {
        let parameters = try QueryParameters(request, accepting: ["as_of", "within"])
        let alerts = alerts()
        let day = try parameters.evaluationDay(alerts)
        return EncodedBody(try await reader.alerts(on: day, within: try parameters.withinDays(), defaultThresholds: alerts.thresholds))
    }

    /// `GET /v1/alerts/notifications`: oldest first, as PostgreSQL built it.
    @Sendable private func notifications(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        let since = try QueryParameters(request, accepting: ["since"]).since()
        return JSONDocument(try await ledger.notifications(since: since))
    }
}
