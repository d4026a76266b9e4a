import Hummingbird
import TimelineCore
import TimelineStore

/// `/v1/alerts`: the agreements expiring soon or lapsed, the ledger of notifications emitted, and
/// their deliveries to the outbox channels.
struct AlertsController {
    let reader: any AgreementReading
    let ledger: any NotificationReading
    let deliveries: any DeliveryReading
    /// Read once per request: a reload may change them.
    let alerts: @Sendable () -> AlertSettings

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: list)
            .get("notifications", use: notifications)
            .get("deliveries", use: listDeliveries)
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

    /// `GET /v1/alerts/deliveries`: newest first, every status unless `status` names some.
    @Sendable private func listDeliveries(_ request: Request, context: APIRequestContext) async throws -> JSONDocument {
        let parameters = try QueryParameters(request, accepting: QueryParameters.pagingNames.union(["channel", "status"]))
        let channel = try parameters.value("channel", expected: "a channel name") { $0.isEmpty ? nil : String($0) }
        let statuses = try parameters.list("status", expected: "pending, delivered or failed, comma-separated") {
            DeliveryStatus(rawValue: String($0))
        } ?? DeliveryStatus.allCases
        let limit = try parameters.pageLimit()
        let cursor = try parameters.cursor(DeliveryCursor.init(encoded:))
        return JSONDocument(
            try await deliveries.deliveries(channel: channel, statuses: statuses, limit: limit, after: cursor?.encoded))
    }
}
