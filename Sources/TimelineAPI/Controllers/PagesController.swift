import Hummingbird
import TimelineCore
import TimelinePages

/// The pages for people (contract §13): `/`, `/timeline`, `/agreements/{id}` and their
/// stylesheet. Reads through the same stores as the JSON API; view models and templates live in
/// `TimelinePages`.
struct PagesController {
    let events: any EventReading
    let agreements: any AgreementReading
    let notifications: any NotificationReading
    let responder: ConditionalResponder
    let renderer = PageRenderer()

    /// What the board lists under "Recent events".
    static let recentCount = 12
    /// Events drawn on an agreement's page.
    static let agreementEventLimit = 500
    /// Pages load nothing from another host, run no script and are framed only by their own origin;
    /// the empty `data:` icon keeps browsers from asking for a /favicon.ico there is none of.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'self'"

    var endpoints: RouteCollection<APIRequestContext> {
        RouteCollection(context: APIRequestContext.self)
            .get(use: board)
            .get("timeline", use: timeline)
            .get("agreements/{id}", use: agreement)
            .get("assets/timelined.css", use: stylesheet)
    }

    @Sendable private func board(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try QueryParameters(request, accepting: [])
        return try await page(request) { alerts, today in
            var recent = TimelineQuery()
            recent.order = .descending
            recent.limit = Self.recentCount
            let list = try await agreements.agreements(on: today, statuses: [], party: nil, defaultThresholds: alerts.thresholds)
            let events = try TimelinePageDocument(json: try await events.timeline(recent)).events
            return renderer.render(BoardPage(agreements: list, recent: events, today: today))
        }
    }

    /// The search form sends every field, filled or not; an empty one is dropped by a redirect, so
    /// that the timeline parameters stay as strict as the API's.
    @Sendable private func timeline(_ request: Request, context: APIRequestContext) async throws -> Response {
        let pairs = request.uri.queryParameters.map { (name: String($0.key), value: String($0.value)) }
        let filled = pairs.filter { !$0.value.isEmpty }
        guard filled.count == pairs.count else {
            let location = "/timeline" + QueryString(filled).text
            // Read as the page will read it: a bad parameter is a 400 now, not after the redirect.
            let redirected = Request(
                head: HTTPRequest(method: .get, scheme: nil, authority: nil, path: location), body: RequestBody(buffer: ByteBuffer()))
            _ = try TimelineQuery(redirected)
            return Response(status: .seeOther, headers: [.location: location])
        }
        let query = try TimelineQuery(request)
        return try await page(request) { alerts, today in
            let document = try TimelinePageDocument(json: try await events.timeline(query))
            let terms = try await agreements.terms(
                for: query, events: document.events, on: today, defaultThresholds: alerts.thresholds)
            return renderer.render(
                TimelinePage(query: query, parameters: QueryString(pairs), document: document, terms: terms, today: today))
        }
    }

    @Sendable private func agreement(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try QueryParameters(request, accepting: [])
        let id = try ResourceID.agreement(of: request, context: context)
        return try await page(request) { alerts, today in
            guard let view = try await agreements.agreement(id: id, on: today, defaultThresholds: alerts.thresholds) else {
                throw APIError.notFound(path: request.uri.path)
            }
            var query = TimelineQuery()
            query.agreement = id
            query.limit = Self.agreementEventLimit
            let events = try TimelinePageDocument(json: try await events.timeline(query)).events
            let emitted = try JSONValue(parsing: try await notifications.notifications(since: nil))["notifications"]?.arrayValue ?? []
            return renderer.render(AgreementPage(view: view, events: events, notifications: emitted, today: today))
        }
    }

    @Sendable private func stylesheet(_ request: Request, context: APIRequestContext) -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: PageRenderer.stylesheet)))
    }

    /// A page rendered with today's alert settings, conditional and cached like the timeline.
    private func page(
        _ request: Request, render: @escaping (AlertSettings, CalendarDate) async throws -> [UInt8]
    ) async throws -> Response {
        var response = try await responder.respond(to: request, contentType: "text/html; charset=utf-8") {
            let alerts = responder.configuration().alerts
            return ByteBuffer(bytes: try await render(alerts, try alerts.today()))
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        return response
    }
}
