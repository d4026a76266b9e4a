import Foundation
import Hummingbird
import TimelineCore
import TimelinePages

/// `GET /v1/timeline`: one page of events matching every filter given, as v1 JSON or, with
/// `format=timelinejs`, as TimelineJS3 JSON (contract §13); both conditional and cached.
struct TimelineController {
    let reader: any EventReading
    let agreements: any AgreementReading
    let responder: ConditionalResponder

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: timeline)
    }

    @Sendable private func timeline(_ request: Request, context: APIRequestContext) async throws -> Response {
        let query = try TimelineQuery(request, alongside: [TimelineFormat.parameterName])
        let format = try TimelineFormat(request)
        return try await responder.respond(to: request, contentType: "application/json") {
            let page = try await reader.timeline(query)
            switch format {
            case .json:
                return ByteBuffer(bytes: page)
            case .timelinejs:
                let events = try TimelinePageDocument(json: page).events
                var terms: [AgreementTerm] = []
                if query.agreement != nil {
                    let alerts = responder.configuration().alerts
                    terms = try await agreements.terms(
                        for: query, events: [], on: try alerts.today(), defaultThresholds: alerts.thresholds)
                }
                return ByteBuffer(bytes: try context.responseEncoder.encode(TimelineJSDocument(events: events, terms: terms)))
            }
        }
    }
}
