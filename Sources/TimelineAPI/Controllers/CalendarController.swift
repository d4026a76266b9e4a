import Foundation
import Hummingbird

/// `GET /v1/calendar.ics`: the agreement expiry feed calendar applications subscribe to.
struct CalendarController {
    let reader: any AgreementReading
    /// Read once per request: a reload may change them.
    let alerts: @Sendable () -> AlertSettings

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: feed)
    }

    /// Ignores its query string, unlike the other reads: subscribers add one to make Google
    /// Calendar fetch a URL afresh (`?v=2`), and a 400 there would silently empty their calendar.
    @Sendable private func feed(_ request: Request, context: APIRequestContext) async throws -> Response {
        let now = Date()
        let alerts = alerts()
        let document = CalendarFeed.render(
            agreements: try await reader.inputs(ids: nil), on: try alerts.today(now: now),
            defaultThresholds: alerts.thresholds, stamp: now)
        let body = ByteBuffer(string: document)
        return Response(
            status: .ok,
            headers: [.contentType: CalendarFeed.contentType, .contentLength: String(body.readableBytes)],
            body: ResponseBody(byteBuffer: body))
    }
}
